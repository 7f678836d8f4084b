"""The service navigation: each area of practice registers its entries when its app is ready."""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str | None = None
    order: int = 100
    section: str = ""  # the URL namespace that marks this entry as current


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if item not in _ITEMS:
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda i: i.order)


def items() -> tuple[NavItem, ...]:
    return tuple(_ITEMS)

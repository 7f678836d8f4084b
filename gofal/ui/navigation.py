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


@dataclass(frozen=True)
class PersonTab:
    """An entry in the sub-navigation on every child's pages (URL takes the person's id)."""

    label: str | Promise
    url_name: str
    order: int = 100
    permission: str | None = None  # shown only to users with this permission


_PERSON_TABS: list[PersonTab] = []


def register_person_tab(tab: PersonTab) -> None:
    if tab not in _PERSON_TABS:
        _PERSON_TABS.append(tab)
        _PERSON_TABS.sort(key=lambda t: t.order)


def person_tabs() -> tuple[PersonTab, ...]:
    return tuple(_PERSON_TABS)

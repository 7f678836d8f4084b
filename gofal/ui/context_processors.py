import functools

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from gofal.ui import navigation


@functools.lru_cache(maxsize=256)
def _href(script_prefix: str, url_name: str) -> str:
    """A navigation entry's address: the same on every request (for one script prefix), so
    reversed once rather than on every page."""
    return reverse(url_name)


def gofal(request: HttpRequest) -> dict:
    acting = getattr(request, "acting", None)
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        current = getattr(getattr(request, "resolver_match", None), "view_name", "") or ""
        for item in navigation.items():
            if item.permission and not user.has_perm(item.permission):
                continue
            nav.append(
                {
                    "label": item.label,
                    "href": _href(get_script_prefix(), item.url_name),
                    "current": current == item.url_name
                    or bool(item.section and current.startswith(item.section + ":")),
                }
            )
    return {
        "acting": acting,
        "current_authority": getattr(acting, "authority", None),
        "service_navigation": nav,
    }

"""`{% person_tabs person as tabs %}`: the tabs registered with gofal.ui.navigation, for one
person, filtered by permission and with the current one marked (used by person_nav.html)."""

import functools
from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import gettext as _

from gofal.ui import navigation

register = template.Library()
_ANY_ID = "00000000-0000-0000-0000-000000000000"


@functools.lru_cache(maxsize=256)
def _tab_href(script_prefix: str, url_name: str) -> str | None:
    """A tab's address with a stand-in id: the same for every person (for one script prefix),
    so reversed once per process rather than once a tab on every page. None if it has none."""
    try:
        return reverse(url_name, args=[_ANY_ID])
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class Tab:
    label: str
    href: str
    current: bool


@dataclass(frozen=True)
class PersonNav:
    label: str  # the navigation's accessible name
    tabs: list[Tab]


@register.simple_tag(takes_context=True)
def person_tabs(context: template.Context, person: Any) -> PersonNav:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    path = getattr(request, "path", "")
    prefix, person_id = get_script_prefix(), str(person.pk)
    found: list[tuple[str, str]] = []
    for tab in navigation.person_tabs():
        if tab.permission and not (user is not None and user.has_perm(tab.permission)):
            continue
        href = _tab_href(prefix, tab.url_name)
        if href is not None:
            found.append((str(tab.label), href.replace(_ANY_ID, person_id)))
    # the current tab is the one whose address is the longest start of this page's address
    matching = [href for _, href in found if path.startswith(href)]
    current = max(matching, key=len) if matching else ""
    return PersonNav(
        label=_("Sections of this record"),
        tabs=[Tab(label=label, href=href, current=href == current) for label, href in found],
    )

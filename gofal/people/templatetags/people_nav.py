"""`{% person_tabs person as tabs %}`: the tabs registered with gofal.ui.navigation, for one
person, filtered by permission and with the current one marked (used by person_nav.html)."""

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from gofal.ui import navigation

register = template.Library()


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
    found: list[tuple[str, str]] = []
    for tab in navigation.person_tabs():
        if tab.permission and not (user is not None and user.has_perm(tab.permission)):
            continue
        try:
            href = reverse(tab.url_name, args=[person.pk])
        except NoReverseMatch:
            continue
        found.append((str(tab.label), href))
    # the current tab is the one whose address is the longest start of this page's address
    matching = [href for _, href in found if path.startswith(href)]
    current = max(matching, key=len) if matching else ""
    return PersonNav(
        label=_("Sections of this record"),
        tabs=[Tab(label=label, href=href, current=href == current) for label, href in found],
    )

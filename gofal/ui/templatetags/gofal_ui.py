"""Template helpers shared by every page (loaded as a builtin)."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django import template
from django.core.paginator import Page
from django.utils import formats, timezone

from gofal.ui.pagination import PAGE_PARAMETER, page_href, page_links
from gofal.ui.selectors import notifications_unread_count
from gofal.ui.sorting import Sorting

register = template.Library()


@register.filter
def govuk_date(value: date | datetime | None) -> str:
    """A date as GOV.UK writes it: 4 June 2025 (in the active language)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formats.date_format(value, "j F Y")


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    """A moment as GOV.UK writes it: 4 June 2025 at 2:15pm."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{formats.date_format(local, 'j F Y')}, {formats.time_format(local, 'H:i')}"


@register.inclusion_tag("components/summary_list.html")
def summary_list(rows: Iterable[Any], no_border: bool = False) -> dict[str, Any]:
    """A GOV.UK summary list: `{% summary_list rows %}` (see gofal.ui.components.summary_rows)."""
    rows = list(rows)
    return {
        "rows": rows,
        "no_border": no_border,
        "any_actions": any(_get(row, "action_href") for row in rows),
    }


def _get(row: Any, name: str) -> Any:
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(
    context: template.Context, page: Page, parameter: str = PAGE_PARAMETER, anchor: str = ""
) -> dict[str, Any]:
    """GOV.UK pagination for a page from gofal.ui.pagination.paginate, keeping other filters
    (`parameter` and `anchor` for a second list on the same page)."""
    request = context["request"]

    def href(number: int) -> str:
        return page_href(request, number, parameter, anchor)

    return {
        "page": page,
        "links": page_links(request, page, parameter=parameter, anchor=anchor),
        "previous_href": href(page.previous_page_number()) if page.has_previous() else "",
        "next_href": href(page.next_page_number()) if page.has_next() else "",
    }


@register.inclusion_tag("components/sortable_th.html")
def sortable_th(label: str, column: str, sorting: Sorting) -> dict[str, Any]:
    """A table header that sorts by `column` when followed (a link, so no JavaScript needed)."""
    return {"label": label, "href": sorting.href(column), "aria_sort": sorting.aria_sort(column)}


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """How many unread notifications the signed-in user has in this council (header badge)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return notifications_unread_count(user=user)

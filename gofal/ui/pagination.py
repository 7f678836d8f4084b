"""Pagination for lists, rendered as the GOV.UK pagination component (links, no JavaScript).

    page = paginate(request, queryset, per_page=25)
    {% pagination page %}

Two lists on one page each take their own parameter (and an anchor to come back to):

    page = paginate(request, queryset, parameter="changes_page")
    {% pagination page "changes_page" "changes" %}

Bad or out-of-range page numbers fall back to the nearest real page rather than failing.
"""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_PARAMETER = "page"


def paginate(
    request: HttpRequest, object_list: Any, *, per_page: int = 25, parameter: str = PAGE_PARAMETER
) -> Page:
    paginator = Paginator(object_list, per_page)
    return paginator.get_page(request.GET.get(parameter))


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for an ellipsis
    href: str = ""
    current: bool = False


def page_href(
    request: HttpRequest, number: int, parameter: str = PAGE_PARAMETER, anchor: str = ""
) -> str:
    """The current URL's query string with the page number replaced (other filters kept)."""
    query = request.GET.copy()
    query[parameter] = str(number)
    return "?" + query.urlencode() + (f"#{anchor}" if anchor else "")


def page_links(
    request: HttpRequest,
    page: Page,
    *,
    around: int = 1,
    parameter: str = PAGE_PARAMETER,
    anchor: str = "",
) -> list[PageLink]:
    """First, last, the current page and `around` either side, with ellipses for the gaps."""
    last = page.paginator.num_pages
    wanted = {1, last} | set(range(page.number - around, page.number + around + 1))
    links: list[PageLink] = []
    previous = 0
    for number in sorted(n for n in wanted if 1 <= n <= last):
        if number - previous > 1:
            links.append(PageLink(number=None))
        href = page_href(request, number, parameter, anchor)
        links.append(PageLink(number, href, number == page.number))
        previous = number
    return links

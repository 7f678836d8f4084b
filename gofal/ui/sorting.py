"""Sortable tables that work without JavaScript: column headers are links.

    ordering = Sorting(request, columns={"name": ("family_name", "given_name"), "born": ...},
                       default="name")
    queryset = ordering.apply(queryset)
    {% sortable_th _("Name") "name" ordering %}

Only the columns listed can be sorted on, so the query string cannot order by anything else.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest

SORT_PARAMETER = "sort"
DIRECTION_PARAMETER = "order"


class Sorting:
    def __init__(
        self,
        request: HttpRequest,
        *,
        columns: Mapping[str, Sequence[str]],
        default: str,
        default_descending: bool = False,
    ) -> None:
        self.request = request
        self.columns = columns
        requested = request.GET.get(SORT_PARAMETER, "")
        self.column = requested if requested in columns else default
        direction = request.GET.get(DIRECTION_PARAMETER, "")
        if requested in columns and direction in ("ascending", "descending"):
            self.descending = direction == "descending"
        else:
            self.descending = default_descending

    @property
    def order_by(self) -> list[str]:
        prefix = "-" if self.descending else ""
        return [prefix + field for field in self.columns[self.column]]

    def apply(self, queryset: Any) -> Any:
        return queryset.order_by(*self.order_by)

    def aria_sort(self, column: str) -> str:
        if column != self.column:
            return "none"
        return "descending" if self.descending else "ascending"

    def href(self, column: str) -> str:
        """Link that sorts by `column`: ascending first, or the other way if already sorted."""
        query = self.request.GET.copy()
        query.pop("page", None)
        query[SORT_PARAMETER] = column
        descending = column == self.column and not self.descending
        query[DIRECTION_PARAMETER] = "descending" if descending else "ascending"
        return "?" + query.urlencode()

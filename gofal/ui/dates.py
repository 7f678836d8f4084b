"""GOV.UK dates for long lists, formatted in Python.

`ListDates` writes exactly what the `govuk_date` filter writes ("4 June 2025", the month in the
active language), and the values a sortable table column sorts by. The filter looks up the
date format and translates the month name again for every date; a list builds one
`ListDates` and every row reuses its month names, which matters when a page lists a hundred
rows with three dates each.
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import MONTHS


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _ymd(value: date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


class ListDates:
    """Date formatting for one page in the language active when it is made."""

    def __init__(self) -> None:
        self._months = {number: str(name) for number, name in MONTHS.items()}

    def text(self, value: date | datetime | None) -> str:
        """As the `govuk_date` filter: 4 June 2025; "" for no date."""
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = _local(value).date()
        return f"{value.day} {self._months[value.month]} {value.year:04d}"

    @staticmethod
    def sort_value(value: date | datetime | None, *, empty: str = "0") -> str:
        """What a sortable column sorts by: 20250604 for a date, 202506041415 for a moment
        (local time), as the `date` filter with "Ymd" or "YmdHi" gives them."""
        if value is None:
            return empty
        if isinstance(value, datetime):
            local = _local(value)
            return f"{_ymd(local)}{local.hour:02d}{local.minute:02d}"
        return _ymd(value)

"""GOV.UK dates for long lists, formatted in Python.

`ListDates` writes exactly what the `govuk_date` filter writes ("4 June 2025", the month in the
active language), and the values a sortable table column sorts by. The filter looks up the
date format, the time zone and the translated month name again for every date; a list builds
one `ListDates` and every row reuses them, which matters when a page lists a hundred rows with
three dates each.
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import MONTHS


def _ymd(value: date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


class ListDates:
    """Date formatting for one page, in the language and time zone active when it is made."""

    def __init__(self) -> None:
        self._months = {number: str(name) for number, name in MONTHS.items()}
        self._zone = timezone.get_current_timezone()

    def _local(self, value: datetime) -> datetime:
        return value.astimezone(self._zone) if timezone.is_aware(value) else value

    def text(self, value: date | datetime | None) -> str:
        """As the `govuk_date` filter: 4 June 2025; "" for no date."""
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = self._local(value).date()
        return f"{value.day} {self._months[value.month]} {value.year:04d}"

    def sort_value(self, value: date | datetime | None, *, empty: str = "0") -> str:
        """What a sortable column sorts by: 20250604 for a date, 202506041415 for a moment
        (local time), as the `date` filter with "Ymd" or "YmdHi" gives them."""
        if value is None:
            return empty
        if isinstance(value, datetime):
            local = self._local(value)
            return f"{_ymd(local)}{local.hour:02d}{local.minute:02d}"
        return _ymd(value)

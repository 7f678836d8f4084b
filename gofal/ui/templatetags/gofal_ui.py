"""Template helpers shared by every page (loaded as a builtin)."""

from datetime import date, datetime

from django import template
from django.utils import formats, timezone

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

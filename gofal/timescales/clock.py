"""The one place in timescales that reads the clock.

Views, commands and tasks (the edges) call `now()` once and pass the result down as `as_of`;
compute, calendar, services and selectors never read a clock (ruff bans it in this package, and a
test checks that they do not import this module).
"""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()

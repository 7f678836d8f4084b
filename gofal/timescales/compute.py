"""Pure functions for statutory clocks: due dates, status, timeliness, explanations.

No clock is read here: whatever depends on "now" takes `as_of`. No database is touched: rule
versions and calendars are passed in. Conventions (see docs/adr/0004-timescales.md):

- working days: the start day is day 0 and the due date is the Nth working day after it; a clock
  started on a non-working day counts from that day all the same;
- hours: elapsed real hours from the start instant (a clock change shifts the local time);
- calendar days, weeks and months: calendar arithmetic, a month end clamped (30 November plus
  3 months is 28 February, or 29 in a leap year);
- a deadline is met when the meeting event happens on or before the due day (or due instant,
  for hours).
"""

import calendar as stdlib_calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar

from gofal.timescales.calendar import LONDON, DayOff, WorkingDayCalendar, local_date

HOURS = "hours"
WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
WEEKS = "weeks"
MONTHS = "months"
UNITS = (HOURS, WORKING_DAYS, CALENDAR_DAYS, WEEKS, MONTHS)


@dataclass(frozen=True)
class Timescale:
    """How long a clock runs: a duration and its unit."""

    duration: int
    unit: str

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")
        if self.duration <= 0:
            raise ValueError("a timescale must be longer than nothing")


@dataclass(frozen=True)
class Due:
    """When a clock falls due: the day, and for hour rules the exact instant."""

    on: date
    at: datetime | None = None


class Status(StrEnum):
    NOT_YET_DUE = "not_yet_due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"


class Dated(Protocol):
    """Anything in force for a period: a rule version or a local standard."""

    @property
    def effective_from(self) -> date: ...

    @property
    def effective_to(self) -> date | None: ...


D = TypeVar("D", bound=Dated)


def in_force(items: Iterable[D], on: date) -> D | None:
    """The item in force on `on` (the latest to start, if periods overlap), or None."""
    best: D | None = None
    for item in items:
        if item.effective_from <= on and (item.effective_to is None or on <= item.effective_to):
            if best is None or item.effective_from > best.effective_from:
                best = item
    return best


def add_months(day: date, months: int) -> date:
    """Calendar months later, clamped to the month's last day (30 Nov + 3 months = 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def due(timescale: Timescale, started_at: datetime, calendar: WorkingDayCalendar) -> Due:
    """When a clock started at `started_at` (aware) falls due."""
    if started_at.tzinfo is None:
        raise ValueError("started_at must be an aware datetime")
    started_on = local_date(started_at)
    n = timescale.duration
    if timescale.unit == HOURS:
        # Elapsed real hours: add in UTC (adding to a Europe/London time would add wall-clock
        # hours and lose or gain the hour when the clocks change).
        at = started_at.astimezone(UTC) + timedelta(hours=n)
        return Due(on=local_date(at), at=at.astimezone(LONDON))
    if timescale.unit == WORKING_DAYS:
        return Due(on=calendar.add_working_days(started_on, n))
    if timescale.unit == CALENDAR_DAYS:
        return Due(on=started_on + timedelta(days=n))
    if timescale.unit == WEEKS:
        return Due(on=started_on + timedelta(weeks=n))
    return Due(on=add_months(started_on, n))


def is_stricter(local: Timescale, national: Timescale) -> bool:
    """A local standard may only shorten a rule, counted in the same unit."""
    return local.unit == national.unit and local.duration < national.duration


def applicable(national: Timescale, local: Timescale | None) -> Timescale:
    """The timescale that applies: the council's own if it is stricter, else the national one."""
    if local is not None and is_stricter(local, national):
        return local
    return national


def met_on_time(deadline_due: Due, met_at: datetime) -> bool:
    """Met on or before the due day (or the due instant, for hour rules)."""
    if deadline_due.at is not None:
        return met_at <= deadline_due.at
    return local_date(met_at) <= deadline_due.on


def is_overdue(deadline_due: Due, *, as_of: datetime) -> bool:
    """An open clock is overdue after its due day (or past its due instant, for hour rules)."""
    if deadline_due.at is not None:
        return as_of > deadline_due.at
    return local_date(as_of) > deadline_due.on


def status(
    deadline_due: Due,
    *,
    met_at: datetime | None,
    as_of: datetime,
    calendar: WorkingDayCalendar,
    soon_working_days: int = 2,
) -> Status:
    """Where a clock stands at `as_of`: not yet due, due soon, overdue, met on time or late."""
    if met_at is not None:
        return Status.MET_ON_TIME if met_on_time(deadline_due, met_at) else Status.MET_LATE
    if is_overdue(deadline_due, as_of=as_of):
        return Status.OVERDUE
    if local_date(as_of) >= calendar.subtract_working_days(deadline_due.on, soon_working_days):
        return Status.DUE_SOON
    return Status.NOT_YET_DUE


@dataclass(frozen=True)
class Timeliness:
    """Met within timescale (numerator) over completed (denominator)."""

    numerator: int
    denominator: int

    @property
    def percentage(self) -> float | None:
        if not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator, 1)


def timeliness(completed: Iterable[tuple[Due, datetime]]) -> Timeliness:
    """Timeliness of completed clocks, each given as (due, met_at)."""
    numerator = denominator = 0
    for deadline_due, met_at in completed:
        denominator += 1
        numerator += met_on_time(deadline_due, met_at)
    return Timeliness(numerator=numerator, denominator=denominator)


@dataclass(frozen=True)
class Explanation:
    """Why a due date is what it is, step by step."""

    timescale: Timescale
    national: Timescale
    started_at: datetime
    started_on: date
    due: Due
    days_off: Sequence[DayOff]
    month_end_clamped: bool = False
    clock_changed: bool = False

    @property
    def due_line(self) -> str:
        if self.due.at is not None:
            return f"due: {self.due.at.isoformat()}"
        return f"due: {self.due.on.isoformat()}"


def explain(
    national: Timescale,
    local: Timescale | None,
    started_at: datetime,
    calendar: WorkingDayCalendar,
) -> Explanation:
    """The due date of a clock with the working days skipped and why."""
    timescale = applicable(national, local)
    result = due(timescale, started_at, calendar)
    started_on = local_date(started_at)
    days_off: list[DayOff] = []
    if timescale.unit == WORKING_DAYS:
        days_off = calendar.days_off_between(started_on, result.on)
    clamped = timescale.unit == MONTHS and result.on.day != started_on.day
    clock_changed = (
        result.at is not None
        and started_at.astimezone(LONDON).utcoffset() != result.at.astimezone(LONDON).utcoffset()
    )
    return Explanation(
        timescale=timescale,
        national=national,
        started_at=started_at.astimezone(LONDON),
        started_on=started_on,
        due=result,
        days_off=days_off,
        month_end_clamped=clamped,
        clock_changed=clock_changed,
    )

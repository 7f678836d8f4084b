"""The working-day calendar: weekends, bank holidays (England or Wales) and council closures.

A `WorkingDayCalendar` is a plain object built once per request or task from one query (the
jurisdiction's bank holidays and the council's closure days); asking about a date never queries.
Local time is Europe/London.
"""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
ONE_DAY = timedelta(days=1)


class DayOffKind(StrEnum):
    WEEKEND = "weekend"
    BANK_HOLIDAY = "bank_holiday"
    CLOSURE = "closure"


@dataclass(frozen=True)
class DayOff:
    """A day that is not a working day, and why."""

    on: date
    kind: DayOffKind
    name: str = ""


@dataclass(frozen=True)
class WorkingDayCalendar:
    """Which days are working days. Pure: built from data, never queries, never reads a clock."""

    bank_holidays: Mapping[date, str] = field(default_factory=dict)
    closures: Mapping[date, str] = field(default_factory=dict)

    def day_off(self, day: date) -> DayOff | None:
        """Why `day` is not a working day (a bank holiday is named even on a weekend)."""
        if day in self.bank_holidays:
            return DayOff(day, DayOffKind.BANK_HOLIDAY, self.bank_holidays[day])
        if day.weekday() >= 5:
            return DayOff(day, DayOffKind.WEEKEND)
        if day in self.closures:
            return DayOff(day, DayOffKind.CLOSURE, self.closures[day])
        return None

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.bank_holidays and day not in self.closures

    def add_working_days(self, start: date, n: int) -> date:
        """The nth working day after `start` (day 0). `start` itself need not be a working day."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        counted = 0
        while counted < n:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def subtract_working_days(self, end: date, n: int) -> date:
        """The nth working day before `end` (used for reminders: N working days before due)."""
        day = end
        counted = 0
        while counted < n:
            day -= ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def days_off_between(self, start: date, end: date) -> list[DayOff]:
        """Every non-working day after `start` up to and including `end`."""
        found = []
        day = start + ONE_DAY
        while day <= end:
            off = self.day_off(day)
            if off is not None:
                found.append(off)
            day += ONE_DAY
        return found

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days after `start` up to and including `end` (negative if before)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start + ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += ONE_DAY
        return count


def local_date(moment: datetime) -> date:
    """The date in Europe/London of an aware datetime."""
    return moment.astimezone(LONDON).date()


def local_midnight(day: date) -> datetime:
    """The start of `day` in Europe/London, as an aware datetime."""
    return datetime(day.year, day.month, day.day, tzinfo=LONDON)


def calendar_for(*, jurisdiction: str, authority_id: uuid.UUID | None = None) -> WorkingDayCalendar:
    """The calendar for a jurisdiction (and a council's closures): one query, then none."""
    return calendar_and_reminder(jurisdiction=jurisdiction, authority_id=authority_id)[0]


def calendar_and_reminder(
    *, jurisdiction: str, authority_id: uuid.UUID | None = None, default_reminder: int = 2
) -> tuple[WorkingDayCalendar, int]:
    """The calendar (bank holidays and the council's closures) and the council's reminder
    setting (working days before a due date; `default_reminder` if it has none), read in one
    statement: the pages that show clocks need all three, and each query costs a round trip
    and more of Django's time to build than the few rows it reads."""
    from django.db import connection
    from django.utils.translation import get_language

    from gofal.timescales.models import BankHoliday, ClosureDay, CouncilSetting

    council = ClosureDay._meta.get_field("authority").target_field
    holidays_table = connection.ops.quote_name(BankHoliday._meta.db_table)
    closures_table = connection.ops.quote_name(ClosureDay._meta.db_table)
    settings_table = connection.ops.quote_name(CouncilSetting._meta.db_table)
    sql = f'SELECT 0, "on", name_en, name_cy, 0 FROM {holidays_table} WHERE jurisdiction = %s'
    params: list[Any] = [jurisdiction]
    if authority_id is not None:
        council_id = council.get_db_prep_value(authority_id, connection)
        sql += (
            f" UNION ALL SELECT 1, \"on\", reason, '', 0 FROM {closures_table}"
            " WHERE authority_id = %s"
            f" UNION ALL SELECT 2, NULL, '', '', remind_working_days FROM {settings_table}"
            " WHERE authority_id = %s"
        )
        params += [council_id, council_id]
    welsh = (get_language() or "en")[:2] == "cy"
    holidays: dict[date, str] = {}
    closures: dict[date, str] = {}
    reminder = default_reminder
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, on, name_en, name_cy, value in cursor.fetchall():
            if kind == 2:
                reminder = value
                continue
            day = on if isinstance(on, date) else date.fromisoformat(on)  # SQLite: text
            if kind == 0:
                holidays[day] = name_cy if welsh and name_cy else name_en
            else:
                closures[day] = name_en
    return WorkingDayCalendar(bank_holidays=holidays, closures=closures), reminder


class CalendarCache:
    """Calendars for many councils at once (reconcile, reminders): two queries in all."""

    def __init__(self) -> None:
        from gofal.timescales.models import BankHoliday, ClosureDay

        self._holidays: dict[str, dict[date, str]] = {}
        for jurisdiction, on, name in BankHoliday.objects.values_list(
            "jurisdiction", "on", "name_en"
        ):
            self._holidays.setdefault(jurisdiction, {})[on] = name
        self._closures: dict[uuid.UUID, dict[date, str]] = {}
        for authority_id, on, reason in ClosureDay.objects.values_list(
            "authority_id", "on", "reason"
        ):
            self._closures.setdefault(authority_id, {})[on] = reason
        self._built: dict[tuple[str, uuid.UUID | None], WorkingDayCalendar] = {}

    def get(self, *, jurisdiction: str, authority_id: uuid.UUID | None) -> WorkingDayCalendar:
        key = (jurisdiction, authority_id)
        if key not in self._built:
            self._built[key] = WorkingDayCalendar(
                bank_holidays=self._holidays.get(jurisdiction, {}),
                closures=self._closures.get(authority_id, {}) if authority_id else {},
            )
        return self._built[key]


def bank_holidays_from_package(
    *, years: Iterable[int], jurisdiction: str
) -> list[tuple[date, str]]:
    """England or Wales bank holidays for `years` from the `holidays` package (offline)."""
    import holidays

    subdivision = {"wales": "WLS", "england": "ENG"}[jurisdiction]
    found = holidays.country_holidays("GB", subdiv=subdivision, years=list(years))
    return sorted((day, str(name)) for day, name in found.items())

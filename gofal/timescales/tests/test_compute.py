"""Due dates, statuses and timeliness: pure functions, expected values worked out by hand."""

import ast
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gofal.timescales.calendar import (
    LONDON,
    DayOffKind,
    WorkingDayCalendar,
    bank_holidays_from_package,
)
from gofal.timescales.compute import (
    Due,
    Status,
    Timescale,
    add_months,
    applicable,
    due,
    explain,
    in_force,
    is_stricter,
    status,
    timeliness,
)


def calendar(jurisdiction: str = "wales", closures: dict | None = None) -> WorkingDayCalendar:
    return WorkingDayCalendar(
        bank_holidays=dict(
            bank_holidays_from_package(years=range(2019, 2030), jurisdiction=jurisdiction)
        ),
        closures=closures or {},
    )


WALES = calendar("wales")
ENGLAND = calendar("england")


def day(text: str) -> datetime:
    d = date.fromisoformat(text)
    return datetime(d.year, d.month, d.day, tzinfo=LONDON)


# (duration, unit, jurisdiction, start day, expected due day): counted on a calendar by hand.
DAY_RULES = [
    # Christmas and New Year with substitute days (27 and 28 Dec 2021, 3 Jan 2022).
    (1, "working_days", "wales", "2021-12-23", "2021-12-24"),
    (1, "working_days", "wales", "2021-12-24", "2021-12-29"),
    (1, "working_days", "england", "2021-12-24", "2021-12-29"),
    (1, "working_days", "wales", "2021-12-31", "2022-01-04"),
    (5, "working_days", "wales", "2025-12-22", "2025-12-31"),
    (10, "working_days", "wales", "2025-12-22", "2026-01-08"),
    # Boxing Day 2026 is a Saturday: the substitute day is Monday 28 December, both nations.
    (1, "working_days", "wales", "2026-12-24", "2026-12-29"),
    (1, "working_days", "england", "2026-12-24", "2026-12-29"),
    # Easter 2025: Good Friday 18 April, Easter Monday 21 April.
    (1, "working_days", "wales", "2025-04-17", "2025-04-22"),
    (1, "working_days", "england", "2025-04-17", "2025-04-22"),
    # A start on a non-working day counts from that day.
    (1, "working_days", "wales", "2025-04-19", "2025-04-22"),
    (1, "working_days", "wales", "2025-03-02", "2025-03-03"),
    (5, "working_days", "wales", "2025-03-02", "2025-03-07"),
    # Early May (5 May 2025) and late summer (25 Aug 2025) in both nations.
    (1, "working_days", "wales", "2025-05-02", "2025-05-06"),
    (1, "working_days", "england", "2025-05-02", "2025-05-06"),
    (1, "working_days", "wales", "2025-08-22", "2025-08-26"),
    (1, "working_days", "england", "2025-08-22", "2025-08-26"),
    # St David's Day (Friday 1 March 2024) is a working day in Wales.
    (1, "working_days", "wales", "2024-02-29", "2024-03-01"),
    # Assessment: 42 working days in Wales, 45 in England, from Monday 6 January 2025.
    (42, "working_days", "wales", "2025-01-06", "2025-03-05"),
    (45, "working_days", "england", "2025-01-06", "2025-03-10"),
    # Across Easter, early May and spring bank holidays 2025.
    (42, "working_days", "wales", "2025-03-25", "2025-05-28"),
    # Month ends clamp; leap years give 29 February.
    (3, "months", "wales", "2025-11-30", "2026-02-28"),
    (3, "months", "wales", "2023-11-30", "2024-02-29"),
    (6, "months", "wales", "2025-08-31", "2026-02-28"),
    (3, "months", "wales", "2025-01-31", "2025-04-30"),
    (3, "months", "wales", "2025-10-15", "2026-01-15"),
    # Weeks and calendar days ignore bank holidays.
    (6, "weeks", "wales", "2025-12-18", "2026-01-29"),
    (1, "weeks", "wales", "2025-12-24", "2025-12-31"),
    (14, "calendar_days", "wales", "2025-12-20", "2026-01-03"),
]


@pytest.mark.parametrize(("duration", "unit", "jurisdiction", "start", "expected"), DAY_RULES)
def test_due_dates_by_hand(duration, unit, jurisdiction, start, expected):
    cal = WALES if jurisdiction == "wales" else ENGLAND
    result = due(Timescale(duration, unit), day(start), cal)
    assert result == Due(on=date.fromisoformat(expected))


HOUR_RULES = [
    # Spring forward 30 March 2025: 24 elapsed hours from 10:00 GMT is 11:00 BST.
    (24, "2025-03-29T10:00:00+00:00", "2025-03-30T11:00:00+01:00"),
    # Fall back 26 October 2025: 24 elapsed hours from 10:00 BST is 09:00 GMT.
    (24, "2025-10-25T10:00:00+01:00", "2025-10-26T09:00:00+00:00"),
    (72, "2025-10-24T18:00:00+01:00", "2025-10-27T17:00:00+00:00"),
    # No clock change: the same time three days later.
    (72, "2025-06-06T16:30:00+01:00", "2025-06-09T16:30:00+01:00"),
    # Late in the evening the due day is the local day.
    (24, "2025-01-10T23:30:00+00:00", "2025-01-11T23:30:00+00:00"),
]


@pytest.mark.parametrize(("hours", "start", "expected"), HOUR_RULES)
def test_hour_rules_are_elapsed_hours(hours, start, expected):
    started = datetime.fromisoformat(start).astimezone(LONDON)
    result = due(Timescale(hours, "hours"), started, WALES)
    assert result.at.isoformat() == expected
    assert result.on == datetime.fromisoformat(expected).date()


def test_hour_rule_from_a_naive_looking_london_time_crosses_the_change():
    started = datetime(2025, 3, 29, 10, 0, tzinfo=LONDON)  # tz attached to wall time
    assert due(Timescale(24, "hours"), started, WALES).at == datetime(2025, 3, 30, 10, tzinfo=UTC)


def test_closure_days_are_not_working_days():
    cal = calendar(closures={date(2025, 12, 24): "Christmas Eve closure"})
    assert due(Timescale(1, "working_days"), day("2025-12-23"), cal).on == date(2025, 12, 29)
    off = cal.day_off(date(2025, 12, 24))
    assert off.kind == DayOffKind.CLOSURE


def test_explain_names_each_day_skipped():
    ex = explain(Timescale(1, "working_days"), None, day("2021-12-24"), WALES)
    assert [(d.on.isoformat(), d.kind, d.name) for d in ex.days_off] == [
        ("2021-12-25", DayOffKind.BANK_HOLIDAY, "Christmas Day"),
        ("2021-12-26", DayOffKind.BANK_HOLIDAY, "Boxing Day"),
        ("2021-12-27", DayOffKind.BANK_HOLIDAY, "Christmas Day (observed)"),
        ("2021-12-28", DayOffKind.BANK_HOLIDAY, "Boxing Day (observed)"),
    ]
    assert ex.due_line == "due: 2021-12-29"


def test_add_months_clamps():
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 12, 31), 12) == date(2026, 12, 31)


class TestStatus:
    def test_not_yet_due_then_due_soon_then_overdue(self):
        d = Due(on=date(2025, 5, 28))  # a Wednesday
        at = lambda text: day(text) + timedelta(hours=12)  # noqa: E731
        assert status(d, met_at=None, as_of=at("2025-05-22"), calendar=WALES) == Status.NOT_YET_DUE
        # Two working days before Wednesday 28 May is Monday 26 May... a bank holiday, so
        # Friday 23 May.
        assert status(d, met_at=None, as_of=at("2025-05-23"), calendar=WALES) == Status.DUE_SOON
        assert status(d, met_at=None, as_of=at("2025-05-28"), calendar=WALES) == Status.DUE_SOON
        assert status(d, met_at=None, as_of=at("2025-05-29"), calendar=WALES) == Status.OVERDUE

    def test_met_on_the_due_day_is_on_time(self):
        d = Due(on=date(2025, 5, 28))
        late_evening = datetime(2025, 5, 28, 23, 59, tzinfo=LONDON)
        assert status(d, met_at=late_evening, as_of=late_evening, calendar=WALES) == (
            Status.MET_ON_TIME
        )
        next_morning = datetime(2025, 5, 29, 0, 1, tzinfo=LONDON)
        assert status(d, met_at=next_morning, as_of=next_morning, calendar=WALES) == (
            Status.MET_LATE
        )

    def test_hour_rule_is_overdue_after_the_instant(self):
        d = Due(on=date(2025, 3, 30), at=datetime(2025, 3, 30, 11, tzinfo=LONDON))
        before = datetime(2025, 3, 30, 10, 59, tzinfo=LONDON)
        after = datetime(2025, 3, 30, 11, 1, tzinfo=LONDON)
        assert status(d, met_at=None, as_of=before, calendar=WALES) == Status.DUE_SOON
        assert status(d, met_at=None, as_of=after, calendar=WALES) == Status.OVERDUE
        assert status(d, met_at=after, as_of=after, calendar=WALES) == Status.MET_LATE


def test_timeliness_counts_met_within_timescale_over_completed():
    d = Due(on=date(2025, 5, 28))
    result = timeliness([(d, day("2025-05-27")), (d, day("2025-05-28")), (d, day("2025-05-30"))])
    assert (result.numerator, result.denominator, result.percentage) == (2, 3, 66.7)
    assert timeliness([]).percentage is None


class _V:
    def __init__(self, start, end=None):
        self.effective_from, self.effective_to = start, end


def test_version_in_force_by_effective_date():
    old, new = _V(date(2000, 1, 1), date(2025, 12, 31)), _V(date(2026, 1, 1))
    assert in_force([old, new], date(2025, 12, 31)) is old
    assert in_force([old, new], date(2026, 1, 1)) is new
    assert in_force([new], date(2025, 1, 1)) is None


def test_local_standard_only_if_stricter_in_the_same_unit():
    national = Timescale(42, "working_days")
    assert is_stricter(Timescale(35, "working_days"), national)
    assert not is_stricter(Timescale(42, "working_days"), national)
    assert not is_stricter(Timescale(50, "working_days"), national)
    assert not is_stricter(Timescale(30, "calendar_days"), national)
    assert applicable(national, Timescale(50, "working_days")) is national


def test_timescale_refuses_nonsense():
    with pytest.raises(ValueError, match="unit"):
        Timescale(3, "fortnights")
    with pytest.raises(ValueError, match="longer"):
        Timescale(0, "weeks")


starts = st.dates(min_value=date(2019, 1, 1), max_value=date(2028, 12, 31))
working_day_counts = st.integers(min_value=1, max_value=60)


@given(start=starts, n=working_day_counts, jurisdiction=st.sampled_from(["wales", "england"]))
def test_a_working_day_due_date_is_a_working_day(start, n, jurisdiction):
    cal = WALES if jurisdiction == "wales" else ENGLAND
    result = due(Timescale(n, "working_days"), day(start.isoformat()), cal)
    assert cal.is_working_day(result.on)
    assert cal.working_days_between(start, result.on) == n


@given(
    start=starts,
    later_by=st.integers(min_value=0, max_value=400),
    n=working_day_counts,
    unit=st.sampled_from(["working_days", "calendar_days", "weeks", "months"]),
)
def test_a_later_start_never_gives_an_earlier_due_date(start, later_by, n, unit):
    timescale = Timescale(n if unit != "months" else 1 + n % 12, unit)
    first = due(timescale, day(start.isoformat()), WALES)
    later = due(timescale, day((start + timedelta(days=later_by)).isoformat()), WALES)
    assert later.on >= first.on


@given(
    start=st.datetimes(
        min_value=datetime(2019, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(LONDON)
    ),
    hours=st.integers(min_value=1, max_value=200),
)
def test_hour_rules_are_exactly_that_many_real_hours(start, hours):
    result = due(Timescale(hours, "hours"), start, WALES)
    assert result.at.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=hours)


PURE = ["compute.py", "calendar.py", "services.py", "selectors.py", "registry.py", "reconcile.py"]


@pytest.mark.parametrize("module", PURE)
def test_the_core_never_reads_the_clock(module):
    path = Path(__file__).resolve().parent.parent / module
    if not path.exists():
        pytest.skip("not written yet")
    tree = ast.parse(path.read_text())
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert "gofal.timescales.clock" not in imported
    assert "clock" not in imported

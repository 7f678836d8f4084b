"""Front door reports: each figure is a filter on the contacts it counts, so every number
drills down to the contacts behind it (the same filter lists them)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from gofal.front_door.models import (
    PROFESSIONAL_SOURCES,
    Contact,
    ContactPerson,
    Feedback,
    FeedbackKind,
    Outcome,
)
from gofal.front_door.selectors import contacts_visible_to
from gofal.timescales.calendar import WorkingDayCalendar, local_date

YEAR = timedelta(days=365)
COME_BACK_OUTCOMES = (Outcome.EARLY_HELP, Outcome.NO_FURTHER_ACTION)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, datetime.min.time()))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(
            datetime.combine(self.end + timedelta(days=1), datetime.min.time())
        )


def _earlier_contact() -> Exists:
    """A child on the contact had another contact in the 12 months before it."""
    return Exists(
        ContactPerson.objects.filter(
            person__in=ContactPerson.objects.filter(
                contact=OuterRef(OuterRef("pk")), role="child"
            ).values("person"),
            role="child",
            contact__received_at__lt=OuterRef("received_at"),
            contact__received_at__gte=OuterRef("received_at") - YEAR,
        )
    )


def _later_contact() -> Exists:
    """A child on the contact came back to the front door within 12 months after it."""
    return Exists(
        ContactPerson.objects.filter(
            person__in=ContactPerson.objects.filter(
                contact=OuterRef(OuterRef("pk")), role="child"
            ).values("person"),
            role="child",
            contact__received_at__gt=OuterRef("received_at"),
            contact__received_at__lte=OuterRef("received_at") + YEAR,
        )
    )


def _sent(kind: str) -> Exists:
    return Exists(Feedback.objects.filter(contact=OuterRef("pk"), kind=kind))


MEASURES = {
    "rereferral": lambda qs: qs.filter(_earlier_contact()),
    "comes_back": lambda qs: qs.filter(decision__outcome__in=COME_BACK_OUTCOMES).filter(
        _later_contact()
    ),
    "ack_missing": lambda qs: qs.filter(source__in=PROFESSIONAL_SOURCES).filter(
        ~_sent(FeedbackKind.ACKNOWLEDGEMENT)
    ),
    "outcome_missing": lambda qs: qs.filter(
        source__in=PROFESSIONAL_SOURCES, decision__isnull=False
    ).filter(~_sent(FeedbackKind.OUTCOME)),
    "undecided": lambda qs: qs.filter(decision__isnull=True),
}
FILTERS = {
    "source": "source",
    "channel": "channel",
    "outcome": "decision__outcome",
    "level": "decision__level__code",
    "team": "team_id",
    "worker": "decision__decided_by_id",
}


def contacts_in_period(*, user: Any, period: Period) -> QuerySet[Contact]:
    return contacts_visible_to(user).filter(
        received_at__gte=period.since, received_at__lt=period.until
    )


def drill_down(*, user: Any, period: Period, params: dict[str, str]) -> QuerySet[Contact]:
    """The contacts behind one figure: the period, plus the figure's filter and measure."""
    rows = contacts_in_period(user=user, period=period)
    for key, lookup in FILTERS.items():
        value = params.get(key)
        if value:
            rows = rows.filter(**{lookup: value})
    measure = MEASURES.get(params.get("measure", ""))
    if measure is not None:
        rows = measure(rows)
    return rows.select_related("team", "decision").order_by("-received_at")


def _counts(rows: QuerySet[Contact], field: str) -> list[tuple[Any, int]]:
    return [
        (r[field], r["n"])
        for r in rows.order_by().values(field).annotate(n=Count("id", distinct=True)).order_by("-n")
    ]


@dataclass
class Report:
    total: int
    by_source: list[tuple[Any, int]]
    by_channel: list[tuple[Any, int]]
    by_outcome: list[tuple[Any, int]]
    by_level: list[tuple[Any, int]]
    by_team: list[tuple[Any, int]]
    by_worker: list[tuple[Any, int]]
    decided: int
    within_day: int
    rereferrals: int
    comes_back_by_team: list[tuple[Any, int, int]]
    ack_missing: int
    outcome_missing: int


def front_door_report(*, user: Any, period: Period, calendar: WorkingDayCalendar) -> Report:
    rows = contacts_in_period(user=user, period=period)
    decided = list(
        rows.filter(decision__isnull=False).values_list(
            "received_at", "decision__decided_at", "decision__authorised_at"
        )
    )
    within = sum(
        1
        for received, decided_at, authorised_at in decided
        if local_date(authorised_at or decided_at)
        <= calendar.add_working_days(local_date(received), 1)
    )
    back_outcomes = rows.filter(decision__outcome__in=COME_BACK_OUTCOMES)
    totals = dict(_counts(back_outcomes, "team_id"))
    back = dict(_counts(MEASURES["comes_back"](rows), "team_id"))
    return Report(
        total=rows.count(),
        by_source=_counts(rows, "source"),
        by_channel=_counts(rows, "channel"),
        by_outcome=_counts(rows.filter(decision__isnull=False), "decision__outcome"),
        by_level=_counts(rows.filter(decision__isnull=False), "decision__level__code"),
        by_team=_counts(rows, "team_id"),
        by_worker=_counts(rows.filter(decision__isnull=False), "decision__decided_by_id"),
        decided=len(decided),
        within_day=within,
        rereferrals=MEASURES["rereferral"](rows).count(),
        comes_back_by_team=[(team, n, back.get(team, 0)) for team, n in totals.items()],
        ack_missing=MEASURES["ack_missing"](rows).count(),
        outcome_missing=MEASURES["outcome_missing"](rows).count(),
    )

"""Front door reports: each figure is a filter on the contacts it counts, so every number
drills down to the contacts behind it (the same filter lists them)."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from gofal.early_help.models import Handover, Response
from gofal.early_help.selectors import handovers_sent_between
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


def _timeliness(
    rows: QuerySet[Contact], calendar: WorkingDayCalendar
) -> tuple[list[Any], list[Any]]:
    """The decided contacts, split into those decided (and authorised, where the level needs
    it) within one working day of receipt, and the rest. One query."""
    within: list[Any] = []
    late: list[Any] = []
    for pk, received, decided_at, authorised_at in rows.filter(decision__isnull=False).values_list(
        "pk", "received_at", "decision__decided_at", "decision__authorised_at"
    ):
        on_time = local_date(authorised_at or decided_at) <= calendar.add_working_days(
            local_date(received), 1
        )
        (within if on_time else late).append(pk)
    return within, late


# Measures that need the council's working-day calendar: the numerator and denominator of
# "decided within one working day", and the contacts decided later.
TIMELINESS = ("decided", "within_day", "late")


def drill_down(
    *, user: Any, period: Period, params: dict[str, str], calendar: WorkingDayCalendar
) -> QuerySet[Contact]:
    """The contacts behind one figure: the period, plus the figure's filter and measure."""
    rows = contacts_in_period(user=user, period=period)
    for key, lookup in FILTERS.items():
        value = params.get(key)
        if value:
            rows = rows.filter(**{lookup: value})
    name = params.get("measure", "")
    measure = MEASURES.get(name)
    if measure is not None:
        rows = measure(rows)
    elif name in TIMELINESS:
        within, late = _timeliness(rows, calendar)
        chosen = {"decided": within + late, "within_day": within, "late": late}[name]
        rows = rows.filter(pk__in=chosen)
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
    within_ids, late_ids = _timeliness(rows, calendar)
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
        decided=len(within_ids) + len(late_ids),
        within_day=len(within_ids),
        rereferrals=MEASURES["rereferral"](rows).count(),
        comes_back_by_team=[(team, n, back.get(team, 0)) for team, n in totals.items()],
        ack_missing=MEASURES["ack_missing"](rows).count(),
        outcome_missing=MEASURES["outcome_missing"](rows).count(),
    )


# --- Step-up and step-down -------------------------------------------------------------------

HANDOVER_STATES: dict[str, dict[str, Any]] = {
    "accepted": {"response": Response.ACCEPTED},
    "returned": {"response": Response.RETURNED},
    "awaiting": {"response": ""},
    "late": {"acceptance_deadline__met_on_time": False},
}


@dataclass
class HandoverFigures:
    """Handovers sent in the period to one receiving team in one direction."""

    team_id: Any
    direction: str
    sent: int = 0
    accepted: int = 0
    returned: int = 0
    awaiting: int = 0
    answered_late: int = 0
    waits: list[float] | None = None

    @property
    def average_days(self) -> float | None:
        return round(sum(self.waits) / len(self.waits), 1) if self.waits else None

    @property
    def longest_days(self) -> float | None:
        return round(max(self.waits), 1) if self.waits else None


def handover_report(*, user: Any, period: Period, now: datetime) -> list[HandoverFigures]:
    """Step-up and step-down volumes by receiving team, and how long each waited for an
    answer (days from sending to acceptance or return; still waiting counts up to now).
    One query."""
    groups: dict[tuple[Any, str], HandoverFigures] = {}
    rows = handovers_sent_between(user=user, since=period.since, until=period.until).values_list(
        "to_team_id", "direction", "response", "sent_at", "responded_at",
        "acceptance_deadline__met_on_time",
    )  # fmt: skip
    for team_id, direction, response, sent_at, responded_at, on_time in rows:
        figures = groups.setdefault(
            (team_id, direction), HandoverFigures(team_id=team_id, direction=direction, waits=[])
        )
        figures.sent += 1
        if response == Response.ACCEPTED:
            figures.accepted += 1
        elif response == Response.RETURNED:
            figures.returned += 1
        else:
            figures.awaiting += 1
        if on_time is False:
            figures.answered_late += 1
        assert figures.waits is not None
        figures.waits.append(((responded_at or now) - sent_at).total_seconds() / 86400)
    return sorted(groups.values(), key=lambda f: (str(f.team_id), f.direction))


def handover_drill_down(*, user: Any, period: Period, params: dict[str, str]) -> QuerySet[Handover]:
    """The handovers behind one figure of the step-up and step-down table."""
    rows = handovers_sent_between(user=user, since=period.since, until=period.until)
    if params.get("team"):
        rows = rows.filter(to_team_id=uuid.UUID(params["team"]))
    if params.get("direction"):
        rows = rows.filter(direction=params["direction"])
    state = HANDOVER_STATES.get(params.get("state", ""))
    if state is not None:
        rows = rows.filter(**state)
    return rows.select_related("child", "from_team", "to_team", "acceptance_deadline").order_by(
        "-sent_at"
    )

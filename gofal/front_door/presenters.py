"""Shaping front-door records for their pages: the queue rows and the contact page."""

import functools
import uuid
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gofal.authorities.models import Team, User
from gofal.early_help.models import Direction
from gofal.front_door.models import (
    Channel,
    ConcernCategory,
    Contact,
    ContactPerson,
    DisagreementStage,
    FeedbackKind,
    Outcome,
    PersonRole,
    Source,
    ThresholdLevel,
)
from gofal.front_door.selectors import ChildHistory, EarlierContact, contact_history
from gofal.timescales.calendar import WorkingDayCalendar, calendar_for
from gofal.timescales.presenters import StatusTag, deadline_status
from gofal.ui.dates import ListDates


@dataclass
class Clock:
    row: ContactPerson
    status: StatusTag | None

    @property
    def person(self) -> Any:
        return self.row.person

    @property
    def deadline(self) -> Any:
        return self.row.decision_deadline


@dataclass
class QueueRow:
    contact: Contact
    children: list[ContactPerson]
    clocks: list[Clock] = field(default_factory=list)

    @property
    def due_at(self) -> datetime | None:
        dues = [c.deadline.due_at or c.deadline.due_on for c in self.clocks if c.deadline]
        return min(dues) if dues else None  # type: ignore[type-var]


def _calendar(user: Any) -> WorkingDayCalendar:
    acting = user.acting
    return calendar_for(
        jurisdiction=acting.authority.jurisdiction, authority_id=acting.authority.pk
    )


def _clock(row: ContactPerson, *, now: datetime, calendar: WorkingDayCalendar) -> Clock:
    if row.decision_deadline is None:
        return Clock(row=row, status=None)
    return Clock(
        row=row, status=deadline_status(row.decision_deadline, as_of=now, calendar=calendar)
    )


def queue_rows(contacts: list[Contact], *, user: Any, now: datetime) -> list[QueueRow]:
    calendar = _calendar(user)
    rows = []
    for contact in contacts:
        children = [p for p in contact.persons.all() if p.role == PersonRole.CHILD]
        rows.append(
            QueueRow(
                contact=contact,
                children=children,
                clocks=[_clock(p, now=now, calendar=calendar) for p in children],
            )
        )
    return rows


EARLIER_SHOWN = 10  # earlier contacts listed for each child; the rest are a link away


@dataclass(slots=True)
class EarlierContactRow:
    href: str
    received: str
    source: str
    outcome: str  # "" if not decided yet


@dataclass
class ChildHistoryPanel(ChildHistory):
    """A child's history check with the newest earlier contacts written out for the page."""

    earlier: list[EarlierContactRow] = field(default_factory=list)
    person_href: str = ""  # the child's record
    all_contacts_href: str = ""  # every contact about the child

    @property
    def more_earlier(self) -> bool:
        return len(self.previous) > len(self.earlier)


_ANY_CONTACT = uuid.UUID(int=0)
_STAND_INS = (str(_ANY_CONTACT), str(uuid.UUID(int=1)))


@functools.lru_cache(maxsize=64)
def _address_shape(script_prefix: str, url_name: str, ids: int, extra: tuple[str, ...]) -> str:
    """An address with stand-in ids: the same for every record (for one script prefix), so
    reversed once per process rather than on every page ({% url %} costs about 0.15 ms)."""
    return reverse(url_name, args=[*_STAND_INS[:ids], *extra])


def address(url_name: str, *ids: Any, extra: tuple[str, ...] = ()) -> str:
    """The address of `url_name` for these ids (at most two), followed by `extra` arguments."""
    href = _address_shape(get_script_prefix(), url_name, len(ids), extra)
    for stand_in, pk in zip(_STAND_INS, ids, strict=False):
        href = href.replace(stand_in, str(pk), 1)
    return href


def history_panels(history: list[ChildHistory]) -> list[ChildHistoryPanel]:
    """Each child's history with its newest earlier contacts as links, dates and labels, the
    labels looked up once for the page rather than once a row."""
    dates = ListDates()
    sources = {value: str(label) for value, label in Source.choices}
    outcomes = {value: str(label) for value, label in Outcome.choices}
    link = reverse("front_door:contact_detail", args=[_ANY_CONTACT])
    any_contact = str(_ANY_CONTACT)

    def row(earlier: EarlierContact) -> EarlierContactRow:
        outcome = earlier.outcome
        return EarlierContactRow(
            href=link.replace(any_contact, str(earlier.contact_id)),
            received=dates.text(earlier.received_at),
            source=sources.get(earlier.source, earlier.source),
            outcome="" if outcome is None else outcomes.get(outcome, outcome),
        )

    return [
        ChildHistoryPanel(
            **{f.name: getattr(h, f.name) for f in fields(h)},
            earlier=[row(e) for e in h.previous[:EARLIER_SHOWN]],
            person_href=address("people:person_detail", h.row.person_id),
            all_contacts_href=address("front_door:person_contacts", h.row.person_id),
        )
        for h in history
    ]


@dataclass(frozen=True)
class PersonLink:
    row: ContactPerson
    href: str  # the person's record

    @property
    def person(self) -> Any:
        return self.row.person


@dataclass(frozen=True)
class SentFeedback:
    sent: Any  # a Feedback
    href: str


@dataclass(frozen=True)
class ContactLinks:
    """Where the contact page's actions go, for this contact."""

    add_person: str
    family: str
    confirmation: str
    decision: str
    authorise: str
    acknowledgement: str
    outcome: str
    disagreement: str


def contact_links(contact_id: Any) -> ContactLinks:
    return ContactLinks(
        add_person=address("front_door:contact_add_person", contact_id),
        family=address("front_door:contact_family", contact_id),
        confirmation=address("front_door:confirmation_receive", contact_id),
        decision=address("front_door:decision_new", contact_id),
        authorise=address("front_door:decision_authorise", contact_id),
        acknowledgement=address(
            "front_door:feedback_new", contact_id, extra=(FeedbackKind.ACKNOWLEDGEMENT,)
        ),
        outcome=address("front_door:feedback_new", contact_id, extra=(FeedbackKind.OUTCOME,)),
        disagreement=address("front_door:disagreement", contact_id),
    )


@dataclass
class ContactPage:
    contact: Contact
    history: list[ChildHistoryPanel]
    clocks: list[Clock]
    adults: list[PersonLink]
    categories: list[str]
    confirmation_overdue: bool
    acknowledgement_due: bool
    outcome_due: bool
    disagreement_resolved: bool
    links: ContactLinks
    feedback: list[SentFeedback]  # sent so far, in the order read


def contact_page(contact: Contact, *, user: Any, now: datetime) -> ContactPage:
    calendar = _calendar(user)
    rows = list(contact.persons.all())
    labels = dict(ConcernCategory.choices)
    feedback = list(contact.feedback.all())
    sent = {f.kind for f in feedback}
    decision = getattr(contact, "decision", None)
    decided = decision is not None and not decision.awaiting_authorisation
    return ContactPage(
        contact=contact,
        history=history_panels(contact_history(contact=contact, as_of=timezone.localdate(now))),
        clocks=[_clock(p, now=now, calendar=calendar) for p in rows if p.role == PersonRole.CHILD],
        adults=[
            PersonLink(row=p, href=address("people:person_detail", p.person_id))
            for p in rows
            if p.role == PersonRole.ADULT
        ],
        categories=[str(labels.get(c, c)) for c in contact.concern_categories],
        confirmation_overdue=bool(
            contact.confirmation_due_at
            and contact.confirmation_received_at is None
            and contact.confirmation_due_at < now
        ),
        acknowledgement_due=FeedbackKind.ACKNOWLEDGEMENT not in sent,
        outcome_due=decided and FeedbackKind.OUTCOME not in sent,
        disagreement_resolved=decision is not None
        and any(s.stage == DisagreementStage.RESOLVED for s in contact.disagreement.all()),
        links=contact_links(contact.pk),
        feedback=[
            SentFeedback(sent=f, href=address("front_door:feedback_detail", contact.pk, f.pk))
            for f in feedback
        ],
    )


# --- Reports ---------------------------------------------------------------------------------


@dataclass
class Figure:
    label: str
    count: int
    href: str


@dataclass
class ReportView:
    total: Figure
    sections: list[tuple[str, list[Figure]]]
    decided: Figure
    within_day: Figure
    late: Figure
    within_day_percent: float | None
    rereferrals: Figure
    comes_back: list[tuple[str, int, Figure]]
    ack_missing: Figure
    outcome_missing: Figure


def report_href(period: Any, **params: str) -> str:
    query = {"from": period.start.isoformat(), "to": period.end.isoformat(), **params}
    return reverse("front_door:report_contacts") + "?" + urlencode(query)


def report_view(data: Any, *, period: Any) -> ReportView:
    team_ids = [t for t, _ in data.by_team if t]
    teams = {t.pk: t.name for t in Team.objects.filter(pk__in=team_ids)}
    worker_ids = [w for w, _ in data.by_worker if w]
    workers = {u.pk: str(u) for u in User.objects.filter(pk__in=worker_ids)}
    codes = [c for c, _ in data.by_level]
    levels = {lv.code: lv.name for lv in ThresholdLevel.objects.filter(code__in=codes)}
    labels: dict[str, dict[Any, Any]] = {
        "source": dict(Source.choices),
        "channel": dict(Channel.choices),
        "outcome": dict(Outcome.choices),
        "level": levels,
        "team": teams,
        "worker": workers,
    }

    def figures(key: str, rows: list[tuple[Any, int]]) -> list[Figure]:
        return [
            Figure(
                label=str(labels[key].get(value, value or "–")),
                count=n,
                href=report_href(period, **{key: str(value)}) if value else "",
            )
            for value, n in rows
        ]

    decided = data.decided
    return ReportView(
        total=Figure(_("All contacts"), data.total, report_href(period)),
        sections=[
            (_("By source"), figures("source", data.by_source)),
            (_("By channel"), figures("channel", data.by_channel)),
            (_("By outcome"), figures("outcome", data.by_outcome)),
            (_("By threshold level"), figures("level", data.by_level)),
            (_("By team"), figures("team", data.by_team)),
            (_("By worker who decided"), figures("worker", data.by_worker)),
        ],
        decided=Figure(
            _("Decided"), decided, report_href(period, measure="decided") if decided else ""
        ),
        within_day=Figure(
            _("Decided within one working day"),
            data.within_day,
            report_href(period, measure="within_day"),
        ),
        late=Figure(
            _("Decided later than one working day"),
            decided - data.within_day,
            report_href(period, measure="late"),
        ),
        within_day_percent=round(100 * data.within_day / decided, 1) if decided else None,
        rereferrals=Figure(
            _("Re-referrals within 12 months"),
            data.rereferrals,
            report_href(period, measure="rereferral"),
        ),
        comes_back=[
            (
                str(teams.get(team, "–")),
                total,
                Figure(
                    _("Came back within 12 months"),
                    back,
                    report_href(period, measure="comes_back", team=str(team)) if team else "",
                ),
            )
            for team, total, back in data.comes_back_by_team
        ],
        ack_missing=Figure(
            _("Acknowledgement not sent"),
            data.ack_missing,
            report_href(period, measure="ack_missing"),
        ),
        outcome_missing=Figure(
            _("Outcome not sent"),
            data.outcome_missing,
            report_href(period, measure="outcome_missing"),
        ),
    )


# --- Step-up and step-down in the report -----------------------------------------------------


def handovers_href(period: Any, **params: str) -> str:
    query = {"from": period.start.isoformat(), "to": period.end.isoformat(), **params}
    return reverse("front_door:report_handovers") + "?" + urlencode(query)


@dataclass
class HandoverRowView:
    team: str
    direction: str
    sent: Figure
    accepted: Figure
    returned: Figure
    awaiting: Figure
    answered_late: Figure
    average_days: float | None
    longest_days: float | None


def handover_rows(rows: list[Any], *, period: Any) -> list[HandoverRowView]:
    teams = {t.pk: t.name for t in Team.objects.filter(pk__in={r.team_id for r in rows})}
    directions = dict(Direction.choices)
    views = []
    for r in rows:
        base = {"team": str(r.team_id), "direction": r.direction}

        def figure(label: str, count: int, state: str = "", base: dict = base) -> Figure:
            params = {**base, "state": state} if state else base
            return Figure(label, count, handovers_href(period, **params) if count else "")

        views.append(
            HandoverRowView(
                team=str(teams.get(r.team_id, "–")),
                direction=str(directions.get(r.direction, r.direction)),
                sent=figure(_("Sent"), r.sent),
                accepted=figure(_("Accepted"), r.accepted, "accepted"),
                returned=figure(_("Returned"), r.returned, "returned"),
                awaiting=figure(_("Awaiting"), r.awaiting, "awaiting"),
                answered_late=figure(_("Answered late"), r.answered_late, "late"),
                average_days=r.average_days,
                longest_days=r.longest_days,
            )
        )
    views.sort(key=lambda v: (v.team, v.direction))
    return views

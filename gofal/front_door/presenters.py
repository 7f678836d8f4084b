"""Shaping front-door records for their pages: the queue rows and the contact page."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from gofal.front_door.models import (
    ConcernCategory,
    Contact,
    ContactPerson,
    DisagreementStage,
    FeedbackKind,
    PersonRole,
)
from gofal.front_door.selectors import ChildHistory, contact_history
from gofal.timescales.calendar import WorkingDayCalendar, calendar_for
from gofal.timescales.presenters import StatusTag, deadline_status


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


@dataclass
class ContactPage:
    contact: Contact
    history: list[ChildHistory]
    clocks: list[Clock]
    adults: list[ContactPerson]
    categories: list[str]
    confirmation_overdue: bool
    acknowledgement_due: bool
    outcome_due: bool
    disagreement_resolved: bool


def contact_page(contact: Contact, *, user: Any, now: datetime) -> ContactPage:
    calendar = _calendar(user)
    rows = list(contact.persons.all())
    labels = dict(ConcernCategory.choices)
    sent = {f.kind for f in contact.feedback.all()}
    decision = getattr(contact, "decision", None)
    decided = decision is not None and not decision.awaiting_authorisation
    return ContactPage(
        contact=contact,
        history=contact_history(contact=contact, as_of=timezone.localdate(now)),
        clocks=[_clock(p, now=now, calendar=calendar) for p in rows if p.role == PersonRole.CHILD],
        adults=[p for p in rows if p.role == PersonRole.ADULT],
        categories=[str(labels.get(c, c)) for c in contact.concern_categories],
        confirmation_overdue=bool(
            contact.confirmation_due_at
            and contact.confirmation_received_at is None
            and contact.confirmation_due_at < now
        ),
        acknowledgement_due=FeedbackKind.ACKNOWLEDGEMENT not in sent,
        outcome_due=decided and FeedbackKind.OUTCOME not in sent,
        disagreement_resolved=any(
            s.stage == DisagreementStage.RESOLVED for s in contact.disagreement.all()
        ),
    )

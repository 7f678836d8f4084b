"""Shaping casework data for pages that need more than a queryset."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gofal.audit.models import Action
from gofal.authorities.models import Membership
from gofal.casework.models import Allocation, InvolvementReason
from gofal.people.models import Person
from gofal.ui.dates import ListDates

# What a reader looked at, from the `page` recorded with each view.
PAGE_LABELS = {
    "chronology": _("Chronology"),
    "case_notes": _("Case notes"),
    "case_note": _("A case note"),
    "case_note_new": _("New case note form"),
    "case_note_edit": _("Case note edit form"),
    "documents": _("Documents"),
    "document_upload": _("Document upload form"),
    "involvement": _("Involvement and allocation"),
    "significant_event_new": _("New significant event form"),
    "record_access": _("Who has viewed this record"),
}
OBJECT_LABELS = {
    "people.person": _("Person record"),
    "casework.casenote": _("Case note"),
    "casework.document": _("Document"),
    "casework.involvement": _("Involvement"),
    "casework.allocation": _("Allocation"),
    "casework.significantevent": _("Significant event"),
}
CONTEXT_LABELS = {
    "my_caseload": _("My caseload"),
    "team_caseload": _("Team caseload"),
}


@dataclass(frozen=True)
class AccessRow:
    occurred_at: datetime
    who: str
    role: str
    action: str
    what: str


def _role_at(memberships: list[Membership], moment: datetime) -> str:
    day = timezone.localdate(moment)
    roles = [
        str(m.get_role_display())
        for m in memberships
        if m.started_on <= day and (m.ended_on is None or m.ended_on > day)
    ]
    return ", ".join(sorted(set(roles))) or str(_("No current role"))


def _what(event: Any) -> str:
    detail = event.detail or {}
    if detail.get("page") in PAGE_LABELS:
        return str(PAGE_LABELS[detail["page"]])
    if detail.get("context") in CONTEXT_LABELS:
        return str(CONTEXT_LABELS[detail["context"]])
    return str(OBJECT_LABELS.get(event.object_type, event.object_type))


def record_access_rows(*, events: list[Any], authority_id: uuid.UUID) -> list[AccessRow]:
    """Who did what to a record, with each person's role in this council at the time (1 query)."""
    actor_ids = {e.actor_id for e in events if e.actor_id}
    by_user: dict[uuid.UUID, list[Membership]] = defaultdict(list)
    for membership in Membership.objects.filter(user_id__in=actor_ids, authority_id=authority_id):
        by_user[membership.user_id].append(membership)
    return [
        AccessRow(
            occurred_at=event.occurred_at,
            who=event.actor_label or str(_("System")),
            role=_role_at(by_user.get(event.actor_id, []), event.occurred_at),
            action=str(Action(event.action).label) if event.action in Action.values else "",
            what=_what(event),
        )
        for event in events
    ]


# --- My caseload -----------------------------------------------------------------------------


@dataclass(slots=True)
class CaseloadRow:
    """One child on My caseload, every cell already written out: a caseload can be long, and
    formatting in the template (dates, links, choice labels) costs far more per row."""

    child: Person
    name: str
    href: str
    restricted: bool
    age: int | None
    reason: str
    allocated_on: str
    allocated_sort: str
    last_seen: str  # "" if never seen
    last_seen_sort: str
    last_seen_alone: str  # "" if never seen alone
    last_seen_alone_sort: str


_ANY_CHILD = uuid.UUID(int=0)


def caseload_rows(allocations: list[Allocation], *, as_of: date) -> list[CaseloadRow]:
    """My caseload's rows from `casework.selectors.caseload_for_worker`, in its order."""
    dates = ListDates()
    reasons = {value: str(label) for value, label in InvolvementReason.choices}
    link = reverse("casework:chronology", args=[_ANY_CHILD])
    any_child = str(_ANY_CHILD)
    rows = []
    for allocation in allocations:
        child = allocation.child
        seen = allocation.last_seen_at  # type: ignore[attr-defined]
        alone = allocation.last_seen_alone_at  # type: ignore[attr-defined]
        reason = allocation.involvement_reason  # type: ignore[attr-defined]
        rows.append(
            CaseloadRow(
                child=child,
                name=child.full_name,
                href=link.replace(any_child, str(child.pk)),
                restricted=child.restricted,
                age=child.age_on(as_of),
                reason=reasons.get(reason, reason),
                allocated_on=dates.text(allocation.started_on),
                allocated_sort=dates.sort_value(allocation.started_on),
                last_seen=dates.text(seen),
                last_seen_sort=dates.sort_value(seen),
                last_seen_alone=dates.text(alone),
                last_seen_alone_sort=dates.sort_value(alone),
            )
        )
    return rows

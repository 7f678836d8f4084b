"""Reading the audit log. Every query is scoped to one council."""

import uuid
from datetime import datetime

from django.db.models import Q, QuerySet

from gofal.audit.models import AuditEvent
from gofal.authorities.models import Membership, User


def events_for_person(
    *,
    person_id: uuid.UUID | str,
    authority_id: uuid.UUID | str,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEvent]:
    """What happened to one person's record in one council, newest first.

    `since` is inclusive and `until` exclusive, so consecutive ranges do not overlap.
    """
    events = AuditEvent.objects.filter(person_id=person_id, authority_id=authority_id)
    if action:
        events = events.filter(action=action)
    if since is not None:
        events = events.filter(occurred_at__gte=since)
    if until is not None:
        events = events.filter(occurred_at__lt=until)
    return events.order_by("-occurred_at", "-seq")


def events_by_actor(
    *,
    actor_id: uuid.UUID | str,
    authority_id: uuid.UUID | str,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEvent]:
    """What one member of staff viewed or changed in one council, newest first.

    Includes their sign-ins and sign-outs, which belong to no council. `since` is inclusive and
    `until` exclusive.
    """
    events = AuditEvent.objects.filter(
        Q(authority_id=authority_id) | Q(authority_id__isnull=True), actor_id=actor_id
    )
    if since is not None:
        events = events.filter(occurred_at__gte=since)
    if until is not None:
        events = events.filter(occurred_at__lt=until)
    return events.order_by("-occurred_at", "-seq")


def staff_of_authority(*, authority_id: uuid.UUID | str) -> QuerySet[User]:
    """Everyone who holds or has held a role in this council, by name (leavers included)."""
    return (
        User.objects.filter(
            pk__in=Membership.objects.filter(authority_id=authority_id).values("user_id")
        )
        .only("id", "username", "first_name", "last_name")
        .order_by("last_name", "first_name", "username")
    )

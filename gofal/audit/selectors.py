"""Reading the audit log. Every query is scoped to one council."""

import uuid
from datetime import datetime

from django.db.models import QuerySet

from gofal.audit.models import AuditEvent


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

"""Helpers for audit tests. Events are written through the service, never made directly."""

import uuid
from typing import Any

from gofal.audit.models import Action, AuditEvent
from gofal.audit.services import Entry, record_entries


def audit_events(
    n: int = 1,
    *,
    actor: Any = None,
    action: str = Action.VIEW,
    person_id: uuid.UUID | None = None,
    authority_id: uuid.UUID | None = None,
    object_type: str = "people.person",
    detail: dict[str, Any] | None = None,
) -> list[AuditEvent]:
    """Append `n` events through the one writer and return them."""
    entries = [
        Entry(
            action=action,
            object_type=object_type,
            object_id=str(person_id or uuid.uuid4()),
            person_id=person_id,
            authority_id=authority_id,
            detail=detail or {},
        )
        for _ in range(n)
    ]
    return record_entries(actor=actor, entries=entries)

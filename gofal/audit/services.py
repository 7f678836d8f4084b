"""The one writer of the audit log.

Every read of a person's record (page, list row, search hit, print, export) and every change is
recorded here, explicitly, by the service or view that does it. Rows are hash-chained: each row's
hash covers its own content and the previous row's hash. On PostgreSQL the next position in the
chain is taken under a transaction-scoped advisory lock, so concurrent writers cannot fork it.
"""

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from gofal.audit.models import Action, AuditEvent

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 7_310_125  # any fixed number: "the audit chain"


@dataclass(frozen=True)
class Entry:
    action: str
    object_type: str
    object_id: str = ""
    person_id: uuid.UUID | None = None
    authority_id: uuid.UUID | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def _canonical(
    *,
    seq: int,
    occurred_at: datetime,
    actor_id: uuid.UUID | None,
    entry: Entry,
    prev_hash: str,
) -> bytes:
    body = {
        "seq": seq,
        "at": occurred_at.isoformat(),
        "actor": str(actor_id) if actor_id else "",
        "authority": str(entry.authority_id) if entry.authority_id else "",
        "action": entry.action,
        "type": entry.object_type,
        "id": entry.object_id,
        "person": str(entry.person_id) if entry.person_id else "",
        "detail": entry.detail,
        "prev": prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()


def compute_hash(event: AuditEvent) -> str:
    """The hash a stored row should have, recomputed from its content (used by verify)."""
    entry = Entry(
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        person_id=event.person_id,
        authority_id=event.authority_id,
        detail=event.detail,
    )
    return hashlib.sha256(
        _canonical(
            seq=event.seq,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            entry=entry,
            prev_hash=event.prev_hash,
        )
    ).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


@transaction.atomic
def record_entries(*, actor: Any, entries: Sequence[Entry]) -> list[AuditEvent]:
    """Append entries to the chain in one go. The building block of every other function."""
    if not entries:
        return []
    _lock_chain()
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev = last if last else (0, GENESIS)
    occurred_at = timezone.now()
    actor_id = getattr(actor, "pk", None)
    actor_label = str(actor) if actor is not None else "system"
    rows = []
    for entry in entries:
        seq += 1
        digest = hashlib.sha256(
            _canonical(
                seq=seq, occurred_at=occurred_at, actor_id=actor_id, entry=entry, prev_hash=prev
            )
        ).hexdigest()
        rows.append(
            AuditEvent(
                seq=seq,
                occurred_at=occurred_at,
                actor_id=actor_id,
                actor_label=actor_label[:200],
                authority_id=entry.authority_id,
                action=entry.action,
                object_type=entry.object_type,
                object_id=entry.object_id,
                person_id=entry.person_id,
                detail=entry.detail,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    AuditEvent.objects.bulk_create(rows)
    return rows


def _type_of(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _person_of(obj: models.Model) -> uuid.UUID | None:
    if obj._meta.label == "people.Person":
        return obj.pk
    return getattr(obj, "person_id", None) or getattr(obj, "child_id", None)


def entry_for(obj: models.Model, action: str, detail: dict[str, Any] | None = None) -> Entry:
    return Entry(
        action=action,
        object_type=_type_of(obj),
        object_id=str(obj.pk),
        person_id=_person_of(obj),
        authority_id=getattr(obj, "authority_id", None),
        detail=detail or {},
    )


def record_view(*, actor: Any, obj: models.Model, action: str = Action.VIEW) -> None:
    """A record was opened (or printed, exported: pass the action)."""
    record_entries(actor=actor, entries=[entry_for(obj, action)])


def record_list(
    *, actor: Any, objects: Iterable[models.Model], action: str = Action.LIST, context: str = ""
) -> None:
    """Rows of a list or hits of a search were shown: one entry per person shown."""
    detail = {"context": context} if context else {}
    record_entries(actor=actor, entries=[entry_for(o, action, detail) for o in objects])


def record_create(*, actor: Any, obj: models.Model, detail: dict[str, Any] | None = None) -> None:
    record_entries(actor=actor, entries=[entry_for(obj, Action.CREATE, detail)])


def record_update(*, actor: Any, obj: models.Model, changes: dict[str, Any] | None = None) -> None:
    """A record changed. `changes` maps field name to [before, after]."""
    record_entries(actor=actor, entries=[entry_for(obj, Action.UPDATE, {"changes": changes or {}})])


def record_delete(*, actor: Any, obj: models.Model, reason: str = "") -> None:
    record_entries(actor=actor, entries=[entry_for(obj, Action.DELETE, {"reason": reason})])

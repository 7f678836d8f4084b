"""The one writer of the audit log.

Every read of a person's record (page, list row, search hit, print, export) and every change is
recorded here, explicitly, by the service or view that does it. Rows are hash-chained: each row's
hash covers its own content and the previous row's hash. On PostgreSQL the next position in the
chain is taken under a transaction-scoped advisory lock, so concurrent writers cannot fork it.
"""

import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
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


def _uuid_text(value: object) -> str:
    """A UUID in the one form the database gives back (lower case, hyphens), or ""."""
    if not value:
        return ""
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


def _as_uuid(value: object) -> uuid.UUID | None:
    if not value:
        return None
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _instant_text(value: datetime) -> str:
    """A moment in UTC to the microsecond, the same before and after a database round trip."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def plain_detail(detail: dict[str, Any]) -> dict[str, Any]:
    """The detail exactly as the JSON column will give it back (dates, UUIDs as text).

    Hashing this form rather than the Python objects handed in means the hash recomputed from
    the stored row always matches, on both databases.
    """
    plain = json.loads(json.dumps(detail, cls=DjangoJSONEncoder))
    if not isinstance(plain, dict):
        raise TypeError("An audit entry's detail must be a mapping.")
    return plain


def row_hash(
    *,
    seq: int,
    occurred_at: datetime,
    actor_id: object,
    actor_label: str,
    authority_id: object,
    action: str,
    object_type: str,
    object_id: str,
    person_id: object,
    detail: dict[str, Any],
    prev_hash: str,
) -> str:
    """sha256 over the canonical JSON of one row's content and the previous row's hash."""
    return _text_hash(
        seq,
        _instant_text(occurred_at),
        _uuid_text(actor_id),
        actor_label,
        _uuid_text(authority_id),
        action,
        object_type,
        object_id,
        _uuid_text(person_id),
        detail,
        prev_hash,
    )


def _text_hash(
    seq: int,
    at: str,
    actor: str,
    label: str,
    authority: str,
    action: str,
    object_type: str,
    object_id: str,
    person: str,
    detail: dict[str, Any],
    prev: str,
) -> str:
    """`row_hash` with the moment and the UUIDs already in their canonical text."""
    body = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "label": label,
        "authority": authority,
        "action": action,
        "type": object_type,
        "id": object_id,
        "person": person,
        "detail": detail,
        "prev": prev,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


HASHED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_label",
    "authority_id",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "detail",
    "prev_hash",
)


def compute_hash(event: AuditEvent) -> str:
    """The hash a stored row should have, recomputed from its content (used by verify)."""
    return row_hash(**{name: getattr(event, name) for name in HASHED_FIELDS})


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


_LAST_ROW_SQL = f"SELECT seq, hash FROM {AuditEvent._meta.db_table} ORDER BY seq DESC LIMIT 1"


# Every column of `AuditEvent` (a test checks), as `_insert` names them.
INSERT_COLUMNS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_label",
    "authority_id",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "detail",
    "prev_hash",
    "hash",
)
# One parameter whatever the number of rows: the rows as a JSON array, unpacked by the database.
_INSERT_SQL = (
    "INSERT INTO {table} ({columns}) SELECT {columns} FROM json_to_recordset(%s::json) AS r("
    "seq bigint, occurred_at timestamptz, actor_id uuid, actor_label varchar, authority_id uuid, "
    "action varchar, object_type varchar, object_id varchar, person_id uuid, detail jsonb, "
    "prev_hash varchar, hash varchar)"
).format(table=AuditEvent._meta.db_table, columns=", ".join(INSERT_COLUMNS))


@transaction.atomic(savepoint=False)
def record_entries(*, actor: Any, entries: Sequence[Entry]) -> list[AuditEvent]:
    """Append entries to the chain in one go. The building block of every other function.

    Three queries whatever the number of entries (the lock, the last row, one insert; no lock
    on SQLite, where write transactions are serialised by the database, and there Django splits
    an insert of more than 83 rows to stay within SQLite's 999 parameters). No savepoint: if
    the audit cannot be written, the whole transaction it belongs to must fail with it.
    On PostgreSQL the rows go in as one JSON array of the values already made for the hash,
    unpacked by the database: the ORM's bulk insert cost about 0.1 ms of CPU a row in preparing
    each value, and a list page audits every row it shows.
    """
    if not entries:
        return []
    _lock_chain()
    with connection.cursor() as cursor:  # a fixed statement on every audited request
        cursor.execute(_LAST_ROW_SQL)
        last = cursor.fetchone()
    seq, prev = (int(last[0]), last[1]) if last else (0, GENESIS)
    occurred_at = timezone.now()
    at = _instant_text(occurred_at)
    actor_id = _as_uuid(getattr(actor, "pk", None))
    actor_text = _uuid_text(actor_id)
    actor_label = (str(actor) if actor is not None else "system")[:200]
    details: dict[int, dict[str, Any]] = {}  # a list's entries share one detail: made plain once
    rows = []
    texts = []
    for entry in entries:
        detail = details.get(id(entry.detail))
        if detail is None:
            detail = details[id(entry.detail)] = plain_detail(entry.detail)
        seq += 1
        authority_id, person_id = _as_uuid(entry.authority_id), _as_uuid(entry.person_id)
        authority_text, person_text = _uuid_text(authority_id), _uuid_text(person_id)
        object_id = str(entry.object_id)
        row_hash_ = _text_hash(
            seq,
            at,
            actor_text,
            actor_label,
            authority_text,
            entry.action,
            entry.object_type,
            object_id,
            person_text,
            detail,
            prev,
        )
        texts.append((actor_text, authority_text, person_text))
        # positional, in the model's field order (seq ... prev_hash, hash)
        rows.append(
            AuditEvent(
                seq,
                occurred_at,
                actor_id,
                actor_label,
                authority_id,
                entry.action,
                entry.object_type,
                object_id,
                person_id,
                detail,
                prev,
                row_hash_,
            )
        )
        prev = row_hash_
    _insert(rows, texts, at)
    return rows


def _insert(rows: list[AuditEvent], texts: list[tuple[str, str, str]], at: str) -> None:
    """Write the rows; `texts` are each row's actor, council and person ids as text."""
    if connection.vendor != "postgresql":
        AuditEvent.objects.bulk_create(rows)
        return
    values = [
        {
            "seq": row.seq,
            "occurred_at": at,
            "actor_id": actor or None,
            "actor_label": row.actor_label,
            "authority_id": authority or None,
            "action": row.action,
            "object_type": row.object_type,
            "object_id": row.object_id,
            "person_id": person or None,
            "detail": row.detail,
            "prev_hash": row.prev_hash,
            "hash": row.hash,
        }
        for row, (actor, authority, person) in zip(rows, texts, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_SQL, [json.dumps(values)])


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


READ_ACTIONS = frozenset(
    {Action.VIEW, Action.LIST, Action.SEARCH, Action.PRINT, Action.EXPORT, Action.BREAK_GLASS}
)

# Reads queued while `reads_deferred()` is active (per thread and per async task).
_pending_reads: ContextVar[list[tuple[Any, Entry]] | None] = ContextVar(
    "gofal_audit_pending_reads", default=None
)


@contextmanager
def reads_deferred() -> Iterator[None]:
    """Queue the reads recorded in this block and write them in one go when it ends.

    On PostgreSQL the chain's lock is held from the audit write until the transaction
    commits. A request that records its reads at the start would hold it while it runs its
    other queries and renders the page; deferring the write to the end of the request (see
    `gofal.audit.middleware`) keeps that time short and turns several read entries into one
    insert. Changes are never deferred. If the block fails, the queued reads are dropped with
    the transaction they belong to.
    """
    token = _pending_reads.set([])
    try:
        yield
        pending = _pending_reads.get() or []
    finally:
        _pending_reads.reset(token)
    for actor, entries in _grouped_by_actor(pending):
        record_entries(actor=actor, entries=entries)


def _grouped_by_actor(pending: list[tuple[Any, Entry]]) -> list[tuple[Any, list[Entry]]]:
    groups: list[tuple[Any, list[Entry]]] = []
    for actor, entry in pending:
        if groups and groups[-1][0] is actor:
            groups[-1][1].append(entry)
        else:
            groups.append((actor, [entry]))
    return groups


def record_reads(*, actor: Any, entries: Sequence[Entry]) -> None:
    """Record that records were read: now, or at the end of the request if reads are deferred."""
    if any(entry.action not in READ_ACTIONS for entry in entries):
        raise ValueError("Only reads can be deferred; record changes with record_entries.")
    pending = _pending_reads.get()
    if pending is None:
        record_entries(actor=actor, entries=entries)
    else:
        pending.extend((actor, entry) for entry in entries)


def record_view(*, actor: Any, obj: models.Model, action: str = Action.VIEW) -> None:
    """A record was opened (or printed, exported: pass the action)."""
    record_reads(actor=actor, entries=[entry_for(obj, action)])


def record_list(
    *, actor: Any, objects: Iterable[models.Model], action: str = Action.LIST, context: str = ""
) -> None:
    """Rows of a list or hits of a search were shown: one entry per person shown."""
    detail = {"context": context} if context else {}
    record_reads(actor=actor, entries=[entry_for(o, action, detail) for o in objects])


def record_create(*, actor: Any, obj: models.Model, detail: dict[str, Any] | None = None) -> None:
    record_entries(actor=actor, entries=[entry_for(obj, Action.CREATE, detail)])


def record_update(*, actor: Any, obj: models.Model, changes: dict[str, Any] | None = None) -> None:
    """A record changed. `changes` maps field name to [before, after]."""
    record_entries(actor=actor, entries=[entry_for(obj, Action.UPDATE, {"changes": changes or {}})])


def record_delete(*, actor: Any, obj: models.Model, reason: str = "") -> None:
    record_entries(actor=actor, entries=[entry_for(obj, Action.DELETE, {"reason": reason})])

"""Recompute every open deadline from its start and the rule registry; report and repair drift.

The stored `due_on`/`due_at` are a cache kept by the services. This check recomputes them in
batches (the registry and calendars loaded once, due dates memoised per start day) and, with
`fix`, writes the corrected rows back with `bulk_update`.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction

from gofal.authorities.models import Authority
from gofal.timescales.calendar import CalendarCache
from gofal.timescales.compute import Due, Timescale, due
from gofal.timescales.models import Deadline
from gofal.timescales.registry import RuleRegistry

BATCH = 5000


@dataclass(frozen=True)
class Drift:
    deadline_id: uuid.UUID
    rule_code: str
    stored: Due
    computed: Due
    version_changed: bool


@dataclass
class Report:
    checked: int = 0
    drifted: int = 0
    fixed: int = 0
    samples: list[Drift] = field(default_factory=list)


def _batches(fields: list[str]) -> Iterator[list[Deadline]]:
    """Every open deadline in one pass (a server-side cursor on PostgreSQL), in batches."""
    batch: list[Deadline] = []
    for deadline in Deadline.objects.open().only(*fields).iterator(chunk_size=BATCH):
        batch.append(deadline)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def reconcile(*, fix: bool = False, sample_size: int = 20) -> Report:
    """Check (and with `fix`, repair) the due date of every open deadline."""
    registry = RuleRegistry()
    calendars = CalendarCache()
    jurisdictions = dict(Authority.objects.values_list("pk", "jurisdiction"))
    memo: dict[tuple[str, uuid.UUID | None, Timescale, datetime | date], Due] = {}
    report = Report()
    fields = [
        "id",
        "authority_id",
        "rule_id",
        "rule_version_id",
        "local_standard_id",
        "started_at",
        "started_on",
        "due_on",
        "due_at",
    ]
    changed: list[Deadline] = []
    for batch in _batches(fields):
        for deadline in batch:
            report.checked += 1
            jurisdiction = jurisdictions[deadline.authority_id]
            applied = registry.applied(
                rule=registry.rules_by_id[deadline.rule_id],
                jurisdiction=jurisdiction,
                authority_id=deadline.authority_id,
                on=deadline.started_on,
            )
            timescale = applied.timescale
            # Day rules depend only on the start day; hour rules on the instant.
            start_key: datetime | date = (
                deadline.started_at if timescale.unit == "hours" else deadline.started_on
            )
            closures_key = deadline.authority_id
            key = (jurisdiction, closures_key, timescale, start_key)
            computed = memo.get(key)
            if computed is None:
                calendar = calendars.get(
                    jurisdiction=jurisdiction, authority_id=deadline.authority_id
                )
                computed = due(timescale, deadline.started_at, calendar)
                memo[key] = computed
            stored = Due(on=deadline.due_on, at=deadline.due_at)
            standard_id = applied.local_standard.pk if applied.local_standard else None
            version_changed = (
                deadline.rule_version_id != applied.version.pk
                or deadline.local_standard_id != standard_id
            )
            if stored != computed or version_changed:
                report.drifted += 1
                if len(report.samples) < sample_size:
                    report.samples.append(
                        Drift(
                            deadline_id=deadline.pk,
                            rule_code=registry.rules_by_id[deadline.rule_id].code,
                            stored=stored,
                            computed=computed,
                            version_changed=version_changed,
                        )
                    )
                if fix:
                    changed.append(
                        Deadline(
                            pk=deadline.pk,
                            due_on=computed.on,
                            due_at=computed.at,
                            rule_version_id=applied.version.pk,
                            local_standard_id=standard_id,
                        )
                    )
    # Written after the pass, so the rows being read are not changed under the cursor.
    if changed:
        with transaction.atomic():
            _write(changed)
        report.fixed = len(changed)
    return report


def _write(changed: list[Deadline]) -> None:
    """Write corrected due dates back: one UPDATE ... FROM (VALUES ...) per 2,000 rows on
    PostgreSQL (bulk_update's CASE expressions grow quadratically), bulk_update elsewhere."""
    if connection.vendor != "postgresql":
        Deadline.objects.bulk_update(
            changed, ["due_on", "due_at", "rule_version_id", "local_standard_id"], batch_size=200
        )
        return
    table = connection.ops.quote_name(Deadline._meta.db_table)
    row = "(%s::uuid, %s::date, %s::timestamptz, %s::uuid, %s::uuid)"
    with connection.cursor() as cursor:
        for start in range(0, len(changed), 2000):
            chunk = changed[start : start + 2000]
            params: list[Any] = []
            for d in chunk:
                params += [d.pk, d.due_on, d.due_at, d.rule_version_id, d.local_standard_id]
            cursor.execute(
                f"UPDATE {table} AS d SET due_on = v.due_on, due_at = v.due_at, "  # noqa: S608
                "rule_version_id = v.rv, local_standard_id = v.ls "
                f"FROM (VALUES {', '.join([row] * len(chunk))}) AS v(id, due_on, due_at, rv, ls) "
                "WHERE d.id = v.id",
                params,
            )

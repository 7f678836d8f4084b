"""Recompute every open deadline from its start and the rule registry; report and repair drift.

The stored `due_on`/`due_at` are a cache kept by the services. This check recomputes them in
batches (the registry and calendars loaded once, due dates memoised per start day) and, with
`fix`, writes the corrected rows back with `bulk_update`.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

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
    last: uuid.UUID | None = None
    while True:
        rows = Deadline.objects.open().order_by("pk").only(*fields)
        if last is not None:
            rows = rows.filter(pk__gt=last)
        batch = list(rows[:BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


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
    for batch in _batches(fields):
        changed = []
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
                deadline.due_on = computed.on
                deadline.due_at = computed.at
                deadline.rule_version_id = applied.version.pk
                deadline.local_standard_id = standard_id
                changed.append(deadline)
        if fix and changed:
            with transaction.atomic():
                Deadline.objects.bulk_update(
                    changed,
                    ["due_on", "due_at", "rule_version_id", "local_standard_id"],
                    batch_size=1000,
                )
            report.fixed += len(changed)
    return report

"""Run the generator: every council of a size, written in bulk, one council at a time."""

import multiprocessing
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, connections, transaction
from django.db.models import Model

from gofal.authorities.models import Team, TeamKind
from gofal.authorities.tenancy import system_access
from gofal.demo.assessments import AssessmentHistory
from gofal.demo.deadlines import DeadlineHistory
from gofal.demo.early_help import EarlyHelpHistory
from gofal.demo.front_door import FrontDoorHistory
from gofal.demo.generator import (
    REFERENCE_DATE,
    SIZES,
    CouncilGenerator,
    CouncilSpec,
    Size,
    council_specs,
)
from gofal.demo.history import HistoryGenerator
from gofal.demo.logins import DEMO_PASSWORD
from gofal.demo.risk import RiskHistory
from gofal.demo.writer import (
    BulkWriter,
    SavedSchema,
    drop_secondary_indexes,
    restore_secondary_indexes,
)
from gofal.people.services import person_search_index_rebuild

# The areas whose tables the generator fills. During a bulk load their secondary indexes and
# foreign keys are off and their rows are copied straight in (`gofal.demo.writer`): with the
# indexes and deferred foreign-key checks left on, maintaining them row by row and checking
# every key at commit cost more than writing the rows.
GENERATED_APPS = frozenset(
    {"people", "casework", "timescales", "front_door", "early_help", "assessments", "planning",
     "risk"}
)  # fmt: skip


def bulk_models() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in GENERATED_APPS and model._meta.managed
    ]


@dataclass
class Result:
    councils: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    open_children: int = 0
    region: list[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=list)

    def add(self, outcome: "Outcome", progress: Callable[[str], None] | None) -> None:
        self.councils += 1
        self.open_children += outcome.open_children
        self.region.append((outcome.missing_team_id, outcome.authority_id))
        for label, count in outcome.counts.items():
            self.counts[label] = self.counts.get(label, 0) + count
        if progress:
            timings = ", ".join(f"{k.split('.')[-1]} {v:.1f}s" for k, v in outcome.seconds.items())
            progress(f"{outcome.name}: {sum(outcome.counts.values())} rows; writing {timings}")


def generate(
    *,
    seed: int,
    size: str,
    as_of: date = REFERENCE_DATE,
    progress: Callable[[str], None] | None = None,
    processes: int = 1,
) -> Result:
    """Build the councils of a size into an empty database.

    With one process everything happens in one transaction (nested in the caller's, if any).
    With several (PostgreSQL only, for national sizes) each council is generated and committed
    by its own process between two short transactions that take the secondary indexes off
    and put them back; if a process fails, the indexes are still put back and the error raised.
    """
    plan = SIZES[size]
    specs = council_specs(plan.councils, random.Random(f"gofal:{seed}:councils"))
    job = Job(seed=seed, plan=plan, specs=specs, as_of=as_of,
              password_hash=make_password(DEMO_PASSWORD, salt=f"gofaldemo{seed}"))  # fmt: skip
    parallel = processes > 1 and connection.vendor == "postgresql" and len(specs) > 1
    result = Result()
    if not parallel:
        with transaction.atomic(), system_access():
            saved = drop_secondary_indexes(bulk_models() if plan.bulk_indexes else [])
            for index in range(len(specs)):
                result.add(_council(job, index), progress)
            _finish(result, saved, progress)
        return result
    with transaction.atomic(), system_access():
        saved = drop_secondary_indexes(bulk_models())
    connections.close_all()
    failure: BaseException | None = None
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for outcome in pool.imap(partial(_council_in_process, job), range(len(specs))):
                result.add(outcome, progress)
    except BaseException as error:  # put the indexes back whatever happened, then re-raise
        failure = error
    with transaction.atomic(), system_access():
        _finish(result, saved, progress)
    if failure is not None:
        raise failure
    return result


@dataclass(frozen=True)
class Job:
    seed: int
    plan: Size
    specs: list[CouncilSpec]
    as_of: date
    password_hash: str


@dataclass
class Outcome:
    name: str
    authority_id: uuid.UUID
    missing_team_id: uuid.UUID
    counts: dict[str, int]
    seconds: dict[str, float]
    open_children: int


def _council_in_process(job: Job, index: int) -> Outcome:
    """One council in a worker process: its own connection and transaction."""
    try:
        with transaction.atomic(), system_access():
            return _council(job, index)
    finally:
        connections.close_all()


def _council(job: Job, index: int) -> Outcome:
    spec = job.specs[index]
    generator = CouncilGenerator(
        seed=job.seed,
        index=index,
        spec=spec,
        size=job.plan,
        as_of=job.as_of,
        password_hash=job.password_hash,
        used_usernames=set(),
    )
    writer = BulkWriter()
    council = generator.build_council()
    history = HistoryGenerator(generator, council, writer)
    generator.populate(council, history.plan)
    generator.write_council(council, writer)
    generator.write_people(council, writer)
    history.write()
    DeadlineHistory(generator, council, writer, history).write()
    front_door = FrontDoorHistory(generator, council, writer)
    front_door.write()
    writer.flush()
    front_door.finish()
    RiskHistory(generator, council, job.seed).write()  # after involvements and allocations
    EarlyHelpHistory(generator, council).write()
    AssessmentHistory(generator, council, writer).write()
    started = time.monotonic()
    person_search_index_rebuild(authority_id=council.authority_id)  # in this council's process
    writer.seconds["search index"] = time.monotonic() - started
    return Outcome(
        name=spec.name_en,
        authority_id=council.authority_id,
        missing_team_id=council.teams_of(TeamKind.MISSING_CHILDREN)[0].id,
        counts=writer.counts(),
        seconds=writer.seconds,
        open_children=history.open_children,
    )


def _finish(result: Result, saved: SavedSchema, progress: Callable[[str], None] | None) -> None:
    """Indexes and foreign keys back (each council built its own search index)."""
    restore_secondary_indexes(saved, progress)
    _share_missing_teams(result.region)


def _share_missing_teams(region: list[tuple[uuid.UUID, uuid.UUID]]) -> None:
    """Regional missing teams work for the neighbouring councils (groups of five)."""
    through = Team.also_serves.through
    rows = []
    for start in range(0, len(region), 5):
        group = region[start : start + 5]
        for team_id, home in group:
            for _, other in group:
                if other != home:
                    rows.append(through(team_id=team_id, authority_id=other))
    through.objects.bulk_create(rows)

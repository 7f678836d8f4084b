"""Run the generator: every council of a size, written in bulk, one council at a time."""

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password

from gofal.authorities.models import Team, TeamKind
from gofal.demo.generator import REFERENCE_DATE, SIZES, CouncilGenerator, council_specs
from gofal.demo.history import HistoryGenerator
from gofal.demo.logins import DEMO_PASSWORD
from gofal.demo.writer import BulkWriter
from gofal.people.services import person_search_index_rebuild


@dataclass
class Result:
    councils: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    open_children: int = 0


def generate(
    *,
    seed: int,
    size: str,
    as_of: date = REFERENCE_DATE,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Build the councils of a size into the database (the caller opens the transaction)."""
    plan = SIZES[size]
    spec_rng = random.Random(f"gofal:{seed}:councils")
    specs = council_specs(plan.councils, spec_rng)
    password_hash = make_password(DEMO_PASSWORD, salt=f"gofaldemo{seed}")
    used_usernames: set[str] = set()
    writer = BulkWriter()
    result = Result()
    region: list[tuple[uuid.UUID, uuid.UUID]] = []  # (missing team, authority) per council
    for index, spec in enumerate(specs):
        generator = CouncilGenerator(
            seed=seed,
            index=index,
            spec=spec,
            size=plan,
            as_of=as_of,
            password_hash=password_hash,
            used_usernames=used_usernames,
        )
        council = generator.build_council()
        history = HistoryGenerator(generator, council, writer)
        generator.populate(council, history.plan)
        generator.write_council(council, writer)
        generator.write_people(council, writer)
        history.write()
        writer.flush()
        person_search_index_rebuild(authority_id=council.authority_id)
        result.open_children += history.open_children
        region.append((council.teams_of(TeamKind.MISSING_CHILDREN)[0].id, council.authority_id))
        result.councils += 1
        if progress:
            progress(f"{spec.name_en}: {writer.counts()}")
    _share_missing_teams(region)
    result.counts = writer.counts()
    return result


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

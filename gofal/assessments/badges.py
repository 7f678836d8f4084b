"""Vulnerability and risky-behaviour flags on every identity bar and in the front door's history
check (one query for all the children shown)."""

import uuid
from collections.abc import Sequence
from datetime import date

from gofal.assessments.models import FlagKind
from gofal.assessments.selectors import flag_kinds_current_by_child
from gofal.people.models import Person
from gofal.people.presenters import Badge


def flag_badges(people: Sequence[Person], as_of: date) -> dict[uuid.UUID, list[Badge]]:
    labels = dict(FlagKind.choices)
    return {
        child_id: [Badge(str(labels[kind]), "red") for kind in kinds if kind in labels]
        for child_id, kinds in flag_kinds_current_by_child(children=people, as_of=as_of).items()
    }

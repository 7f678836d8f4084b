"""Vulnerability and risky-behaviour flags on every identity bar (one query)."""

from collections.abc import Iterable
from datetime import date

from gofal.assessments.models import FlagKind
from gofal.assessments.selectors import flag_kinds_current
from gofal.people.models import Person
from gofal.people.presenters import Badge


def flag_badges(person: Person, as_of: date) -> Iterable[Badge]:
    labels = dict(FlagKind.choices)
    return [
        Badge(str(labels[kind]), "red")
        for kind in flag_kinds_current(child=person, as_of=as_of)
        if kind in labels
    ]

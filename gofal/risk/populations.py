"""Which children the risk profile report covers: a small registry of populations.

The looked-after children and child protection register areas register their populations here
(`register_population`) when their apps are ready. Until any area has registered one, the
report covers children with an open involvement and says so on the page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gofal.casework.models import Involvement


@dataclass(frozen=True)
class Population:
    key: str
    label: str | Promise
    # children(authority_id, as_of) -> a queryset of Person ids (values_list("pk"))
    children: Callable[[Any, date], QuerySet[Any]]


_POPULATIONS: list[Population] = []


def register_population(population: Population) -> None:
    if all(p.key != population.key for p in _POPULATIONS):
        _POPULATIONS.append(population)


def unregister_population(key: str) -> None:
    _POPULATIONS[:] = [p for p in _POPULATIONS if p.key != key]


def _open_involvement(authority_id: Any, as_of: date) -> QuerySet[Any]:
    return (
        Involvement.objects.filter(authority_id=authority_id, started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .values("child_id")
    )


OPEN_INVOLVEMENT = Population(
    "open_involvement", _("Children with an open involvement"), _open_involvement
)


def populations() -> tuple[Population, ...]:
    """The registered populations, or the open-involvement stand-in when none is."""
    return tuple(_POPULATIONS) or (OPEN_INVOLVEMENT,)


def registered_populations() -> tuple[Population, ...]:
    return tuple(_POPULATIONS)

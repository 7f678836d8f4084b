"""The risk profile report: vulnerability flags across the council's looked-after children and
children on the child protection register, by flag and by placement area, as counts that are
safe to share with partners (small numbers suppressed), with a drill-down for permitted staff.

Which children are covered comes from `gofal.risk.populations` (the looked-after and register
areas register their populations; until then, children with an open involvement). The
placement area is the town of the child's current address until placements are recorded.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from gofal.assessments.models import FlagKind, VulnerabilityFlag
from gofal.people.models import Address, Person
from gofal.people.selectors import persons_visible_to
from gofal.risk.populations import Population, populations, registered_populations

SUPPRESS_BELOW = 5
NO_AREA = "__none__"


def shown(count: int) -> str:
    """A count as it may be shared: 1 to 4 become "fewer than 5"."""
    if 0 < count < SUPPRESS_BELOW:
        return _("fewer than %(n)s") % {"n": SUPPRESS_BELOW}
    return str(count)


def suppressed(count: int) -> bool:
    return 0 < count < SUPPRESS_BELOW


def total_shown(total: int, cells: list[int]) -> str:
    """A total beside its cells. With exactly one cell suppressed, the total minus the others
    would give it away, so the total is not shown either (secondary suppression)."""
    if not suppressed(total) and sum(1 for count in cells if suppressed(count)) == 1:
        return _("not shown")
    return shown(total)


@dataclass
class AreaRow:
    key: str  # the town, or NO_AREA
    label: str
    by_kind: dict[str, int] = field(default_factory=dict)
    children: set[Any] = field(default_factory=set)
    cell_list: list[tuple[str, int, str]] = field(default_factory=list)  # kind, count, shown

    @property
    def any_flag(self) -> int:
        return len(self.children)

    @property
    def any_text(self) -> str:
        return total_shown(self.any_flag, [count for _code, count, _text in self.cell_list])


@dataclass
class RiskProfile:
    as_of: date
    populations: tuple[Population, ...]
    stand_in: bool  # no area has registered a population yet
    children: int
    flagged: int
    kinds: list[tuple[str, str, int, str]]  # code, label, children, shown
    areas: list[AreaRow]

    @property
    def kind_codes(self) -> list[str]:
        return [code for code, *_rest in self.kinds]


def population_children(*, user: Any, as_of: date) -> QuerySet[Person]:
    """The children the profile covers that this user may see, in the acting council."""
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return Person.objects.none()
    condition = Q()
    for population in populations():
        condition |= Q(pk__in=population.children(acting.authority.pk, as_of))
    return persons_visible_to(user).filter(condition)


def _area_of(as_of: date) -> Subquery:
    current = (
        Address.objects.filter(person_id=OuterRef("child_id"), started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .order_by("-started_on", "-created_at")
        .values("town")[:1]
    )
    return Subquery(current)


def _current_flags(*, user: Any, as_of: date) -> QuerySet[VulnerabilityFlag]:
    acting = user.acting
    return (
        VulnerabilityFlag.objects.filter(
            authority=acting.authority,
            child__in=population_children(user=user, as_of=as_of),
            started_on__lte=as_of,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .annotate(area=_area_of(as_of))
    )


def risk_profile(*, user: Any, as_of: date) -> RiskProfile:
    """Counts of children by flag and by area (two queries)."""
    stand_in = not registered_populations()
    if getattr(user, "acting", None) is None or user.acting.authority is None:
        return RiskProfile(as_of, populations(), stand_in, 0, 0, [], [])
    total = population_children(user=user, as_of=as_of).count()
    rows = list(_current_flags(user=user, as_of=as_of).values_list("child_id", "kind", "area"))  # type: ignore[misc]
    by_kind: dict[str, set[Any]] = {}
    areas: dict[str, AreaRow] = {}
    in_area: dict[tuple[str, str], set[Any]] = {}
    flagged: set[Any] = set()
    for child_id, kind, area in rows:
        key = area or NO_AREA
        if key not in areas:
            areas[key] = AreaRow(key=key, label=area or _("No current address recorded"))
        areas[key].children.add(child_id)
        in_area.setdefault((key, kind), set()).add(child_id)
        by_kind.setdefault(kind, set()).add(child_id)
        flagged.add(child_id)
    for (key, kind), children in in_area.items():
        areas[key].by_kind[kind] = len(children)
    for row in areas.values():
        row.cell_list = [
            (code, row.by_kind.get(code, 0), shown(row.by_kind.get(code, 0)))
            for code in FlagKind.values
        ]
    # A child lives in one area, so a flag's total is the sum of its column of areas.
    kinds = [
        (
            code,
            str(label),
            len(by_kind.get(code, ())),
            total_shown(
                len(by_kind.get(code, ())), [r.by_kind.get(code, 0) for r in areas.values()]
            ),
        )
        for code, label in FlagKind.choices
    ]
    ordered = sorted(areas.values(), key=lambda r: (r.key == NO_AREA, r.label.lower()))
    return RiskProfile(as_of, populations(), stand_in, total, len(flagged), kinds, ordered)


def flag_counts(*, user: Any, as_of: date) -> dict[str, int]:
    """How many children of the profile's population carry each flag on `as_of` (one query),
    for the practice report's table, so its figures match the profile's drill-down."""
    if getattr(user, "acting", None) is None or user.acting.authority is None:
        return {}
    rows = (
        VulnerabilityFlag.objects.filter(
            authority=user.acting.authority,
            child__in=population_children(user=user, as_of=as_of),
            started_on__lte=as_of,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .order_by()
        .values("kind")
        .annotate(children=Count("child_id", distinct=True))
    )
    return {row["kind"]: row["children"] for row in rows}


def profile_children(
    *, user: Any, as_of: date, kind: str = "", area: str = ""
) -> QuerySet[VulnerabilityFlag]:
    """The current flags behind a figure (one kind, one area, or both), with their children."""
    flags = _current_flags(user=user, as_of=as_of)
    if kind:
        flags = flags.filter(kind=kind)
    if area == NO_AREA:
        flags = flags.filter(area__isnull=True)  # type: ignore[misc]
    elif area:
        flags = flags.filter(area=area)  # type: ignore[misc]
    return flags.select_related("child").order_by(
        "child__family_name", "child__given_name", "kind", "pk"
    )

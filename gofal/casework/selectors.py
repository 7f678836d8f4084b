"""Reads of casework, always for a child the user may see, in the council they act for.

Functions that take a `child` expect one already fetched with
`gofal.people.selectors.person_get_for_user`, so access has been checked; they still filter by
the child's council. Caseload functions scope themselves with `persons_visible_to`.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from gofal.authorities.models import Membership, Role, Team, User
from gofal.casework.chronology import ChronologyEntry, chronology_entries
from gofal.casework.models import (
    Allocation,
    AllocationChangeReason,
    CaseNote,
    CaseNoteRevision,
    Document,
    Involvement,
    SignificantEvent,
)
from gofal.people.models import Person
from gofal.people.selectors import persons_visible_to

PRACTITIONER_ROLES = (
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.PERSONAL_ADVISER,
)
CHANGE_WINDOW_DAYS = 183  # "no change of social worker in 6 months"


def _get(queryset: QuerySet[Any], pk: uuid.UUID | str) -> Any:
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


# --- Involvement and allocation --------------------------------------------------------------


def involvements_for_child(*, child: Person) -> QuerySet[Involvement]:
    return (
        Involvement.objects.filter(child=child, authority_id=child.authority_id)
        .select_related("team", "started_by", "ended_by")
        .order_by("-started_on", "-created_at")
    )


def involvement_current(*, child: Person) -> Involvement | None:
    return involvements_for_child(child=child).filter(ended_on__isnull=True).first()


def allocations_for_child(*, child: Person) -> QuerySet[Allocation]:
    return (
        Allocation.objects.filter(child=child, authority_id=child.authority_id)
        .select_related("worker", "team", "reason", "allocated_by")
        .order_by("-started_on", "-created_at")
    )


def allocation_current(*, child: Person) -> Allocation | None:
    return allocations_for_child(child=child).filter(ended_on__isnull=True).first()


def current_for_children(
    *, authority_id: uuid.UUID, child_ids: Sequence[uuid.UUID]
) -> tuple[dict[uuid.UUID, Involvement], dict[uuid.UUID, Allocation]]:
    """Each child's open involvement (with its team) and current allocation (with its worker
    and team), as `involvement_current` and `allocation_current` choose them, for several
    children in two queries."""
    involvements: dict[uuid.UUID, Involvement] = {}
    for involvement in (
        Involvement.objects.filter(
            child_id__in=child_ids, authority_id=authority_id, ended_on__isnull=True
        )
        .select_related("team")
        .order_by("-started_on", "-created_at")
    ):
        involvements.setdefault(involvement.child_id, involvement)
    allocations: dict[uuid.UUID, Allocation] = {}
    for allocation in (
        Allocation.objects.filter(
            child_id__in=child_ids, authority_id=authority_id, ended_on__isnull=True
        )
        .select_related("worker", "team")
        .order_by("-started_on", "-created_at")
    ):
        allocations.setdefault(allocation.child_id, allocation)
    return involvements, allocations


def allocation_change_reasons() -> QuerySet[AllocationChangeReason]:
    return AllocationChangeReason.objects.filter(active=True).order_by("order", "code")


def allocatable_workers(*, authority_id: uuid.UUID, as_of: date) -> QuerySet[User]:
    """Staff of the council who can hold cases, for the allocation form."""
    members = Membership.objects.current(as_of).filter(
        authority_id=authority_id, role__in=PRACTITIONER_ROLES, user=OuterRef("pk")
    )
    first_team = members.filter(team__isnull=False).order_by("started_on")
    return (
        User.objects.filter(Exists(members), is_active=True)
        .annotate(
            team_name_en=Subquery(first_team.values("team__name_en")[:1]),
            team_name_cy=Subquery(first_team.values("team__name_cy")[:1]),
        )
        .order_by("last_name", "first_name")
    )


def teams_of_council(*, authority_id: uuid.UUID) -> QuerySet[Team]:
    return Team.objects.filter(authority_id=authority_id, closed_on__isnull=True).order_by(
        "name_en"
    )


def teams_for_manager(*, user: Any) -> QuerySet[Team]:
    """The teams whose caseload a manager may see: those they manage, or all if council-wide."""
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None or not acting.is_manager:
        return Team.objects.none()
    teams = teams_of_council(authority_id=acting.authority.pk)
    if acting.sees_whole_council:
        return teams
    return teams.filter(pk__in=acting.managed_team_ids)


def _changes_subquery(*, since: date, until: date) -> Coalesce:
    changes = (
        Allocation.objects.filter(
            child=OuterRef("child"),
            reason__isnull=False,
            started_on__gt=since,
            started_on__lte=until,
        )
        .order_by()
        .values("child")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(changes, output_field=IntegerField()), Value(0))


def worker_changes_by_child(
    *, child_ids: Iterable[uuid.UUID], since: date, until: date
) -> dict[uuid.UUID, int]:
    """How many times each child's worker changed in (since, until]: one query.

    The first allocation of an involvement is not a change; every later allocation is.
    """
    ids = list(child_ids)
    counts = {child_id: 0 for child_id in ids}
    rows = (
        Allocation.objects.filter(
            child_id__in=ids,
            reason__isnull=False,
            started_on__gt=since,
            started_on__lte=until,
        )
        .order_by()
        .values("child_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["child_id"]] = row["n"]
    return counts


def worker_changes_for_child(*, child: Person, since: date, until: date) -> int:
    return worker_changes_by_child(child_ids=[child.pk], since=since, until=until)[child.pk]


# --- Caseloads -------------------------------------------------------------------------------


def _last_seen(*, alone: bool) -> Subquery:
    condition = Q(seen_alone=True) if alone else Q(child_seen=True)
    notes = (
        CaseNote.objects.filter(condition, child=OuterRef("child"))
        .order_by()
        .values("child")
        .annotate(last=Max("occurred_at"))
        .values("last")
    )
    return Subquery(notes, output_field=DateTimeField())


def _with_caseload_columns(
    allocations: QuerySet[Allocation], *, as_of: date
) -> QuerySet[Allocation]:
    return allocations.select_related("child", "involvement", "worker", "reason").annotate(
        last_seen_at=_last_seen(alone=False),
        last_seen_alone_at=_last_seen(alone=True),
        recent_changes=_changes_subquery(
            since=as_of - timedelta(days=CHANGE_WINDOW_DAYS), until=as_of
        ),
    )


# What My caseload shows of each allocation and its child (and what the read audit needs of
# the child): a worker's list can be long, so nothing else is read or built per row.
_MY_CASELOAD_COLUMNS = (
    "id",
    "authority_id",
    "started_on",
    "child__id",
    "child__authority_id",
    "child__given_name",
    "child__family_name",
    "child__date_of_birth",
    "child__expected_on",
    "child__restricted",
)


def caseload_for_worker(*, user: Any, as_of: date) -> list[Allocation]:
    """The children allocated to this worker now that they may see, by name, each with the
    involvement's reason (`involvement_reason`) and when the child was last seen (and seen
    alone): one query, and one more only if any child listed is restricted.

    Only the columns My caseload shows are read. Everyone acting for the council may see its
    children who are not restricted, so only the restricted ones are asked of
    `persons_visible_to`, rather than compiling that subquery into the list's own query.
    """
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return []
    allocations = list(
        Allocation.objects.filter(worker=user, authority=acting.authority, ended_on__isnull=True)
        .select_related("child")
        .only(*_MY_CASELOAD_COLUMNS)
        .annotate(
            involvement_reason=F("involvement__reason"),
            last_seen_at=_last_seen(alone=False),
            last_seen_alone_at=_last_seen(alone=True),
        )
        .order_by("child__family_name", "child__given_name")
    )
    restricted = {a.child_id for a in allocations if a.child.restricted}
    if restricted:
        visible = set(
            persons_visible_to(user).filter(pk__in=restricted).values_list("pk", flat=True)
        )
        allocations = [a for a in allocations if a.child_id not in restricted - visible]
    return [a for a in allocations if a.child.authority_id == acting.authority.pk]


@dataclass
class WorkerLoad:
    worker: User
    count: int = 0
    member: bool = True  # False if they still hold cases here but are no longer in the team
    allocations: list[Allocation] = field(default_factory=list)  # only for the chosen worker


@dataclass
class TeamCaseload:
    """A team at a glance: each worker's number of children, one worker's children in full
    (`chosen`, when the manager picks one), and lists the view pages (`unallocated`,
    `recent_changes` are unevaluated querysets)."""

    team: Team
    workers: list[WorkerLoad]
    unallocated: QuerySet[Involvement]
    allocated_count: int
    no_recent_change_count: int
    recent_changes: QuerySet[Allocation]
    chosen: WorkerLoad | None = None

    @property
    def no_recent_change_percent(self) -> int | None:
        if not self.allocated_count:
            return None
        return round(100 * self.no_recent_change_count / self.allocated_count)


def recent_changes_of_worker(
    *, team: Team, visible: QuerySet[Person], since: date, until: date
) -> QuerySet[Allocation]:
    """Changes of worker into this team in (since, until], newest first, each with the worker
    it replaced (`previous_first_name`, `previous_last_name`)."""
    previous = Allocation.objects.filter(
        child=OuterRef("child"), ended_on=OuterRef("started_on")
    ).exclude(pk=OuterRef("pk"))
    return (
        Allocation.objects.filter(
            team=team,
            authority_id=team.authority_id,
            reason__isnull=False,
            started_on__gt=since,
            started_on__lte=until,
            child__in=visible,
        )
        .select_related("child", "worker", "reason", "allocated_by")
        .annotate(
            previous_first_name=Subquery(previous.values("worker__first_name")[:1]),
            previous_last_name=Subquery(previous.values("worker__last_name")[:1]),
        )
        .order_by("-started_on", "-created_at", "pk")
    )


def team_caseload(
    *, user: Any, team: Team, as_of: date, worker_id: uuid.UUID | None = None
) -> TeamCaseload:
    """A team's caseload: 2 queries (each worker's count of children and how many had a change
    of worker in 6 months; the team's members), plus 1 for the chosen worker's children. The
    unallocated children and the recent changes come back as querysets for the view to page.

    Counting in the database, not listing every child, keeps the page the same cost for a team
    of 200 children or 2,000, and audits only the children actually shown."""
    visible = persons_visible_to(user)
    since = as_of - timedelta(days=CHANGE_WINDOW_DAYS)
    open_allocations = Allocation.objects.filter(
        team=team, authority_id=team.authority_id, ended_on__isnull=True, child__in=visible
    )
    changed = Allocation.objects.filter(
        child=OuterRef("child"), reason__isnull=False, started_on__gt=since, started_on__lte=as_of
    )
    counts = (
        open_allocations.order_by()
        .values("worker_id", "worker__first_name", "worker__last_name")
        .annotate(n=Count("pk"), changed=Count("pk", filter=Q(Exists(changed))))
    )
    members = (
        Membership.objects.current(as_of)
        .filter(team=team, role__in=PRACTITIONER_ROLES)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    loads: dict[uuid.UUID, WorkerLoad] = {}
    for membership in members:
        loads.setdefault(membership.user_id, WorkerLoad(worker=membership.user))
    allocated = changed_count = 0
    for row in sorted(counts, key=lambda r: (r["worker__last_name"], r["worker__first_name"])):
        load = loads.get(row["worker_id"])
        if load is None:
            former = User(
                pk=row["worker_id"],
                first_name=row["worker__first_name"],
                last_name=row["worker__last_name"],
            )
            load = loads[row["worker_id"]] = WorkerLoad(worker=former, member=False)
        load.count = row["n"]
        allocated += row["n"]
        changed_count += row["changed"]
    chosen = loads.get(worker_id) if worker_id is not None else None
    if chosen is not None and chosen.count:
        chosen.allocations = list(
            _with_caseload_columns(
                open_allocations.filter(worker_id=worker_id), as_of=as_of
            ).order_by("child__family_name", "child__given_name")
        )
    open_allocation = Allocation.objects.filter(child=OuterRef("child"), ended_on__isnull=True)
    unallocated = (
        Involvement.objects.filter(
            team=team, authority_id=team.authority_id, ended_on__isnull=True, child__in=visible
        )
        .exclude(Exists(open_allocation))
        .select_related("child")
        .order_by("started_on", "pk")
    )
    return TeamCaseload(
        team=team,
        workers=list(loads.values()),
        unallocated=unallocated,
        recent_changes=recent_changes_of_worker(
            team=team, visible=visible, since=since, until=as_of
        ),
        allocated_count=allocated,
        no_recent_change_count=allocated - changed_count,
        chosen=chosen,
    )


# --- Case notes, documents, events -----------------------------------------------------------


def case_notes_for_child(*, child: Person) -> QuerySet[CaseNote]:
    return (
        CaseNote.objects.filter(child=child, authority_id=child.authority_id)
        .select_related("author")
        .order_by("-occurred_at", "-created_at")
    )


def case_note_get(*, child: Person, note_id: uuid.UUID | str) -> CaseNote:
    note: CaseNote = _get(case_notes_for_child(child=child), note_id)
    return note


def case_note_revisions(*, note: CaseNote) -> QuerySet[CaseNoteRevision]:
    return (
        CaseNoteRevision.objects.filter(note=note, authority_id=note.authority_id)
        .select_related("saved_by")
        .order_by("-number")
    )


def documents_for_child(*, child: Person) -> QuerySet[Document]:
    return (
        Document.objects.filter(child=child, authority_id=child.authority_id)
        .select_related("uploaded_by")
        .order_by("-created_at")
    )


def document_get(*, child: Person, document_id: uuid.UUID | str) -> Document:
    document: Document = _get(documents_for_child(child=child), document_id)
    return document


def significant_events_for_child(*, child: Person) -> QuerySet[SignificantEvent]:
    return SignificantEvent.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("recorded_by")


def chronology_for_child(
    *, child: Person, kinds: Iterable[str] = (), newest_first: bool = True
) -> list[ChronologyEntry]:
    """The child's chronology from every registered source: one query per source."""
    return chronology_entries(child=child, kinds=kinds, newest_first=newest_first)

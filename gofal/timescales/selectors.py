"""Reads of deadlines, scoped to the acting council and to restricted records."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gofal.authorities.models import Membership, Role, Team, User
from gofal.timescales.calendar import WorkingDayCalendar, calendar_and_reminder
from gofal.timescales.compute import Timeliness
from gofal.timescales.models import CouncilSetting, Deadline, RegistryChange

DEFAULT_REMIND_WORKING_DAYS = 2


def _acting(user: Any) -> Any:
    return getattr(user, "acting", None)


def deadlines_visible_to(user: Any) -> QuerySet[Deadline]:
    """Every deadline this user may see in the council they act for.

    A restricted child's deadlines are seen only by the worker responsible and privacy officers.
    """
    acting = _acting(user)
    if acting is None or acting.authority is None:
        return Deadline.objects.none()
    rows = Deadline.objects.filter(authority=acting.authority)
    if not acting.has_role(Role.PRIVACY_OFFICER):
        rows = rows.filter(Q(child__restricted=False) | Q(worker=user))
    return rows


def deadline_get_for_user(*, user: Any, deadline_id: uuid.UUID | str) -> Deadline:
    """One deadline, or Http404 whether it does not exist or the user may not see it."""
    try:
        return (
            deadlines_visible_to(user)
            .select_related("rule", "rule_version", "local_standard", "child", "worker", "team")
            .get(pk=deadline_id)
        )
    except (Deadline.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _teams_managed(user: Any) -> QuerySet[Team] | None:
    """The teams whose work this user oversees (None: every team of the council)."""
    acting = _acting(user)
    if acting is None or acting.authority is None:
        return Team.objects.none()
    if acting.sees_whole_council:
        return None
    return Team.objects.filter(pk__in=acting.managed_team_ids)


def teams_for_work(user: Any) -> list[Team]:
    acting = _acting(user)
    if acting is None or acting.authority is None:
        return []
    managed = _teams_managed(user)
    rows = managed if managed is not None else Team.objects.filter(authority=acting.authority)
    return list(rows.filter(authority=acting.authority).order_by("name_en"))


QUEUE_ORDER = ("due_on", "due_at", "pk")


def restricted_children(user: Any) -> list[uuid.UUID] | None:
    """The restricted children of the council the user acts for, or None if this user may see
    every child's clocks (a privacy officer). A few ids, read through a partial index.

    The work queues leave these children out unless the user is the worker responsible, as
    literal values: joining every open clock to its child to read the flag costs more than the
    rest of a queue's counting put together on a large council.
    """
    acting = _acting(user)
    if acting is None or acting.authority is None:
        return []
    if acting.has_role(Role.PRIVACY_OFFICER):
        return None
    person: Any = Deadline._meta.get_field("child").related_model  # people's Person
    return list(
        person._default_manager.filter(authority=acting.authority, restricted=True)
        .order_by()
        .values_list("pk", flat=True)
    )


def restricted_filter(user: Any) -> Q:
    """Leaves out the clocks of restricted children this user may not see (one query): those
    the user is not the worker for. Nothing is left out for a privacy officer."""
    hidden = restricted_children(user)
    return ~Q(child_id__in=hidden) | Q(worker=user) if hidden else Q()


def open_deadlines_visible_to(user: Any, *, visible: Q | None = None) -> QuerySet[Deadline]:
    """The open deadlines this user may see in their council, without joining the children:
    the same rows as `deadlines_visible_to(user).open()` (for the work queues). `visible` is
    `restricted_filter(user)`, if the caller has it already."""
    acting = _acting(user)
    if acting is None or acting.authority is None:
        return Deadline.objects.none()
    rows = Deadline.objects.filter(authority=acting.authority).open()
    return rows.filter(restricted_filter(user) if visible is None else visible)


def my_work(*, user: Any) -> QuerySet[Deadline]:
    """The open deadlines a worker is responsible for, soonest due first.

    A worker sees every clock they hold, a restricted child's too, so no restriction applies.
    """
    acting = _acting(user)
    if acting is None or acting.authority is None:
        return Deadline.objects.none()
    return (
        Deadline.objects.filter(authority=acting.authority, worker=user)
        .open()
        .order_by(*QUEUE_ORDER)
    )


def my_work_rows(*, user: Any, ids: list[uuid.UUID]) -> list[Deadline]:
    """The rows of My work to show (chosen from `my_work` by id), with what the list shows."""
    if not ids:
        return []
    return list(
        my_work(user=user)
        .filter(pk__in=ids)
        .select_related("rule", "rule_version", "child")
        .only(*ROW_FIELDS)
    )


# What a row of a work queue shows: the clock, its kind and rule version, the child's name.
ROW_FIELDS = (
    "id",
    "authority_id",
    "rule_id",
    "rule_version_id",
    "child_id",
    "worker_id",
    "team_id",
    "due_on",
    "due_at",
    "met_at",
    "cancelled_at",
    "exception_approved",
    "rule__id",
    "rule__code",
    "rule__name_en",
    "rule__name_cy",
    "rule_version__id",
    "rule_version__status",
    "child__id",
    "child__authority_id",
    "child__given_name",
    "child__family_name",
)


@dataclass(frozen=True)
class WorkFilter:
    team_id: uuid.UUID | None = None
    worker_id: uuid.UUID | None = None
    rule_id: uuid.UUID | None = None
    due: str = ""  # "", "overdue" or "week"


def _team_scope(user: Any) -> QuerySet[Deadline]:
    rows = open_deadlines_visible_to(user)
    acting = _acting(user)
    if acting is not None and acting.authority is not None and not acting.sees_whole_council:
        rows = rows.filter(team_id__in=sorted(acting.managed_team_ids))
    return rows


def team_work(*, user: Any, as_of: date, work_filter: WorkFilter) -> QuerySet[Deadline]:
    """Open deadlines in the teams a manager oversees, filtered; soonest due first.

    No joins: count it with `team_work_counts` and read a page with `team_work_page`.
    """
    rows = _team_scope(user)
    if work_filter.team_id:
        rows = rows.filter(team_id=work_filter.team_id)
    if work_filter.worker_id:
        rows = rows.filter(worker_id=work_filter.worker_id)
    if work_filter.rule_id:
        rows = rows.filter(rule_id=work_filter.rule_id)
    if work_filter.due == "overdue":
        rows = rows.filter(due_on__lt=as_of)
    elif work_filter.due == "week":
        rows = rows.filter(due_on__gte=as_of, due_on__lte=end_of_week(as_of))
    return rows.order_by(*QUEUE_ORDER)


def team_work_page(rows: QuerySet[Deadline], *, start: int, stop: int) -> list[Deadline]:
    """One page of a queue's rows in due order (one query: the page's ids are found first, on
    the deadlines alone, then only those rows are joined to what they show)."""
    page_ids = rows.order_by(*QUEUE_ORDER).values("pk")[start:stop]
    return list(
        Deadline.objects.filter(pk__in=page_ids)
        .select_related("rule", "rule_version", "child", "worker")
        .only(*ROW_FIELDS, *WORKER_FIELDS)
        .order_by(*QUEUE_ORDER)
    )


WORKER_FIELDS = ("worker__id", "worker__first_name", "worker__last_name", "worker__username")


def end_of_week(day: date) -> date:
    """The Sunday of `day`'s week."""
    return day + timedelta(days=6 - day.weekday())


def work_counts(
    *, rows: QuerySet[Deadline], as_of: date, by: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Open, overdue and due-this-week counts grouped by the given fields (one query)."""
    return list(
        rows.order_by()
        .values(*by)
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=as_of)),
            week=Count("pk", filter=Q(due_on__gte=as_of, due_on__lte=end_of_week(as_of))),
        )
        .order_by(*by)
    )


@dataclass(frozen=True)
class QueueCounts:
    """A queue's counts by worker and by kind, and its total, from one grouped query."""

    by_worker: list[dict[str, Any]]
    by_rule: list[dict[str, Any]]
    total: int


def _summed(cells: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    sums: dict[Any, dict[str, Any]] = {}
    for cell in cells:
        row = sums.setdefault(cell[key], {key: cell[key], "open": 0, "overdue": 0, "week": 0})
        for name in ("open", "overdue", "week"):
            row[name] += cell[name]
    return list(sums.values())


def team_work_counts(*, rows: QuerySet[Deadline], as_of: date) -> QueueCounts:
    """Counts by worker and by kind (each open, overdue, due this week) and the total, counted
    once by worker and kind together and summed here."""
    cells = work_counts(rows=rows, as_of=as_of, by=("worker_id", "rule_id"))
    return QueueCounts(
        by_worker=_summed(cells, "worker_id"),
        by_rule=_summed(cells, "rule_id"),
        total=sum(cell["open"] for cell in cells),
    )


def council_work(*, user: Any, visible: Q | None = None) -> QuerySet[Deadline]:
    """Every open deadline of the council the user acts for (for counts by team and kind)."""
    return open_deadlines_visible_to(user, visible=visible)


def council_teams(*, user: Any) -> dict[uuid.UUID, Team]:
    """The teams of the council the user acts for, by id (names for Council work's rows)."""
    acting = _acting(user)
    if acting is None or acting.authority is None:
        return {}
    return {
        team.pk: team
        for team in Team.objects.filter(authority=acting.authority).only("id", "name_en", "name_cy")
    }


def child_deadlines(*, user: Any, child_id: uuid.UUID) -> QuerySet[Deadline]:
    return (
        deadlines_visible_to(user)
        .filter(child_id=child_id)
        .select_related("rule", "rule_version", "worker", "team", "child")
        .order_by("-started_at")
    )


# Timeliness: the one implementation performance measures call ------------------------------

GROUPS = {"council": (), "team": ("team_id", "team__name_en"), "worker": ("worker_id",)}


@dataclass(frozen=True)
class TimelinessRow:
    key: str
    label: str
    timeliness: Timeliness
    late_with_reason: int
    late_without_reason: int


def completed_in_period(
    *, authority_id: uuid.UUID, rule_id: uuid.UUID, period_start: date, period_end: date
) -> QuerySet[Deadline]:
    """Deadlines of a rule completed (met) in a period, inclusive."""
    return Deadline.objects.filter(
        authority_id=authority_id,
        rule_id=rule_id,
        met_on__gte=period_start,
        met_on__lte=period_end,
    )


def timeliness_by(
    *,
    authority_id: uuid.UUID,
    rule_id: uuid.UUID,
    period_start: date,
    period_end: date,
    group_by: str = "council",
    team_id: uuid.UUID | None = None,
    visible: Q | None = None,
) -> list[TimelinessRow]:
    """Met within timescale (numerator) over completed (denominator) for a rule and period,
    for the council, by team or by worker, with late completions split by approved reason.

    Performance measures and returns call this; they never count due dates themselves. "Met
    within timescale" is `Deadline.met_on_time`, set by `deadline_meet` with
    `compute.met_on_time`.

    A page showing the figures to a user passes `visible` (`restricted_filter(user)`), so that
    they count only the children that user may see, as the list behind them does; measures and
    returns count every child.
    """
    rows = completed_in_period(
        authority_id=authority_id, rule_id=rule_id, period_start=period_start, period_end=period_end
    )
    if visible is not None:
        rows = rows.filter(visible)
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    fields = GROUPS[group_by]
    if group_by == "worker":
        fields = ("worker_id", "worker__first_name", "worker__last_name")
    counts = {
        "completed": Count("pk"),
        "on_time": Count("pk", filter=Q(met_on_time=True)),
        "late_reason": Count("pk", filter=Q(met_on_time=False, exception_approved=True)),
    }
    aggregated: list[dict[str, Any]]
    if fields:
        aggregated = list(rows.order_by().values(*fields).annotate(**counts).order_by(*fields))
    else:
        total = rows.aggregate(**counts)
        aggregated = [total] if total["completed"] else []
    result = []
    for row in aggregated:
        if group_by == "team":
            key, label = str(row["team_id"] or ""), row["team__name_en"] or ""
        elif group_by == "worker":
            key = str(row["worker_id"] or "")
            label = f"{row['worker__first_name']} {row['worker__last_name']}".strip()
        else:
            key, label = "", ""
        late = row["completed"] - row["on_time"]
        result.append(
            TimelinessRow(
                key=key,
                label=label,
                timeliness=Timeliness(numerator=row["on_time"], denominator=row["completed"]),
                late_with_reason=row["late_reason"],
                late_without_reason=late - row["late_reason"],
            )
        )
    return result


def workers_of_teams(
    *, team_ids: list[uuid.UUID], as_of: date, authority_id: uuid.UUID
) -> list[User]:
    """Staff with a current membership of these teams, and anyone else still holding an open
    deadline in them (someone who has left the team), for the work queue filters and counts."""
    members = (
        Membership.objects.current(as_of).filter(team_id__in=team_ids).order_by().values("user_id")
    )
    holding = (
        Deadline.objects.filter(authority_id=authority_id, team_id__in=team_ids)
        .open()
        .order_by()
        .values("worker_id")
    )
    return list(
        User.objects.filter(pk__in=members.union(holding))
        .only("id", "first_name", "last_name", "username")
        .order_by("first_name", "last_name")
    )


def registry_changes(*, authority_id: uuid.UUID) -> QuerySet[RegistryChange]:
    """Changes to national rules and to this council's standards, closures and settings."""
    return (
        RegistryChange.objects.filter(Q(authority__isnull=True) | Q(authority_id=authority_id))
        .select_related("changed_by")
        .order_by("-changed_at")
    )


def work_calendar(*, authority: Any) -> tuple[WorkingDayCalendar, int]:
    """The council's working-day calendar and its reminder setting (`council_setting`), in one
    query, for the pages that show clocks with their status."""
    return calendar_and_reminder(
        jurisdiction=authority.jurisdiction,
        authority_id=authority.pk,
        default_reminder=DEFAULT_REMIND_WORKING_DAYS,
    )


def council_setting(*, authority_id: uuid.UUID) -> int:
    """How many working days before a due date this council reminds workers."""
    value = (
        CouncilSetting.objects.filter(authority_id=authority_id)
        .values_list("remind_working_days", flat=True)
        .first()
    )
    return DEFAULT_REMIND_WORKING_DAYS if value is None else value

"""Shaping timescale explanations for the explain command and the deadline page."""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from gofal.timescales import selectors
from gofal.timescales.calendar import (
    LONDON,
    DayOff,
    DayOffKind,
    WorkingDayCalendar,
    calendar_and_reminder,
)
from gofal.timescales.compute import Due, Explanation, Status, explain, is_overdue, status
from gofal.timescales.models import Deadline, ExceptionDecision, SourceStatus, Unit
from gofal.timescales.registry import Applied, RuleRegistry
from gofal.ui.templatetags.gofal_ui import govuk_date, govuk_datetime


def parse_start(text: str) -> datetime:
    """An ISO date (the start of that day) or datetime (naive means Europe/London time)."""
    text = text.strip()
    if "T" not in text and " " not in text:
        day = date.fromisoformat(text)
        return datetime(day.year, day.month, day.day, tzinfo=LONDON)
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment


def timescale_label(duration: int, unit: str) -> str:
    forms = {
        Unit.HOURS: ngettext("%(n)s hour", "%(n)s hours", duration),
        Unit.WORKING_DAYS: ngettext("%(n)s working day", "%(n)s working days", duration),
        Unit.CALENDAR_DAYS: ngettext("%(n)s calendar day", "%(n)s calendar days", duration),
        Unit.WEEKS: ngettext("%(n)s week", "%(n)s weeks", duration),
        Unit.MONTHS: ngettext("%(n)s month", "%(n)s months", duration),
    }
    return forms[Unit(unit)] % {"n": duration}


def day_off_label(off: DayOff) -> str:
    if off.kind == DayOffKind.WEEKEND:
        return _("weekend (%(weekday)s)") % {"weekday": _(off.on.strftime("%A"))}
    if off.kind == DayOffKind.BANK_HOLIDAY:
        return _("bank holiday: %(name)s") % {"name": off.name}
    return _("council closure: %(reason)s") % {"reason": off.name}


@dataclass(frozen=True)
class ExplanationView:
    applied: Applied
    explanation: Explanation
    jurisdiction: str

    @property
    def lines(self) -> list[str]:
        version = self.applied.version
        rule = self.applied.rule
        ex = self.explanation
        lines = [
            _("Rule: %(code)s (%(name)s)") % {"code": rule.code, "name": rule.name},
            _("Jurisdiction: %(jurisdiction)s") % {"jurisdiction": self.jurisdiction},
            _("Version in force from %(start)s%(end)s")
            % {
                "start": version.effective_from.isoformat(),
                "end": (_(" until %(day)s") % {"day": version.effective_to.isoformat()})
                if version.effective_to
                else "",
            },
            _("National timescale: %(timescale)s")
            % {"timescale": timescale_label(ex.national.duration, ex.national.unit)},
            _("Source: %(source)s") % {"source": version.source},
            _("Status: %(status)s") % {"status": version.get_status_display()},
        ]
        if version.note:
            lines.append(_("Note: %(note)s") % {"note": version.note})
        if self.applied.local_standard is not None:
            lines.append(
                _("Local standard (stricter): %(timescale)s")
                % {"timescale": timescale_label(ex.timescale.duration, ex.timescale.unit)}
            )
        if ex.timescale.unit == Unit.HOURS:
            lines.append(
                _("Clock started at %(at)s; counted in elapsed hours")
                % {"at": ex.started_at.isoformat()}
            )
            if ex.clock_changed:
                lines.append(_("The clocks change in between: the local time of day shifts"))
        else:
            lines.append(_("Clock started on %(day)s (day 0)") % {"day": ex.started_on.isoformat()})
        for off in ex.days_off:
            lines.append(
                _("Skipped %(day)s: %(why)s")
                % {"day": off.on.isoformat(), "why": day_off_label(off)}
            )
        if ex.month_end_clamped:
            lines.append(_("No such day in that month: the due date is the month's last day"))
        lines.append(ex.due_line)
        return lines


def explanation_for(
    *, applied: Applied, started_at: datetime, calendar: WorkingDayCalendar, jurisdiction: str
) -> ExplanationView:
    local = applied.timescale if applied.local_standard is not None else None
    return ExplanationView(
        applied=applied,
        explanation=explain(applied.national, local, started_at, calendar),
        jurisdiction=jurisdiction,
    )


STATUS_LABELS = {
    Status.NOT_YET_DUE: (gettext_lazy("Not yet due"), "govuk-tag--grey"),
    Status.DUE_SOON: (gettext_lazy("Due soon"), "govuk-tag--yellow"),
    Status.OVERDUE: (gettext_lazy("Overdue"), "govuk-tag--red"),
    Status.MET_ON_TIME: (gettext_lazy("Met on time"), "govuk-tag--green"),
    Status.MET_LATE: (gettext_lazy("Met late"), "govuk-tag--orange"),
}


@dataclass(frozen=True)
class StatusTag:
    value: str
    label: Any
    css: str


def status_tag(value: Status) -> StatusTag:
    label, css = STATUS_LABELS[value]
    return StatusTag(value=value, label=label, css=css)


def deadline_status(
    deadline: Deadline, *, as_of: datetime, calendar: WorkingDayCalendar, soon: int = 2
) -> StatusTag:
    return status_tag(
        status(
            Due(on=deadline.due_on, at=deadline.due_at),
            met_at=deadline.met_at,
            as_of=as_of,
            calendar=calendar,
            soon_working_days=soon,
        )
    )


@dataclass(frozen=True)
class ExceptionRow:
    exception: Any
    decision: Any
    can_decide: bool


@dataclass(frozen=True)
class DeadlinePage:
    deadline: Deadline
    status: StatusTag
    explanation: ExplanationView
    exceptions: list[ExceptionRow]
    can_record_exception: bool
    due_text: str


def deadline_page(
    *,
    deadline: Deadline,
    registry: RuleRegistry,
    calendar: WorkingDayCalendar,
    as_of: datetime,
    user: Any,
    soon: int = 2,
) -> DeadlinePage:
    """Everything the deadline page shows, including why its due date is what it is."""
    from gofal.timescales.rules import Perm

    jurisdiction = deadline.authority.jurisdiction
    applied = registry.applied(
        rule=registry.rules_by_id[deadline.rule_id],
        jurisdiction=jurisdiction,
        authority_id=deadline.authority_id,
        on=deadline.started_on,
    )
    tag = deadline_status(deadline, as_of=as_of, calendar=calendar, soon=soon)
    can_decide = bool(user.has_perm(Perm.DECIDE_EXCEPTION))
    rows = []
    for exception in deadline.exceptions.select_related("reason", "recorded_by").prefetch_related(
        "statuses__decided_by"
    ):
        decisions = list(exception.statuses.all())
        decision = decisions[-1] if decisions else None
        rows.append(
            ExceptionRow(
                exception=exception,
                decision=decision,
                can_decide=can_decide and decision is None,
            )
        )
    return DeadlinePage(
        deadline=deadline,
        status=tag,
        explanation=explanation_for(
            applied=applied,
            started_at=deadline.started_at,
            calendar=calendar,
            jurisdiction=jurisdiction,
        ),
        exceptions=rows,
        can_record_exception=bool(user.has_perm(Perm.RECORD_EXCEPTION))
        and tag.value in (Status.OVERDUE, Status.DUE_SOON, Status.MET_LATE),
        due_text=(deadline.due_at.astimezone(LONDON).isoformat() if deadline.due_at else ""),
    )


APPROVED = ExceptionDecision.APPROVED


# Work queues ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkRow:
    """One clock in a work queue, with what its row shows worked out once."""

    deadline: Deadline
    status: StatusTag
    due_display: Any
    is_hours: bool
    child_href: str
    reallocate_href: str
    href: str = ""  # the deadline's own page
    child_name: str = ""
    rule_name: str = ""
    unconfirmed: bool = False  # the rule version's source is not yet confirmed
    due_text: str = ""
    worker_name: str = ""


def work_rows(
    *,
    rows: Iterable[Deadline],
    as_of: datetime,
    calendar: WorkingDayCalendar,
    soon: int = 2,
    with_worker: bool = True,
) -> list[WorkRow]:
    """Rows of a work queue; "due soon" is the council's reminder window (`soon` working days).

    Links, names and dates are worked out here, each link shape and date text once per list:
    a long list otherwise spends most of its time reversing URLs and formatting dates. The
    rows' rule, rule version and child (and worker, `with_worker`) must have been read with
    them.
    """
    to_child, to_reallocate = child_hrefs(), hrefs_for("casework:allocation_change", "person_id")
    to_deadline = hrefs_for("timescales:deadline_detail", "deadline_id")
    due_texts: dict[Any, str] = {}
    result = []
    for d in rows:
        due = d.due_at or d.due_on
        if due not in due_texts:
            due_texts[due] = govuk_datetime(d.due_at) if d.due_at else govuk_date(d.due_on)
        child, worker = d.child, d.worker if with_worker else None
        result.append(
            WorkRow(
                deadline=d,
                status=deadline_status(d, as_of=as_of, calendar=calendar, soon=soon),
                due_display=due,
                is_hours=d.due_at is not None,
                child_href=to_child(d.child_id),
                reallocate_href=to_reallocate(d.child_id),
                href=to_deadline(d.pk),
                child_name=f"{child.given_name} {child.family_name}",
                rule_name=d.rule.name,
                unconfirmed=d.rule_version.status == SourceStatus.UNCONFIRMED,
                due_text=due_texts[due],
                worker_name=str(worker) if worker is not None else "",
            )
        )
    return result


@dataclass(frozen=True)
class WorkGroup:
    title: Any
    rows: list[WorkRow]
    more: int = 0  # rows left off the page (shown on asking)


@dataclass(frozen=True)
class WorkPlan:
    """Which of a worker's open clocks My work shows, by group, in due order (ids only)."""

    overdue: list[Any]
    week: list[Any]
    later: list[Any]
    more: int = 0  # clocks due later left off the page

    @property
    def shown(self) -> list[Any]:
        return [*self.overdue, *self.week, *self.later]

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.week) + len(self.later) + self.more


def work_plan(
    *,
    due: Iterable[tuple[Any, date, datetime | None]],
    as_of: datetime,
    later_limit: int | None = None,
) -> WorkPlan:
    """Overdue first, then due this week, then later (the soonest `later_limit` of those, if
    given: everything overdue or due this week is always shown). `due` is each open clock's
    (id, due date, due instant or None), soonest first."""
    today = as_of.astimezone(LONDON).date()
    sunday = today + timedelta(days=6 - today.weekday())
    overdue, week, later = [], [], []
    for pk, due_on, due_at in due:
        if is_overdue(Due(on=due_on, at=due_at), as_of=as_of):
            overdue.append(pk)
        elif due_on <= sunday:
            week.append(pk)
        else:
            later.append(pk)
    more = 0
    if later_limit is not None and len(later) > later_limit:
        later, more = later[:later_limit], len(later) - later_limit
    return WorkPlan(overdue=overdue, week=week, later=later, more=more)


def work_groups(
    *,
    plan: WorkPlan,
    rows: Iterable[Deadline],
    as_of: datetime,
    calendar: WorkingDayCalendar,
    soon: int = 2,
) -> list[WorkGroup]:
    """My work's groups: the plan's clocks (`rows` holds at least those) under their titles."""
    listed = work_rows(rows=rows, as_of=as_of, calendar=calendar, soon=soon, with_worker=False)
    shown = {r.deadline.pk: r for r in listed}
    return [
        WorkGroup(gettext_lazy("Overdue"), [shown[pk] for pk in plan.overdue if pk in shown]),
        WorkGroup(gettext_lazy("Due this week"), [shown[pk] for pk in plan.week if pk in shown]),
        WorkGroup(
            gettext_lazy("Due later"), [shown[pk] for pk in plan.later if pk in shown], plan.more
        ),
    ]


@dataclass(frozen=True)
class CountRow:
    label: str
    open: int
    overdue: int
    week: int
    href_open: str
    href_overdue: str
    href_week: str


def _with(base: QueryDict, **params: str) -> str:
    query = base.copy()
    query.pop("page", None)
    for key, value in params.items():
        query[key] = value
    return "?" + query.urlencode()


def worker_label(workers_by_id: dict[Any, Any]) -> Callable[[dict[str, Any]], str]:
    """A count row's worker by name (from the workers already read), or "Not allocated"."""

    def label(row: dict[str, Any]) -> str:
        worker = workers_by_id.get(row["worker_id"])
        return str(worker) if worker is not None else _("Not allocated")

    return label


def rule_label(rules_by_id: dict[Any, Any]) -> Callable[[dict[str, Any]], str]:
    def label(row: dict[str, Any]) -> str:
        rule = rules_by_id.get(row["rule_id"])
        return rule.name if rule else ""

    return label


def count_rows(
    counts: list[dict[str, Any]],
    *,
    base: QueryDict,
    key: str,
    label: Callable[[dict[str, Any]], str],
) -> list[CountRow]:
    """Counts with links to the filtered list of the children behind each, by label ("Not
    allocated" last)."""
    rest = base.copy()
    for name in ("page", key, "due"):
        rest.pop(name, None)
    prefix = rest.urlencode()

    def href(value: str, due: str) -> str:
        tail = urlencode({key: value, "due": due})
        return f"?{prefix}&{tail}" if prefix else f"?{tail}"

    rows = []
    for row in sorted(counts, key=lambda r: (r[f"{key}_id"] is None, label(r).casefold())):
        value = str(row[f"{key}_id"] or "")
        rows.append(
            CountRow(
                label=label(row),
                open=row["open"],
                overdue=row["overdue"],
                week=row["week"],
                href_open=href(value, ""),
                href_overdue=href(value, "overdue"),
                href_week=href(value, "week"),
            )
        )
    return rows


def caseload_href(team_id: Any) -> str:
    """The casework team caseload (to reallocate), if the casework app provides it."""
    try:
        href = reverse("casework:team_caseload")
    except NoReverseMatch:
        return ""
    return f"{href}?team={team_id}" if team_id else href


_MARKER = uuid.UUID(int=0)


def hrefs_for(name: str, kwarg: str) -> Callable[[Any], str]:
    """Links to a page for many ids: the URL is reversed once and each id put in its place
    (reversing it for every row of a long list costs more than the rest of the row). "" for
    every id if no app provides the page."""
    try:
        shape = reverse(name, kwargs={kwarg: _MARKER})
    except NoReverseMatch:
        return lambda _pk: ""
    head, _marker, tail = shape.partition(str(_MARKER))
    return lambda pk: f"{head}{pk}{tail}"


def child_hrefs() -> Callable[[Any], str]:
    """The child's record (the people app's page), else the child's timescales (casework)."""
    for name in ("people:person_detail", "casework:child_deadlines"):
        to_child = hrefs_for(name, "person_id")
        if to_child(_MARKER):
            return to_child
    return lambda _pk: ""


def child_href(person_id: Any) -> str:
    """The child's record (the people app's page), else the child's timescales (casework)."""
    return child_hrefs()(person_id)


def reallocate_href(person_id: Any) -> str:
    """Where a manager changes the child's allocated worker (the casework app), if it exists."""
    return hrefs_for("casework:allocation_change", "person_id")(person_id)


@dataclass(frozen=True)
class CouncilCell:
    open: int
    overdue: int
    href: str
    href_overdue: str


@dataclass(frozen=True)
class CouncilRow:
    team: str
    team_id: str
    cells: list[CouncilCell | None]
    open: int
    overdue: int
    href: str  # the team's open clocks in Team work
    href_overdue: str


@dataclass(frozen=True)
class CouncilTable:
    rules: list[Any]
    rows: list[CouncilRow]


def council_table(
    counts: list[dict[str, Any]], *, rules_by_id: dict[Any, Any], teams_by_id: dict[Any, Any]
) -> CouncilTable:
    """Open and overdue deadlines by team (rows) and kind (columns), each linking to Team work."""
    rule_ids = sorted({c["rule_id"] for c in counts}, key=lambda i: rules_by_id[i].code)
    teams: dict[Any, dict[Any, dict[str, Any]]] = {}
    names: dict[Any, str] = {}
    lang_cy = (get_language() or "en")[:2] == "cy"
    for c in counts:
        teams.setdefault(c["team_id"], {})[c["rule_id"]] = c
        team = teams_by_id.get(c["team_id"])
        names[c["team_id"]] = (
            (team.name_cy if lang_cy and team.name_cy else team.name_en) if team else ""
        ) or _("No team")
    base = reverse("timescales:team_work")
    rows = []
    for team_id in sorted(teams, key=lambda t: names[t]):
        cells: list[CouncilCell | None] = []
        for rule_id in rule_ids:
            found = teams[team_id].get(rule_id)
            query = f"?team={team_id or ''}&rule={rule_id}"
            cells.append(
                CouncilCell(
                    open=found["open"],
                    overdue=found["overdue"],
                    href=base + query,
                    href_overdue=base + query + "&due=overdue",
                )
                if found
                else None
            )
        team_query = f"?team={team_id or ''}"
        rows.append(
            CouncilRow(
                team=names[team_id],
                team_id=str(team_id or ""),
                href=base + team_query,
                href_overdue=base + team_query + "&due=overdue",
                cells=cells,
                open=sum(c["open"] for c in teams[team_id].values()),
                overdue=sum(c["overdue"] for c in teams[team_id].values()),
            )
        )
    return CouncilTable(rules=[rules_by_id[i] for i in rule_ids], rows=rows)


@dataclass(frozen=True)
class TimelinessTable:
    rule: Any
    group: str
    council: Any
    rows: list[Any]
    hrefs: list[str]
    children_href: str
    drill_hrefs: list[str]


def timeliness_table(
    *, rule: Any, council: list[Any], rows: list[Any], group: str, query: QueryDict
) -> TimelinessTable:
    """Timeliness for the council and by team (or worker), with links down to the children."""
    children = reverse("timescales:timeliness_children")
    hrefs, drill = [], []
    for row in rows:
        if group == "team":
            drill.append(_with(query, group="worker", team=row.key))
            hrefs.append(children + _with(query, team=row.key))
        else:
            drill.append("")
            hrefs.append(children + _with(query, worker=row.key))
    return TimelinessTable(
        rule=rule,
        group=group,
        council=council[0] if council else None,
        rows=rows,
        hrefs=hrefs,
        children_href=children + _with(query),
        drill_hrefs=drill,
    )


# The registry --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleRow:
    rule: Any
    versions: list[Any]
    standards: list[Any]


def rule_rows(*, authority: Any) -> list[RuleRow]:
    """Every rule, its versions in both jurisdictions, and this council's own standards."""
    from gofal.timescales.models import LocalStandard, Rule, RuleVersion

    versions: dict[Any, list[Any]] = {}
    for v in RuleVersion.objects.order_by("jurisdiction", "effective_from"):
        versions.setdefault(v.rule_id, []).append(v)
    standards: dict[Any, list[Any]] = {}
    for s in LocalStandard.objects.filter(authority=authority).order_by("effective_from"):
        standards.setdefault(s.rule_id, []).append(s)
    return [
        RuleRow(rule=r, versions=versions.get(r.pk, []), standards=standards.get(r.pk, []))
        for r in Rule.objects.order_by("code")
    ]


@dataclass(frozen=True)
class ChildDeadlines:
    """One child's timescales for their page: clocks still running (soonest due first), then
    those met or stopped (latest started first)."""

    running: list[WorkRow]
    finished: list[WorkRow]


def child_deadlines(
    *, user: Any, child_id: Any, authority_id: Any, jurisdiction: str, as_of: datetime
) -> ChildDeadlines:
    """Every timescale of the child this user may see (an empty list is an honest answer)."""
    calendar, soon = calendar_and_reminder(
        jurisdiction=jurisdiction,
        authority_id=authority_id,
        default_reminder=selectors.DEFAULT_REMIND_WORKING_DAYS,
    )
    rows = work_rows(
        rows=selectors.child_deadlines(user=user, child_id=child_id),
        as_of=as_of,
        calendar=calendar,
        soon=soon,
    )
    running = sorted((r for r in rows if r.deadline.is_open), key=lambda r: r.deadline.due_on)
    return ChildDeadlines(running=running, finished=[r for r in rows if not r.deadline.is_open])

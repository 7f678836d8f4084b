"""Shaping timescale explanations for the explain command and the deadline page."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gofal.timescales.calendar import LONDON, DayOff, DayOffKind, WorkingDayCalendar
from gofal.timescales.compute import Due, Explanation, Status, explain, status
from gofal.timescales.models import Deadline, ExceptionDecision, Unit
from gofal.timescales.registry import Applied, RuleRegistry


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
    tag = deadline_status(deadline, as_of=as_of, calendar=calendar)
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

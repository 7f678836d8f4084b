"""Writes for timescales: deadlines kept by the services that record events, and the registry.

Other apps call `deadline_start` when they record the event that starts a clock,
`deadline_meet` when they record the event that meets it, `deadline_correct_start` when a
recorded date is corrected, and `deadlines_reassign` when a child is reallocated.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from gofal.audit import services as audit
from gofal.audit.models import Action
from gofal.authorities.models import Authority, Team, User
from gofal.timescales.calendar import (
    WorkingDayCalendar,
    bank_holidays_from_package,
    calendar_for,
    local_date,
    local_midnight,
)
from gofal.timescales.compute import Due, Timescale, due, is_stricter, met_on_time
from gofal.timescales.models import (
    BankHoliday,
    BankHolidaySource,
    ChangeKind,
    ClosureDay,
    CouncilSetting,
    Deadline,
    DeadlineException,
    DeadlineExceptionStatus,
    ExceptionDecision,
    ExceptionReason,
    LocalStandard,
    RegistryChange,
    Rule,
    RuleVersion,
)
from gofal.timescales.registry import Applied, RuleRegistry


def as_instant(moment: date | datetime) -> datetime:
    """A recorded event as an aware instant: a date alone means the start of that day."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            raise ValidationError(_("A time must say which time zone it is in."))
        return moment
    return local_midnight(moment)


@dataclass
class Context:
    """The registry and calendar a service works with (built once; pass one in for batches)."""

    registry: RuleRegistry
    calendar: WorkingDayCalendar

    @classmethod
    def for_authority(cls, authority: Authority) -> "Context":
        return cls(
            registry=RuleRegistry(authority_ids=[authority.pk]),
            calendar=calendar_for(jurisdiction=authority.jurisdiction, authority_id=authority.pk),
        )


def _apply(deadline: Deadline, applied: Applied, calendar: WorkingDayCalendar) -> None:
    result = due(applied.timescale, deadline.started_at, calendar)
    deadline.rule_version = applied.version
    deadline.local_standard = applied.local_standard
    deadline.due_on = result.on
    deadline.due_at = result.at


@transaction.atomic
def deadline_start(
    *,
    rule_code: str,
    authority: Authority,
    child_id: uuid.UUID,
    started_at: date | datetime,
    worker: User | None = None,
    team: Team | None = None,
    source_type: str = "",
    source_id: str = "",
    previous: Deadline | None = None,
    context: Context | None = None,
) -> Deadline:
    """Start a clock for a child from the event recorded at `started_at`."""
    context = context or Context.for_authority(authority)
    rule = context.registry.rule(rule_code)
    instant = as_instant(started_at)
    applied = context.registry.applied(
        rule=rule,
        jurisdiction=authority.jurisdiction,
        authority_id=authority.pk,
        on=local_date(instant),
    )
    if applied.timescale.unit == "hours" and not isinstance(started_at, datetime):
        raise ValidationError(_("This timescale is counted in hours: give the time as well."))
    deadline = Deadline(
        authority=authority,
        rule=rule,
        child_id=child_id,
        worker=worker,
        team=team,
        source_type=source_type,
        source_id=str(source_id),
        previous=previous,
        started_at=instant,
        started_on=local_date(instant),
    )
    _apply(deadline, applied, context.calendar)
    deadline.save()
    return deadline


@transaction.atomic
def deadline_meet(
    *,
    deadline: Deadline,
    met_at: date | datetime,
    source_type: str = "",
    source_id: str = "",
    context: Context | None = None,
) -> Deadline | None:
    """Record that the clock was met. If the rule repeats, start the next clock and return it."""
    if deadline.cancelled_at is not None:
        raise ValidationError(_("This timescale was stopped and cannot be met."))
    if deadline.met_at is not None:
        raise ValidationError(_("This timescale has already been met."))
    instant = as_instant(met_at)
    if instant < deadline.started_at and local_date(instant) < deadline.started_on:
        raise ValidationError(_("It cannot be met before its clock started."))
    deadline.met_at = instant
    deadline.met_on = local_date(instant)
    deadline.met_on_time = met_on_time(_due_of(deadline), instant)
    deadline.version += 1
    deadline.save(update_fields=["met_at", "met_on", "met_on_time", "version"])
    version = deadline.rule_version
    if version.then_rule_id is None:
        return None
    authority = deadline.authority
    context = context or Context.for_authority(authority)
    then_rule = context.registry.rules_by_id[version.then_rule_id]
    return deadline_start(
        rule_code=then_rule.code,
        authority=authority,
        child_id=deadline.child_id,
        started_at=met_at,
        worker=deadline.worker,
        team=deadline.team,
        source_type=source_type or deadline.source_type,
        source_id=source_id or deadline.source_id,
        previous=deadline,
        context=context,
    )


def _due_of(deadline: Deadline) -> Due:
    return Due(on=deadline.due_on, at=deadline.due_at)


@transaction.atomic
def deadline_correct_start(
    *, deadline: Deadline, started_at: date | datetime, context: Context | None = None
) -> Deadline:
    """The event that started the clock was recorded with the wrong date: recompute from it."""
    context = context or Context.for_authority(deadline.authority)
    instant = as_instant(started_at)
    deadline.started_at = instant
    deadline.started_on = local_date(instant)
    applied = context.registry.applied(
        rule=context.registry.rules_by_id[deadline.rule_id],
        jurisdiction=deadline.authority.jurisdiction,
        authority_id=deadline.authority_id,
        on=deadline.started_on,
    )
    _apply(deadline, applied, context.calendar)
    if deadline.met_at is not None:
        deadline.met_on_time = met_on_time(_due_of(deadline), deadline.met_at)
    deadline.version += 1
    deadline.save()
    return deadline


@transaction.atomic
def deadline_cancel(*, deadline: Deadline, cancelled_at: datetime, reason: str) -> Deadline:
    """Stop a clock that no longer runs (the plan ended, the child moved away)."""
    if not deadline.is_open:
        raise ValidationError(_("Only a running timescale can be stopped."))
    deadline.cancelled_at = cancelled_at
    deadline.cancel_reason = reason[:200]
    deadline.version += 1
    deadline.save(update_fields=["cancelled_at", "cancel_reason", "version"])
    return deadline


@transaction.atomic
def deadlines_reassign(
    *, authority: Authority, child_id: uuid.UUID, worker: User | None, team: Team | None
) -> int:
    """A child was reallocated: their running clocks move to the new worker and team."""
    return (
        Deadline.objects.open()
        .filter(authority=authority, child_id=child_id)
        .update(worker=worker, team=team, version=F("version") + 1)
    )


# Exceptions ---------------------------------------------------------------------------------


@transaction.atomic
def deadline_exception_record(
    *,
    deadline: Deadline,
    reason: ExceptionReason,
    explanation: str,
    recorded_by: User,
    at: datetime,
) -> DeadlineException:
    """Record why a deadline was (or will be) missed. A manager then decides on it."""
    if deadline.met_on_time:
        raise ValidationError(_("This timescale was met on time: there is nothing to explain."))
    if not explanation.strip():
        raise ValidationError(_("Enter an explanation"))
    same = deadline.exceptions.filter(
        reason=reason, explanation=explanation.strip(), statuses__isnull=True
    ).first()
    if same is not None:  # the same form sent twice records one reason
        return same
    exception = DeadlineException.objects.create(
        authority_id=deadline.authority_id,
        deadline=deadline,
        reason=reason,
        explanation=explanation.strip(),
        recorded_by=recorded_by,
        recorded_at=at,
    )
    _audit_exception(
        actor=recorded_by,
        action=Action.CREATE,
        obj=exception,
        deadline=deadline,
        detail={
            "rule": deadline.rule.code,
            "due_on": deadline.due_on,
            "reason": reason.code,
            "explanation": exception.explanation,
        },
    )
    return exception


def _audit_exception(
    *,
    actor: User,
    action: str,
    obj: DeadlineException | DeadlineExceptionStatus,
    deadline: Deadline,
    detail: dict[str, Any],
) -> None:
    """A reason for a missed deadline, or a manager's decision on it, is part of the child's
    record: written to the audit log against the child, with the deadline it explains."""
    audit.record_entries(
        actor=actor,
        entries=[
            audit.Entry(
                action=action,
                object_type=audit.entry_for(obj, action).object_type,
                object_id=str(obj.pk),
                person_id=deadline.child_id,
                authority_id=deadline.authority_id,
                detail={"deadline": str(deadline.pk), **detail},
            )
        ],
    )


@transaction.atomic
def deadline_exception_decide(
    *,
    exception: DeadlineException,
    decision: str,
    note: str,
    decided_by: User,
    at: datetime,
) -> DeadlineExceptionStatus:
    """A manager approves (or does not approve) a recorded reason. Appended as a status row."""
    if decision not in ExceptionDecision.values:
        raise ValidationError(_("Select approved or not approved"))
    if exception.statuses.exists():
        raise ValidationError(_("A manager has already decided on this reason."))
    status = DeadlineExceptionStatus.objects.create(
        authority_id=exception.authority_id,
        exception=exception,
        decision=decision,
        note=note.strip(),
        decided_by=decided_by,
        decided_at=at,
    )
    if decision == ExceptionDecision.APPROVED:
        Deadline.objects.filter(pk=exception.deadline_id).update(exception_approved=True)
    _audit_exception(
        actor=decided_by,
        action=Action.CREATE,
        obj=status,
        deadline=exception.deadline,
        detail={
            "exception": str(exception.pk),
            "reason": exception.reason.code,
            "decision": decision,
            "note": status.note,
        },
    )
    return status


# The registry: rule versions, local standards, closure days ----------------------------------


_AUDIT_TYPES: dict[str, str] = {
    ChangeKind.RULE_VERSION: "timescales.ruleversion",
    ChangeKind.LOCAL_STANDARD: "timescales.localstandard",
    ChangeKind.CLOSURE_DAY: "timescales.closureday",
    ChangeKind.SETTING: "timescales.councilsetting",
}


def _changed(
    *,
    kind: str,
    action: str,
    object_id: uuid.UUID,
    authority: Authority | None,
    changes: dict[str, Any],
    reason: str,
    by: User | None,
    at: datetime,
) -> RegistryChange:
    """Keep the registry's own history row and write the change to the audit log, with the
    reason, in the same transaction (if either cannot be written, the change is not made)."""
    if not reason.strip():
        raise ValidationError(_("Enter the reason for the change"))
    change = RegistryChange.objects.create(
        kind=kind,
        object_id=object_id,
        authority=authority,
        changes={k: [str(b) if b is not None else None, str(a)] for k, (b, a) in changes.items()},
        reason=reason.strip(),
        changed_by=by,
        changed_at=at,
    )
    audit.record_entries(
        actor=by,
        entries=[
            audit.Entry(
                action=action,
                object_type=_AUDIT_TYPES[kind],
                object_id=str(object_id),
                authority_id=authority.pk if authority is not None else None,
                detail={
                    "changes": change.changes,
                    "reason": change.reason,
                    "registry_change": str(change.pk),
                },
            )
        ],
    )
    return change


@transaction.atomic
def rule_version_add(
    *,
    rule: Rule,
    jurisdiction: str,
    effective_from: date,
    duration: int,
    unit: str,
    source: str,
    status: str,
    reason: str,
    changed_by: User,
    at: datetime,
    note: str = "",
) -> RuleVersion:
    """A rule changes from a date: the version in force then ends the day before; events and
    roles carry over. Clocks already started keep the version in force on their start day."""
    Timescale(duration=duration, unit=unit)  # validates
    current = (
        RuleVersion.objects.filter(rule=rule, jurisdiction=jurisdiction)
        .select_for_update()
        .order_by("-effective_from")
        .first()
    )
    if current is None:
        raise ValidationError(_("This timescale has no version to change in this jurisdiction."))
    if effective_from <= current.effective_from:
        raise ValidationError(
            _("The new version must start after %(day)s, when the current one started.")
            % {"day": current.effective_from.isoformat()}
        )
    before = {"duration": current.duration, "unit": current.unit, "source": current.source}
    current.effective_to = effective_from - timedelta(days=1)
    current.save(update_fields=["effective_to"])
    version = RuleVersion.objects.create(
        rule=rule,
        jurisdiction=jurisdiction,
        start_event=current.start_event,
        meeting_event=current.meeting_event,
        duration=duration,
        unit=unit,
        then_rule=current.then_rule,
        effective_from=effective_from,
        responsible_role=current.responsible_role,
        source=source,
        status=status,
        note=note,
    )
    _changed(
        kind=ChangeKind.RULE_VERSION,
        action=Action.CREATE,
        object_id=version.pk,
        authority=None,
        changes={
            "rule": (None, rule.code),
            "jurisdiction": (None, jurisdiction),
            "effective_from": (None, effective_from),
            "duration": (before["duration"], duration),
            "unit": (before["unit"], unit),
            "source": (before["source"], source),
            "status": (current.status, status),
        },
        reason=reason,
        by=changed_by,
        at=at,
    )
    return version


@transaction.atomic
def local_standard_set(
    *,
    authority: Authority,
    rule: Rule,
    duration: int,
    unit: str,
    effective_from: date,
    reason: str,
    set_by: User,
    at: datetime,
) -> LocalStandard:
    """A council sets its own, stricter figure for a rule from a date. A laxer one is refused."""
    local = Timescale(duration=duration, unit=unit)
    versions = RuleVersion.objects.filter(rule=rule, jurisdiction=authority.jurisdiction).exclude(
        effective_to__lt=effective_from
    )
    if not versions:
        raise ValidationError(_("This timescale does not apply in this council's jurisdiction."))
    for version in versions:
        national = Timescale(duration=version.duration, unit=version.unit)
        if not is_stricter(local, national):
            raise ValidationError(
                _(
                    "A local standard can only be stricter than the national timescale, "
                    "counted in the same unit: %(rule)s is %(duration)s %(unit)s from "
                    "%(day)s, so the local figure must be fewer than %(duration)s %(unit)s."
                )
                % {
                    "rule": rule.name,
                    "duration": version.duration,
                    "unit": version.get_unit_display(),
                    "day": version.effective_from.isoformat(),
                }
            )
    current = (
        LocalStandard.objects.filter(authority=authority, rule=rule, effective_to__isnull=True)
        .select_for_update()
        .first()
    )
    if current is not None:
        if effective_from <= current.effective_from:
            raise ValidationError(
                _("The new standard must start after %(day)s, when the current one started.")
                % {"day": current.effective_from.isoformat()}
            )
        current.effective_to = effective_from - timedelta(days=1)
        current.save(update_fields=["effective_to"])
    standard = LocalStandard.objects.create(
        authority=authority,
        rule=rule,
        duration=duration,
        unit=unit,
        effective_from=effective_from,
        reason=reason.strip(),
        created_by=set_by,
    )
    _changed(
        kind=ChangeKind.LOCAL_STANDARD,
        action=Action.CREATE,
        object_id=standard.pk,
        authority=authority,
        changes={
            "rule": (None, rule.code),
            "duration": (current.duration if current else None, duration),
            "unit": (current.unit if current else None, unit),
            "effective_from": (None, effective_from),
        },
        reason=reason,
        by=set_by,
        at=at,
    )
    return standard


@transaction.atomic
def local_standard_end(
    *, standard: LocalStandard, ended_on: date, reason: str, ended_by: User, at: datetime
) -> LocalStandard:
    """The council stops using its own figure after `ended_on` (the last day it applies)."""
    if ended_on < standard.effective_from:
        raise ValidationError(_("It cannot end before it started."))
    before = standard.effective_to
    standard.effective_to = ended_on
    standard.save(update_fields=["effective_to"])
    _changed(
        kind=ChangeKind.LOCAL_STANDARD,
        action=Action.UPDATE,
        object_id=standard.pk,
        authority=standard.authority,
        changes={"effective_to": (before, ended_on)},
        reason=reason,
        by=ended_by,
        at=at,
    )
    return standard


@transaction.atomic
def closure_day_add(
    *, authority: Authority, on: date, reason: str, added_by: User, at: datetime
) -> ClosureDay:
    """A day the council's offices are closed: not a working day for its clocks from now on.

    Clocks already running keep their due dates until `timescales reconcile --fix` is run.
    """
    if not reason.strip():
        raise ValidationError(_("Enter why the offices are closed"))
    if ClosureDay.objects.filter(authority=authority, on=on).exists():
        raise ValidationError(_("That day is already a closure day."))
    closure = ClosureDay.objects.create(
        authority=authority, on=on, reason=reason.strip()[:120], created_by=added_by
    )
    _changed(
        kind=ChangeKind.CLOSURE_DAY,
        action=Action.CREATE,
        object_id=closure.pk,
        authority=authority,
        changes={"on": (None, on), "reason": (None, closure.reason)},
        reason=reason,
        by=added_by,
        at=at,
    )
    return closure


@transaction.atomic
def closure_day_remove(*, closure: ClosureDay, reason: str, removed_by: User, at: datetime) -> None:
    _changed(
        kind=ChangeKind.CLOSURE_DAY,
        action=Action.DELETE,
        object_id=closure.pk,
        authority=closure.authority,
        changes={"on": (closure.on, "")},
        reason=reason,
        by=removed_by,
        at=at,
    )
    closure.delete()


@transaction.atomic
def council_setting_set(
    *, authority: Authority, remind_working_days: int, reason: str, set_by: User, at: datetime
) -> CouncilSetting:
    """How many working days before a due date the responsible worker is reminded."""
    if not 0 <= remind_working_days <= 20:
        raise ValidationError(_("Enter a number of working days from 0 to 20"))
    setting, _created = CouncilSetting.objects.get_or_create(authority=authority)
    before = setting.remind_working_days
    setting.remind_working_days = remind_working_days
    setting.save(update_fields=["remind_working_days"])
    _changed(
        kind=ChangeKind.SETTING,
        action=Action.UPDATE,
        object_id=setting.pk,
        authority=authority,
        changes={"remind_working_days": (before, remind_working_days)},
        reason=reason,
        by=set_by,
        at=at,
    )
    return setting


@transaction.atomic
def bank_holidays_extend(*, first_year: int, last_year: int) -> int:
    """Add England and Wales bank holidays for these years from the `holidays` package.

    Welsh names are copied from earlier years' rows with the same English name.
    """
    welsh = dict(
        BankHoliday.objects.exclude(name_cy="").values_list("name_en", "name_cy").distinct()
    )
    rows = [
        BankHoliday(
            jurisdiction=jurisdiction,
            on=day,
            name_en=name,
            name_cy=welsh.get(name, ""),
            source=BankHolidaySource.PACKAGE,
        )
        for jurisdiction in ("wales", "england")
        for day, name in bank_holidays_from_package(
            years=range(first_year, last_year + 1), jurisdiction=jurisdiction
        )
    ]
    before = BankHoliday.objects.count()
    BankHoliday.objects.bulk_create(rows, ignore_conflicts=True)
    return BankHoliday.objects.count() - before

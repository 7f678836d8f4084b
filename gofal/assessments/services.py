"""Changes to assessments. Each validates, writes, keeps the clock, audits, in a transaction.

Workflow (a transitions table): draft -> submitted -> returned -> submitted -> authorised.
Every step is an `AssessmentStatusChange` row; `Assessment.status` is its cache.
"""

import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gofal.assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentLanguage,
    AssessmentSharing,
    AssessmentStatus,
    AssessmentStatusChange,
    EligibilityDomain,
    FlagKind,
    SharedWith,
    SharingMethod,
    VulnerabilityFlag,
)
from gofal.assessments.sections import EDITABLE_FIELDS, submission_gaps
from gofal.audit import services as audit
from gofal.authorities.models import User
from gofal.authorities.records import save_versioned
from gofal.casework.chronology import ChronologyEntry
from gofal.casework.models import Involvement
from gofal.people.models import Person
from gofal.timescales.models import Deadline
from gofal.timescales.services import deadline_meet, deadline_start

CLOCK = "assessment"
SOURCE_TYPE = "assessments.assessment"

# status -> the statuses it may move to
TRANSITIONS: dict[str, tuple[str, ...]] = {
    AssessmentStatus.DRAFT: (AssessmentStatus.SUBMITTED,),
    AssessmentStatus.SUBMITTED: (AssessmentStatus.RETURNED, AssessmentStatus.AUTHORISED),
    AssessmentStatus.RETURNED: (AssessmentStatus.SUBMITTED,),
    AssessmentStatus.AUTHORISED: (),
}


def _step(
    *, assessment: Assessment, status: str, by: User, at: datetime, comment: str = ""
) -> AssessmentStatusChange:
    if status not in TRANSITIONS[assessment.status]:
        raise ValidationError(
            _("This assessment is %(status)s: it cannot move to that step.")
            % {"status": str(assessment.get_status_display()).lower()}
        )
    return AssessmentStatusChange.objects.create(
        authority_id=assessment.authority_id,
        assessment=assessment,
        child_id=assessment.child_id,
        status=status,
        comment=comment,
        changed_by=by,
        changed_at=at,
    )


def _clock_for(*, child: Person, involvement: Involvement, started_on: date) -> Deadline:
    """The running `assessment` clock (started by the front door from the referral), or a new
    one: from the involvement's start for its first assessment, else from this one's start."""
    running = (
        Deadline.objects.open()
        .filter(authority_id=child.authority_id, child=child, rule__code=CLOCK)
        .order_by("-started_at")
        .first()
    )
    if running is not None:
        return running
    earlier = Deadline.objects.filter(
        authority_id=child.authority_id,
        child=child,
        rule__code=CLOCK,
        started_on__gte=involvement.started_on,
    ).exists()
    return deadline_start(
        rule_code=CLOCK,
        authority=child.authority,
        child_id=child.pk,
        started_at=started_on if earlier else involvement.started_on,
        worker=None,
        team=involvement.team,
        source_type=SOURCE_TYPE,
    )


@transaction.atomic
def assessment_start(
    *,
    child: Person,
    kind: str,
    started_on: date,
    started_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> Assessment:
    """Start an assessment in the child's open involvement, attached to the assessment clock.

    Submitting the same form twice (same token) starts one assessment.
    """
    if form_token is not None:
        existing = Assessment.objects.filter(form_token=form_token, child=child).first()
        if existing is not None:
            return existing
    if kind not in AssessmentKind.values:
        raise ValidationError({"kind": _("Select the kind of assessment")})
    if started_on > as_of:
        raise ValidationError({"started_on": _("Start date must be today or in the past")})
    involvement = Involvement.objects.filter(
        child=child, authority_id=child.authority_id, ended_on__isnull=True
    ).first()
    if involvement is None:
        raise ValidationError(
            _("This child has no open involvement. Open one before starting an assessment.")
        )
    if started_on < involvement.started_on:
        raise ValidationError(
            {"started_on": _("Start date must be on or after the start of the involvement")}
        )
    # The `assessment` clock (and PM24) counts assessments of children, young carers among
    # them; an adult carer's assessment has no statutory timescale in the reference.
    deadline = (
        None
        if kind == AssessmentKind.CARER
        else _clock_for(child=child, involvement=involvement, started_on=started_on)
    )
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                authority_id=child.authority_id,
                child=child,
                involvement=involvement,
                deadline=deadline,
                kind=kind,
                started_on=started_on,
                worker=started_by,
                form_token=form_token,
                status=AssessmentStatus.DRAFT,
            )
    except IntegrityError:
        return Assessment.objects.get(form_token=form_token, child=child)
    if deadline is not None and not deadline.source_id:
        Deadline.objects.filter(pk=deadline.pk).update(
            source_type=SOURCE_TYPE, source_id=str(assessment.pk), worker=started_by
        )
    AssessmentStatusChange.objects.create(
        authority_id=assessment.authority_id,
        assessment=assessment,
        child_id=child.pk,
        status=AssessmentStatus.DRAFT,
        changed_by=started_by,
        changed_at=timezone.now(),
    )
    audit.record_create(actor=started_by, obj=assessment, detail={"kind": kind})
    return assessment


def _check_values(values: dict[str, Any]) -> None:
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(f)s") % {"f": unknown})
    errors: dict[str, str] = {}
    if "kind" in values and values["kind"] not in AssessmentKind.values:
        errors["kind"] = _("Select the kind of assessment")
    domains = values.get("eligibility_domains")
    if domains is not None and not set(domains) <= set(EligibilityDomain.values):
        errors["eligibility_domains"] = _("Select domains from the list")
    if values.get("child_seen_alone") and values.get("child_seen") is False:
        errors["child_seen_alone"] = _("The child can only be seen alone if they were seen")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assessment_save(
    *,
    assessment: Assessment,
    expected_version: int,
    values: dict[str, Any],
    saved_by: User,
    now: datetime,
) -> dict[str, list[Any]]:
    """Save a draft section (on "save and continue" or an autosave). Nothing is required yet.

    Raises `EditConflict` if someone else saved since `expected_version`.
    """
    if not assessment.is_editable:
        raise ValidationError(_("This assessment has been submitted: it cannot be changed now."))
    _check_values(values)
    kind = values.get("kind")
    if kind and (kind == AssessmentKind.CARER) != (assessment.kind == AssessmentKind.CARER):
        raise ValidationError(
            {
                "kind": _(
                    "An adult carer's assessment and an assessment of the child are separate "
                    "records: start a new assessment instead"
                )
            }
        )
    if values.get("child_seen") is False:
        values = {**values, "child_seen_alone": False}
    changes = save_versioned(
        assessment,
        expected_version=expected_version,
        changes={**values, "updated_at": now, "updated_by": saved_by},
    )
    changes.pop("updated_at", None)
    changes.pop("updated_by", None)
    if changes:
        # The audit log says which parts changed; the words stay in the record.
        audit.record_update(
            actor=saved_by, obj=assessment, changes={name: "changed" for name in changes}
        )
    return changes


@transaction.atomic
def assessment_submit(
    *,
    assessment: Assessment,
    submitted_by: User,
    history: list[ChronologyEntry],
    now: datetime,
) -> Assessment:
    """Submit for a manager's authorisation, once everything required is recorded.

    `history` is the chronology the worker weighed: a snapshot is kept with the assessment.
    """
    gaps = submission_gaps(assessment)
    if gaps:
        raise ValidationError([gap.message for gap in gaps])
    _step(assessment=assessment, status=AssessmentStatus.SUBMITTED, by=submitted_by, at=now)
    snapshot = [
        {"on": entry.occurred_on.isoformat(), "kind": entry.kind, "title": str(entry.title)}
        for entry in history[:100]
    ]
    changes = save_versioned(
        assessment,
        expected_version=assessment.version,
        changes={
            "status": AssessmentStatus.SUBMITTED,
            "submitted_at": now,
            "history_considered": snapshot,
        },
    )
    changes.pop("history_considered", None)
    audit.record_update(actor=submitted_by, obj=assessment, changes=changes)
    return assessment


@transaction.atomic
def assessment_return(
    *, assessment: Assessment, comment: str, returned_by: User, now: datetime
) -> Assessment:
    """A manager sends the assessment back to the worker with comments."""
    if not comment.strip():
        raise ValidationError({"comment": _("Enter your comments for the worker")})
    if returned_by.pk == assessment.worker_id:
        raise ValidationError(_("You cannot return an assessment you wrote yourself."))
    _step(
        assessment=assessment,
        status=AssessmentStatus.RETURNED,
        by=returned_by,
        at=now,
        comment=comment.strip(),
    )
    changes = save_versioned(
        assessment,
        expected_version=assessment.version,
        changes={"status": AssessmentStatus.RETURNED},
    )
    audit.record_update(actor=returned_by, obj=assessment, changes=changes)
    return assessment


@transaction.atomic
def assessment_authorise(
    *, assessment: Assessment, authorised_by: User, comment: str = "", now: datetime
) -> Assessment:
    """A manager authorises the assessment: it is complete and the assessment clock is met."""
    if authorised_by.pk == assessment.worker_id:
        raise ValidationError(_("You cannot authorise an assessment you wrote yourself."))
    gaps = submission_gaps(assessment)
    if gaps:
        raise ValidationError([gap.message for gap in gaps])
    _step(
        assessment=assessment,
        status=AssessmentStatus.AUTHORISED,
        by=authorised_by,
        at=now,
        comment=comment.strip(),
    )
    changes = save_versioned(
        assessment,
        expected_version=assessment.version,
        changes={
            "status": AssessmentStatus.AUTHORISED,
            "authorised_at": now,
            "authorised_by": authorised_by,
        },
    )
    audit.record_update(actor=authorised_by, obj=assessment, changes=changes)
    deadline = assessment.deadline
    if deadline is not None and deadline.is_open:
        deadline_meet(
            deadline=deadline, met_at=now, source_type=SOURCE_TYPE, source_id=str(assessment.pk)
        )
    return assessment


# ---------------------------------------------------------------------------------------------
# Vulnerability and risky-behaviour flags


@transaction.atomic
def flag_start(
    *,
    child: Person,
    kind: str,
    started_on: date,
    note: str,
    recorded_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> VulnerabilityFlag:
    """Flag a vulnerability or risky behaviour from a date (one open flag of a kind)."""
    if form_token is not None:
        existing = VulnerabilityFlag.objects.filter(form_token=form_token, child=child).first()
        if existing is not None:
            return existing
    errors: dict[str, str] = {}
    if kind not in FlagKind.values:
        errors["kind"] = _("Select the flag")
    if started_on > as_of:
        errors["started_on"] = _("Start date must be today or in the past")
    if errors:
        raise ValidationError(errors)
    open_flags = VulnerabilityFlag.objects.filter(child=child, kind=kind, ended_on__isnull=True)
    if open_flags.exists():
        raise ValidationError({"kind": _("This child already has this flag")})
    try:
        with transaction.atomic():
            flag = VulnerabilityFlag.objects.create(
                authority_id=child.authority_id,
                child=child,
                kind=kind,
                started_on=started_on,
                note=note.strip(),
                recorded_by=recorded_by,
                form_token=form_token,
            )
    except IntegrityError:
        raise ValidationError({"kind": _("This child already has this flag")}) from None
    audit.record_create(actor=recorded_by, obj=flag, detail={"kind": kind})
    return flag


@transaction.atomic
def flag_end(
    *,
    flag: VulnerabilityFlag,
    expected_version: int,
    ended_on: date,
    reason: str,
    ended_by: User,
    as_of: date,
) -> VulnerabilityFlag:
    if flag.ended_on is not None:
        raise ValidationError(_("This flag has already ended."))
    errors: dict[str, str] = {}
    if ended_on > as_of:
        errors["ended_on"] = _("End date must be today or in the past")
    elif ended_on < flag.started_on:
        errors["ended_on"] = _("End date must be on or after the start date")
    if not reason.strip():
        errors["reason"] = _("Enter why the flag ended")
    if errors:
        raise ValidationError(errors)
    changes = save_versioned(
        flag,
        expected_version=expected_version,
        changes={"ended_on": ended_on, "end_reason": reason.strip(), "ended_by": ended_by},
    )
    audit.record_update(actor=ended_by, obj=flag, changes=changes)
    return flag


@transaction.atomic
def assessment_share_record(
    *,
    assessment: Assessment,
    shared_on: date,
    shared_with: str,
    name: str,
    method: str,
    language: str,
    recorded_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> AssessmentSharing:
    """Record that an authorised assessment was shared with the family, the child or an
    agency: when, how and in which language (once per form, whatever the clicks)."""
    if form_token is not None:
        existing = AssessmentSharing.objects.filter(
            form_token=form_token, assessment=assessment
        ).first()
        if existing is not None:
            return existing
    if assessment.status != AssessmentStatus.AUTHORISED:
        raise ValidationError(_("An assessment is shared once it has been authorised."))
    errors: dict[str, str] = {}
    if shared_on > as_of:
        errors["shared_on"] = _("The date must be today or in the past")
    elif assessment.authorised_at and shared_on < timezone.localdate(assessment.authorised_at):
        errors["shared_on"] = _("The date must be on or after the assessment was authorised")
    if shared_with not in SharedWith.values:
        errors["shared_with"] = _("Select who the assessment was shared with")
    if not name.strip():
        errors["name"] = _("Enter the names of the people or the agency")
    if method not in SharingMethod.values:
        errors["method"] = _("Select how the assessment was shared")
    if language not in AssessmentLanguage.values:
        errors["language"] = _("Select the language it was shared in")
    if errors:
        raise ValidationError(errors)
    sharing = AssessmentSharing.objects.create(
        authority_id=assessment.authority_id,
        assessment=assessment,
        child_id=assessment.child_id,
        shared_on=shared_on,
        shared_with=shared_with,
        name=name.strip(),
        method=method,
        language=language,
        recorded_by=recorded_by,
        form_token=form_token,
    )
    audit.record_create(actor=recorded_by, obj=sharing, detail={"assessment": str(assessment.pk)})
    return sharing

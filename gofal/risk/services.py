"""Changes to risk assessments. Each validates, writes and audits, in a transaction.

Versions: a draft is edited in place; completing it fixes it. Reviewing a completed version
starts the next version as a draft copy (harms and actions carried over, sharing records kept
with the version they belong to); completing that draft marks the earlier version reviewed.
"""

import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gofal.audit import services as audit
from gofal.authorities.models import User
from gofal.authorities.records import save_versioned
from gofal.casework.models import Involvement
from gofal.people.models import Person
from gofal.risk import flags
from gofal.risk.models import (
    FLAG_HARMS,
    ActionStatus,
    Capacity,
    Harm,
    HarmKind,
    Likelihood,
    RiskAction,
    RiskAssessment,
    RiskContext,
    RiskLevel,
    RiskSharing,
    RiskStatus,
    Severity,
    SharingMethod,
)

# The records in other areas a risk assessment may be made for, and the page that shows them.
LINK_TYPES = {"assessments.assessment": "assessments:detail"}

RISK_FIELDS = frozenset(
    {
        "context",
        "overall_level",
        "level_rationale",
        "young_person_took_part",
        "participation",
        "young_person_knows",
        "review_on",
    }
)
HARM_FIELDS = (
    "kind",
    "described_as",
    "evidence",
    "history",
    "current_picture",
    "likelihood",
    "severity",
    "protective_factors",
    "capacity_to_change",
    "capacity_detail",
)
FLAG_NAMESPACE = uuid.UUID("4f1b3c2e-9a57-4d8e-8d0c-52a1f3e6b7c9")


def _must_be_draft(risk: RiskAssessment) -> None:
    if not risk.is_editable:
        raise ValidationError(
            _("This risk assessment has been completed: review it to make a new version.")
        )


@transaction.atomic
def risk_start(
    *,
    child: Person,
    context: str,
    started_on: date,
    started_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
    linked_type: str = "",
    linked_id: str = "",
) -> RiskAssessment:
    """Start a risk assessment about a child (a draft, version 1 of a new series).

    Submitting the same form twice (same token) starts one risk assessment.
    """
    if form_token is not None:
        existing = RiskAssessment.objects.filter(form_token=form_token, child=child).first()
        if existing is not None:
            return existing
    errors: dict[str, str] = {}
    if context not in RiskContext.values:
        errors["context"] = _("Select what the risk assessment is for")
    if started_on > as_of:
        errors["started_on"] = _("Start date must be today or in the past")
    if linked_type and (linked_type not in LINK_TYPES or not _is_uuid(linked_id)):
        errors["context"] = _("The record this risk assessment is for could not be found")
    if errors:
        raise ValidationError(errors)
    involvement = Involvement.objects.filter(
        child=child, authority_id=child.authority_id, ended_on__isnull=True
    ).first()
    try:
        with transaction.atomic():
            risk = RiskAssessment.objects.create(
                authority_id=child.authority_id,
                child=child,
                involvement=involvement,
                series_id=uuid.uuid4(),
                number=1,
                context=context,
                linked_type=linked_type if linked_type else "",
                linked_id=linked_id if linked_type else "",
                worker=started_by,
                started_on=started_on,
                form_token=form_token,
            )
    except IntegrityError:
        return RiskAssessment.objects.get(form_token=form_token, child=child)
    audit.record_create(actor=started_by, obj=risk, detail={"context": context})
    return risk


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _check_risk_values(values: dict[str, Any], *, as_of: date) -> None:
    unknown = set(values) - RISK_FIELDS
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(f)s") % {"f": unknown})
    errors: dict[str, str] = {}
    if "context" in values and values["context"] not in RiskContext.values:
        errors["context"] = _("Select what the risk assessment is for")
    level = values.get("overall_level")
    if level and level not in RiskLevel.values:
        errors["overall_level"] = _("Select the overall level of risk")
    review_on = values.get("review_on")
    if review_on is not None and review_on <= as_of:
        errors["review_on"] = _("Review date must be in the future")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def risk_save(
    *,
    risk: RiskAssessment,
    expected_version: int,
    values: dict[str, Any],
    saved_by: User,
    now: datetime,
    as_of: date,
) -> dict[str, list[Any]]:
    """Save the overall judgement of a draft. Raises `EditConflict` if someone else saved
    since `expected_version`."""
    _must_be_draft(risk)
    _check_risk_values(values, as_of=as_of)
    changes = save_versioned(
        risk,
        expected_version=expected_version,
        changes={**values, "updated_at": now, "updated_by": saved_by},
    )
    changes.pop("updated_at", None)
    changes.pop("updated_by", None)
    if changes:
        audit.record_update(actor=saved_by, obj=risk, changes={k: "changed" for k in changes})
    return changes


def _check_harm(values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if values.get("kind") not in HarmKind.values:
        errors["kind"] = _("Select the harm of concern")
    if not str(values.get("evidence") or "").strip():
        errors["evidence"] = _("Enter the evidence for this harm")
    if values.get("likelihood") not in Likelihood.values:
        errors["likelihood"] = _("Select how likely the harm is")
    if values.get("severity") not in Severity.values:
        errors["severity"] = _("Select how serious the harm would be")
    if values.get("capacity_to_change") not in Capacity.values:
        errors["capacity_to_change"] = _("Select the family's capacity to change")
    if values.get("kind") == HarmKind.OTHER and not str(values.get("described_as") or "").strip():
        errors["described_as"] = _("Say what the harm is")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def harm_add(
    *,
    risk: RiskAssessment,
    values: dict[str, Any],
    added_by: User,
    form_token: uuid.UUID | None,
) -> Harm:
    """Add a harm of concern to a draft (the same form twice adds one harm)."""
    if form_token is not None:
        existing = Harm.objects.filter(form_token=form_token, risk_assessment=risk).first()
        if existing is not None:
            return existing
    _must_be_draft(risk)
    values = {name: values.get(name, "") for name in HARM_FIELDS}
    _check_harm(values)
    order = Harm.objects.filter(risk_assessment=risk).count()
    try:
        with transaction.atomic():
            harm = Harm.objects.create(
                authority_id=risk.authority_id,
                risk_assessment=risk,
                order=order,
                form_token=form_token,
                **values,
            )
    except IntegrityError:
        return Harm.objects.get(form_token=form_token, risk_assessment=risk)
    audit.record_create(actor=added_by, obj=harm, detail={"kind": harm.kind})
    return harm


@transaction.atomic
def harm_save(
    *, harm: Harm, expected_version: int, values: dict[str, Any], saved_by: User
) -> dict[str, list[Any]]:
    _must_be_draft(harm.risk_assessment)
    values = {name: values.get(name, "") for name in HARM_FIELDS}
    _check_harm(values)
    changes = save_versioned(harm, expected_version=expected_version, changes=values)
    if changes:
        audit.record_update(actor=saved_by, obj=harm, changes={k: "changed" for k in changes})
    return changes


@transaction.atomic
def harm_remove(*, harm: Harm, removed_by: User) -> None:
    """Take a harm out of a draft (a completed version keeps its harms for good)."""
    _must_be_draft(harm.risk_assessment)
    audit.record_delete(actor=removed_by, obj=harm, reason="removed from a draft")
    harm.delete()


def _check_action(*, what: str, owner: str, due_on: date | None, status: str) -> None:
    errors: dict[str, str] = {}
    if not what.strip():
        errors["what"] = _("Enter what will be done")
    if not owner.strip():
        errors["owner"] = _("Enter who will do it: a person or an agency")
    if due_on is None:
        errors["due_on"] = _("Enter the date it will be done by")
    if status not in ActionStatus.values:
        errors["status"] = _("Select the progress of the action")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_add(
    *,
    risk: RiskAssessment,
    what: str,
    owner: str,
    due_on: date | None,
    status: str,
    added_by: User,
    form_token: uuid.UUID | None,
) -> RiskAction:
    """Add an action to reduce the risk. Refused without an owner and a date."""
    if form_token is not None:
        existing = RiskAction.objects.filter(form_token=form_token, risk_assessment=risk).first()
        if existing is not None:
            return existing
    _must_be_draft(risk)
    _check_action(what=what, owner=owner, due_on=due_on, status=status)
    assert due_on is not None  # checked above
    try:
        with transaction.atomic():
            action = RiskAction.objects.create(
                authority_id=risk.authority_id,
                risk_assessment=risk,
                what=what.strip(),
                owner=owner.strip(),
                due_on=due_on,
                status=status,
                form_token=form_token,
            )
    except IntegrityError:
        return RiskAction.objects.get(form_token=form_token, risk_assessment=risk)
    audit.record_create(actor=added_by, obj=action)
    return action


@transaction.atomic
def action_save(
    *,
    action: RiskAction,
    expected_version: int,
    what: str,
    owner: str,
    due_on: date | None,
    status: str,
    saved_by: User,
) -> dict[str, list[Any]]:
    """Change an action. In a draft anything may change; in the current completed version only
    its progress (the judgement stays as it was made; a review makes the next version)."""
    risk = action.risk_assessment
    if risk.status == RiskStatus.REVIEWED:
        raise ValidationError(_("This version has been reviewed: update the latest version."))
    _check_action(what=what, owner=owner, due_on=due_on, status=status)
    if risk.is_editable:
        values: dict[str, Any] = {
            "what": what.strip(),
            "owner": owner.strip(),
            "due_on": due_on,
            "status": status,
        }
    else:
        if (what.strip(), owner.strip(), due_on) != (action.what, action.owner, action.due_on):
            raise ValidationError(
                _("Only the progress of an action can change once the risk assessment is complete.")
            )
        values = {"status": status}
    changes = save_versioned(action, expected_version=expected_version, changes=values)
    if changes:
        audit.record_update(actor=saved_by, obj=action, changes=changes)
    return changes


@transaction.atomic
def action_remove(*, action: RiskAction, removed_by: User) -> None:
    _must_be_draft(action.risk_assessment)
    audit.record_delete(actor=removed_by, obj=action, reason="removed from a draft")
    action.delete()


@transaction.atomic
def sharing_add(
    *,
    risk: RiskAssessment,
    agency: str,
    shared_on: date | None,
    method: str,
    recorded_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> RiskSharing:
    """Record that the risk assessment was shared with an agency (appended, never changed)."""
    if form_token is not None:
        existing = RiskSharing.objects.filter(form_token=form_token, risk_assessment=risk).first()
        if existing is not None:
            return existing
    errors: dict[str, str] = {}
    if not agency.strip():
        errors["agency"] = _("Enter who it was shared with")
    if shared_on is None:
        errors["shared_on"] = _("Enter the date it was shared")
    elif shared_on > as_of:
        errors["shared_on"] = _("Date shared must be today or in the past")
    elif shared_on < risk.started_on:
        errors["shared_on"] = _("Date shared must be on or after the risk assessment started")
    if method not in SharingMethod.values:
        errors["method"] = _("Select how it was shared")
    if errors:
        raise ValidationError(errors)
    if risk.status == RiskStatus.REVIEWED:
        raise ValidationError(_("This version has been reviewed: record sharing on the latest."))
    assert shared_on is not None  # checked above
    try:
        with transaction.atomic():
            sharing = RiskSharing.objects.create(
                authority_id=risk.authority_id,
                risk_assessment=risk,
                agency=agency.strip(),
                shared_on=shared_on,
                method=method,
                recorded_by=recorded_by,
                form_token=form_token,
            )
    except IntegrityError:
        return RiskSharing.objects.get(form_token=form_token, risk_assessment=risk)
    audit.record_create(actor=recorded_by, obj=sharing, detail={"agency": sharing.agency})
    return sharing


def completion_gaps(risk: RiskAssessment, *, harms: int, as_of: date) -> list[tuple[str, str]]:
    """What stops this draft being completed, as (field, message) pairs."""
    gaps: list[tuple[str, str]] = []
    if harms == 0:
        gaps.append(("harms", _("Add at least one harm of concern")))
    if not risk.overall_level:
        gaps.append(("overall_level", _("Select the overall level of risk")))
    if not risk.level_rationale.strip():
        gaps.append(("level_rationale", _("Explain why you chose the overall level")))
    if risk.review_on is None:
        gaps.append(("review_on", _("Set a date to review the risk assessment")))
    elif risk.review_on <= as_of:
        gaps.append(("review_on", _("Review date must be in the future")))
    if risk.young_person_took_part is None:
        gaps.append(("young_person_took_part", _("Say whether the young person took part")))
    if risk.young_person_knows is None:
        gaps.append(("young_person_knows", _("Say whether the young person knows it exists")))
    return gaps


@transaction.atomic
def risk_complete(
    *, risk: RiskAssessment, expected_version: int, completed_by: User, now: datetime, as_of: date
) -> RiskAssessment:
    """Complete a draft: from now on it is not edited. The version it reviews is marked
    reviewed."""
    _must_be_draft(risk)
    harms = Harm.objects.filter(risk_assessment=risk).count()
    gaps = completion_gaps(risk, harms=harms, as_of=as_of)
    if gaps:
        raise ValidationError([message for _field, message in gaps])
    changes = save_versioned(
        risk,
        expected_version=expected_version,
        changes={"status": RiskStatus.COMPLETED, "completed_at": now, "completed_by": completed_by},
    )
    audit.record_update(actor=completed_by, obj=risk, changes=changes)
    previous = risk.previous
    if previous is not None and previous.status == RiskStatus.COMPLETED:
        done = save_versioned(
            previous,
            expected_version=previous.version,
            changes={"status": RiskStatus.REVIEWED, "reviewed_at": now},
        )
        audit.record_update(actor=completed_by, obj=previous, changes=done)
    return risk


@transaction.atomic
def risk_review_start(*, risk: RiskAssessment, started_by: User, as_of: date) -> RiskAssessment:
    """Start the review of a completed risk assessment: the next version, as a draft copy.

    Asking twice gives the same draft (one draft per series).
    """
    if risk.status != RiskStatus.COMPLETED:
        raise ValidationError(_("Only the latest completed version can be reviewed."))
    draft = RiskAssessment.objects.filter(
        series_id=risk.series_id, authority_id=risk.authority_id, status=RiskStatus.DRAFT
    ).first()
    if draft is not None:
        return draft
    if RiskAssessment.objects.filter(previous=risk).exists():
        raise ValidationError(_("Only the latest completed version can be reviewed."))
    involvement = Involvement.objects.filter(
        child_id=risk.child_id, authority_id=risk.authority_id, ended_on__isnull=True
    ).first()
    try:
        with transaction.atomic():
            draft = RiskAssessment.objects.create(
                authority_id=risk.authority_id,
                child_id=risk.child_id,
                involvement=involvement or risk.involvement,
                series_id=risk.series_id,
                number=risk.number + 1,
                previous=risk,
                context=risk.context,
                linked_type=risk.linked_type,
                linked_id=risk.linked_id,
                overall_level=risk.overall_level,
                level_rationale=risk.level_rationale,
                young_person_took_part=None,
                young_person_knows=risk.young_person_knows,
                worker=started_by,
                started_on=as_of,
            )
    except IntegrityError:
        return RiskAssessment.objects.get(series_id=risk.series_id, status=RiskStatus.DRAFT)
    Harm.objects.bulk_create(
        Harm(
            authority_id=risk.authority_id,
            risk_assessment=draft,
            order=harm.order,
            **{name: getattr(harm, name) for name in HARM_FIELDS},
        )
        for harm in Harm.objects.filter(risk_assessment=risk)
    )
    RiskAction.objects.bulk_create(
        RiskAction(
            authority_id=risk.authority_id,
            risk_assessment=draft,
            what=action.what,
            owner=action.owner,
            due_on=action.due_on,
            status=action.status,
        )
        for action in RiskAction.objects.filter(risk_assessment=risk).exclude(
            status=ActionStatus.DONE
        )
    )
    audit.record_create(
        actor=started_by, obj=draft, detail={"reviews": str(risk.pk), "number": draft.number}
    )
    return draft


def flag_token(harm: Harm) -> uuid.UUID:
    """One flag per harm however often the button is pressed."""
    return uuid.uuid5(FLAG_NAMESPACE, str(harm.pk))


def harm_raise_flag(*, harm: Harm, raised_by: User, as_of: date) -> Any:
    """Raise the vulnerability flag that matches a harm (shown on the identity bar)."""
    if harm.kind not in FLAG_HARMS:
        raise ValidationError(_("There is no flag for this harm."))
    if not flags.flags_available():
        raise ValidationError(_("Flags cannot be raised here."))
    risk = harm.risk_assessment
    note = _("From the risk assessment of %(date)s: %(harm)s, %(likelihood)s, %(severity)s") % {
        "date": risk.started_on.strftime("%d/%m/%Y"),
        "harm": harm.get_kind_display(),
        "likelihood": str(harm.get_likelihood_display()).split(":")[0].lower(),
        "severity": str(harm.get_severity_display()).split(":")[0].lower(),
    }
    flag = flags.start_flag(
        child=risk.child,
        kind=harm.kind,
        note=note,
        recorded_by=raised_by,
        form_token=flag_token(harm),
        as_of=as_of,
    )
    if getattr(flag, "ended_on", None) is not None:
        # This harm raised a flag before and it has since ended: say so, do not pretend.
        raise ValidationError(
            _(
                "The flag raised from this harm has ended. "
                "To flag it again, add it on the Flags page."
            )
        )
    return flag

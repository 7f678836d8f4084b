"""Changes to care and support plans. Each validates, writes and audits in a transaction."""

import re
import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gofal.assessments.models import Assessment, AssessmentOutcome, AssessmentStatus
from gofal.audit import services as audit
from gofal.authorities.models import User
from gofal.authorities.records import save_versioned
from gofal.casework.selectors import allocation_current
from gofal.planning.models import (
    Agreement,
    AgreementDecision,
    CareAndSupportPlan,
    EndReason,
    PlanAction,
    PlanLanguage,
    PlanOutcome,
    PlanReview,
    PlanReviewProgress,
    PlanSharing,
    PlanStatus,
    PlanVersion,
    Progress,
    SharingMethod,
    WrittenAgreement,
    WrittenAgreementReview,
)
from gofal.timescales import services as timescales
from gofal.timescales.models import Deadline

REVIEW_CLOCK = "care-support-plan-review"
SOURCE_TYPE = "planning.careandsupportplan"

EDITABLE = frozenset(
    {
        "eligible_needs",
        "family_contribution",
        "family_agreement",
        "family_words",
        "child_contribution",
        "child_agreement",
        "child_words",
        "contingency",
        "language",
    }
)
_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")


def outcomes_from_text(text: str) -> list[str]:
    """The assessment's personal outcomes, one per line (bullets and numbers removed)."""
    lines = [_ITEM.sub("", line).strip() for line in text.splitlines()]
    return [line for line in lines if line]


@transaction.atomic
def plan_create_from_assessment(
    *, assessment: Assessment, created_by: User, form_token: uuid.UUID | None
) -> CareAndSupportPlan:
    """Start a plan from an authorised assessment whose outcome is a care and support plan.

    Its outcomes are the assessment's personal outcomes; its eligible needs the domains
    the need was found to relate to. The same form twice (same token) creates one plan.
    """
    if form_token is not None:
        existing = CareAndSupportPlan.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing
    if (
        assessment.status != AssessmentStatus.AUTHORISED
        or assessment.outcome != AssessmentOutcome.CARE_AND_SUPPORT_PLAN
    ):
        raise ValidationError(
            _("A plan is built from an authorised assessment that found eligible needs.")
        )
    live = CareAndSupportPlan.objects.filter(assessment=assessment).exclude(status=PlanStatus.ENDED)
    if live.exists():
        raise ValidationError(_("This assessment already has a plan."))
    child = assessment.child
    language = PlanLanguage.WELSH if child.preferred_language == "cy" else PlanLanguage.ENGLISH
    try:
        with transaction.atomic():
            plan = CareAndSupportPlan.objects.create(
                authority_id=assessment.authority_id,
                child_id=assessment.child_id,
                assessment=assessment,
                involvement_id=assessment.involvement_id,
                eligible_needs="\n".join(assessment.domain_labels()),
                language=language,
                created_by=created_by,
                form_token=form_token,
            )
    except IntegrityError:
        existing = CareAndSupportPlan.objects.filter(form_token=form_token).first()
        if existing is None:
            raise ValidationError(_("This assessment already has a plan.")) from None
        return existing
    PlanOutcome.objects.bulk_create(
        PlanOutcome(authority_id=plan.authority_id, plan=plan, text=text, order=number)
        for number, text in enumerate(outcomes_from_text(assessment.personal_outcomes), start=1)
    )
    audit.record_create(actor=created_by, obj=plan, detail={"assessment": str(assessment.pk)})
    return plan


def _check_editable(plan: CareAndSupportPlan) -> None:
    if not plan.is_editable:
        raise ValidationError(_("This plan has ended: it cannot be changed."))


@transaction.atomic
def plan_save(
    *,
    plan: CareAndSupportPlan,
    expected_version: int,
    values: dict[str, Any],
    saved_by: User,
    now: datetime,
) -> dict[str, list[Any]]:
    """Change the plan's contributions, agreement, contingency, needs or language.

    Raises `EditConflict` if someone else saved since `expected_version`.
    """
    _check_editable(plan)
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(f)s") % {"f": unknown})
    errors = {}
    for name in ("family_agreement", "child_agreement"):
        if values.get(name) and values[name] not in Agreement.values:
            errors[name] = _("Select from the list")
    if "language" in values and values["language"] not in PlanLanguage.values:
        errors["language"] = _("Select the language of the plan")
    if errors:
        raise ValidationError(errors)
    changes = save_versioned(
        plan, expected_version=expected_version, changes={**values, "updated_at": now}
    )
    changes.pop("updated_at", None)
    if changes:
        audit.record_update(actor=saved_by, obj=plan, changes={n: "changed" for n in changes})
    return changes


@transaction.atomic
def plan_outcome_add(*, plan: CareAndSupportPlan, text: str, added_by: User) -> PlanOutcome:
    _check_editable(plan)
    if not text.strip():
        raise ValidationError({"text": _("Enter the outcome")})
    last = plan.outcomes.order_by("-order").values_list("order", flat=True).first() or 0
    outcome = PlanOutcome.objects.create(
        authority_id=plan.authority_id, plan=plan, text=text.strip(), order=last + 1
    )
    audit.record_create(actor=added_by, obj=outcome, detail={"plan": str(plan.pk)})
    return outcome


@transaction.atomic
def plan_action_add(
    *,
    plan: CareAndSupportPlan,
    outcome_id: uuid.UUID | str | None,
    what: str,
    who: str,
    due_on: date | None,
    why: str,
    if_not_done: str,
    added_by: User,
) -> PlanAction:
    """Add an action. Refused without an owner (person or agency) or a date."""
    _check_editable(plan)
    errors: dict[str, str] = {}
    outcome = plan.outcomes.filter(pk=outcome_id).first() if outcome_id else None
    if outcome is None:
        errors["outcome"] = _("Select the outcome this action serves")
    if not what.strip():
        errors["what"] = _("Enter what will be done")
    if not who.strip():
        errors["who"] = _("Enter who will do it: a person or an agency")
    if due_on is None:
        errors["due_on"] = _("Enter the date it will be done by")
    if not why.strip():
        errors["why"] = _("Enter why it matters")
    if not if_not_done.strip():
        errors["if_not_done"] = _("Enter what happens if it is not done")
    if errors or outcome is None or due_on is None:
        raise ValidationError(errors)
    action = PlanAction.objects.create(
        authority_id=plan.authority_id,
        plan=plan,
        outcome=outcome,
        what=what.strip(),
        who=who.strip(),
        due_on=due_on,
        why=why.strip(),
        if_not_done=if_not_done.strip(),
    )
    audit.record_create(actor=added_by, obj=action, detail={"plan": str(plan.pk)})
    return action


def plan_content(plan: CareAndSupportPlan) -> dict[str, Any]:
    """The whole plan as plain data, for a version."""
    fields = {name: getattr(plan, name) for name in sorted(EDITABLE)}
    outcomes = []
    for outcome in plan.outcomes.order_by("order").prefetch_related("actions"):
        outcomes.append(
            {
                "text": outcome.text,
                "actions": [
                    {
                        "what": a.what,
                        "who": a.who,
                        "due_on": a.due_on.isoformat(),
                        "why": a.why,
                        "if_not_done": a.if_not_done,
                    }
                    for a in outcome.actions.all()
                ],
            }
        )
    return {**fields, "outcomes": outcomes}


@transaction.atomic
def plan_authorise(*, plan: CareAndSupportPlan, authorised_by: User, now: datetime) -> PlanVersion:
    """A manager authorises the plan as it stands: a new numbered version is kept."""
    _check_editable(plan)
    if not plan.outcomes.exists():
        raise ValidationError(_("A plan cannot be authorised without at least one outcome."))
    if not plan.actions.exists():
        raise ValidationError(_("Add at least one action before the plan is authorised."))
    last = plan.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = PlanVersion.objects.create(
        authority_id=plan.authority_id,
        plan=plan,
        number=last + 1,
        content=plan_content(plan),
        authorised_by=authorised_by,
        authorised_at=now,
    )
    changes = save_versioned(
        plan, expected_version=plan.version, changes={"status": PlanStatus.AUTHORISED}
    )
    if review_clock(plan) is None:
        _review_clock_start(plan=plan, started_at=now)
    audit.record_update(actor=authorised_by, obj=plan, changes={**changes, "version": last + 1})
    return version


def review_clock(plan: CareAndSupportPlan) -> Deadline | None:
    """The plan's running review clock, if it has one."""
    return (
        Deadline.objects.open()
        .filter(
            authority_id=plan.authority_id,
            rule__code=REVIEW_CLOCK,
            source_type=SOURCE_TYPE,
            source_id=str(plan.pk),
        )
        .order_by("-started_at")
        .first()
    )


def _review_clock_start(*, plan: CareAndSupportPlan, started_at: date | datetime) -> Deadline:
    """Start the review clock, owned by the child's allocated worker (or the team)."""
    allocation = allocation_current(child=plan.child)
    return timescales.deadline_start(
        rule_code=REVIEW_CLOCK,
        authority=plan.authority,
        child_id=plan.child_id,
        started_at=started_at,
        worker=allocation.worker if allocation else None,
        team=plan.involvement.team,
        source_type=SOURCE_TYPE,
        source_id=str(plan.pk),
    )


def review_items(plan: CareAndSupportPlan) -> list[tuple[str, PlanOutcome | PlanAction]]:
    """Every outcome and action a review reports progress on, keyed `outcome-<id>` or
    `action-<id>`, each outcome followed by its actions."""
    items: list[tuple[str, PlanOutcome | PlanAction]] = []
    for outcome in plan.outcomes.all():
        items.append((f"outcome-{outcome.pk}", outcome))
        items.extend((f"action-{action.pk}", action) for action in outcome.actions.all())
    return items


def _review_check(
    *,
    plan: CareAndSupportPlan,
    held_on: date | None,
    attended: str,
    progress: dict[str, tuple[str, str]],
    plan_changed: bool,
    changes: str,
    as_of: date,
) -> tuple[date, list[tuple[PlanOutcome | PlanAction, str, str]]]:
    """What is wrong with a review (raised), else its date and the progress rows to write."""
    first = plan.versions.order_by("number").first()
    if first is None:
        raise ValidationError(_("A plan is reviewed once it has been authorised."))
    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = _("Enter the date of the review")
    elif held_on > as_of:
        errors["held_on"] = _("The date must be today or in the past")
    elif held_on < timezone.localdate(first.authorised_at):
        errors["held_on"] = _("The date must be on or after the plan was first authorised")
    if not attended.strip():
        errors["attended"] = _("Enter who attended the review")
    rows: list[tuple[PlanOutcome | PlanAction, str, str]] = []
    for key, item in review_items(plan):
        value, note = progress.get(key, ("", ""))
        if value not in Progress.values:
            errors[key] = _("Select the progress made")
        else:
            rows.append((item, value, note.strip()))
    if plan_changed and not changes.strip():
        errors["changes"] = _("Enter the changes made to the plan")
    if errors or held_on is None:
        raise ValidationError(errors)
    return held_on, rows


def _review_clock_meet(*, plan: CareAndSupportPlan, held_on: date) -> None:
    """The review meets the running clock (the next starts from it), or starts one."""
    clock = review_clock(plan)
    if clock is None:
        _review_clock_start(plan=plan, started_at=held_on)
    elif clock.started_on <= held_on:
        timescales.deadline_meet(
            deadline=clock, met_at=held_on, source_type=SOURCE_TYPE, source_id=str(plan.pk)
        )


@transaction.atomic
def plan_review_record(
    *,
    plan: CareAndSupportPlan,
    held_on: date | None,
    attended: str,
    views: str,
    progress: dict[str, tuple[str, str]],
    plan_changed: bool,
    changes: str,
    recorded_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> PlanReview:
    """Record a review of an authorised plan: who attended, progress on every outcome and
    action (`progress[key] = (progress, note)`, keys from `review_items`), what changed.

    The review meets the plan's review clock and the next one starts from the day it was held.
    If the plan was changed, it goes back to draft until a manager authorises the new version.
    The same form twice (same token) records one review.
    """
    if form_token is not None:
        existing = PlanReview.objects.filter(form_token=form_token, plan=plan).first()
        if existing is not None:
            return existing
    _check_editable(plan)
    day, rows = _review_check(
        plan=plan,
        held_on=held_on,
        attended=attended,
        progress=progress,
        plan_changed=plan_changed,
        changes=changes,
        as_of=as_of,
    )
    latest = plan.versions.order_by("-number").values_list("number", flat=True).first()
    review = PlanReview.objects.create(
        authority_id=plan.authority_id,
        plan=plan,
        held_on=day,
        attended=attended.strip(),
        views=views.strip(),
        plan_changed=plan_changed,
        changes=changes.strip(),
        version_reviewed=latest,
        recorded_by=recorded_by,
        form_token=form_token,
    )
    PlanReviewProgress.objects.bulk_create(
        PlanReviewProgress(
            authority_id=plan.authority_id,
            review=review,
            outcome=item if isinstance(item, PlanOutcome) else None,
            action=item if isinstance(item, PlanAction) else None,
            progress=value,
            note=note,
        )
        for item, value, note in rows
    )
    _review_clock_meet(plan=plan, held_on=day)
    if plan_changed and plan.status == PlanStatus.AUTHORISED:
        status = save_versioned(
            plan, expected_version=plan.version, changes={"status": PlanStatus.DRAFT}
        )
        audit.record_update(actor=recorded_by, obj=plan, changes=status)
    audit.record_create(
        actor=recorded_by,
        obj=review,
        detail={"plan": str(plan.pk), "plan_changed": plan_changed},
    )
    return review


@transaction.atomic
def plan_share_record(
    *,
    plan: CareAndSupportPlan,
    shared_on: date,
    shared_with: str,
    method: str,
    language: str,
    recorded_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> PlanSharing:
    """Record that the plan was shared with the family (once per form, whatever the clicks)."""
    if form_token is not None:
        existing = PlanSharing.objects.filter(form_token=form_token, plan=plan).first()
        if existing is not None:
            return existing
    errors: dict[str, str] = {}
    if shared_on > as_of:
        errors["shared_on"] = _("The date must be today or in the past")
    if not shared_with.strip():
        errors["shared_with"] = _("Enter who the plan was shared with")
    if method not in SharingMethod.values:
        errors["method"] = _("Select how the plan was shared")
    if language not in PlanLanguage.values:
        errors["language"] = _("Select the language it was shared in")
    if errors:
        raise ValidationError(errors)
    sharing = PlanSharing.objects.create(
        authority_id=plan.authority_id,
        plan=plan,
        shared_on=shared_on,
        shared_with=shared_with.strip(),
        method=method,
        language=language,
        recorded_by=recorded_by,
        form_token=form_token,
    )
    audit.record_create(actor=recorded_by, obj=sharing, detail={"plan": str(plan.pk)})
    return sharing


# ---------------------------------------------------------------------------------------------
# Written agreements and their review by a head of service


@transaction.atomic
def agreement_record(
    *,
    plan: CareAndSupportPlan,
    made_on: date,
    agreed_with: str,
    expectations: str,
    why_not_child_protection: str,
    recorded_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> WrittenAgreement:
    """Record a written agreement on a plan; it goes on the head of service's review list."""
    if form_token is not None:
        existing = WrittenAgreement.objects.filter(form_token=form_token, plan=plan).first()
        if existing is not None:
            return existing
    _check_editable(plan)
    errors: dict[str, str] = {}
    if made_on > as_of:
        errors["made_on"] = _("The date must be today or in the past")
    if not agreed_with.strip():
        errors["agreed_with"] = _("Enter who the agreement is with")
    if not expectations.strip():
        errors["expectations"] = _("Enter what is agreed")
    if not why_not_child_protection.strip():
        errors["why_not_child_protection"] = _(
            "Enter why child protection procedures are not needed"
        )
    if errors:
        raise ValidationError(errors)
    agreement = WrittenAgreement.objects.create(
        authority_id=plan.authority_id,
        plan=plan,
        child_id=plan.child_id,
        team_id=plan.involvement.team_id,
        made_on=made_on,
        agreed_with=agreed_with.strip(),
        expectations=expectations.strip(),
        why_not_child_protection=why_not_child_protection.strip(),
        recorded_by=recorded_by,
        form_token=form_token,
    )
    audit.record_create(actor=recorded_by, obj=agreement, detail={"plan": str(plan.pk)})
    return agreement


@transaction.atomic
def agreement_review(
    *,
    agreement: WrittenAgreement,
    decision: str,
    note: str,
    reviewed_by: User,
    now: datetime,
) -> WrittenAgreementReview:
    """A head of service decides on an agreement. "End" closes it on the day of the review."""
    errors: dict[str, str] = {}
    if decision not in AgreementDecision.values:
        errors["decision"] = _("Select your decision")
    if not note.strip():
        errors["note"] = _("Enter the reasons for your decision")
    if errors:
        raise ValidationError(errors)
    if agreement.ended_on is not None:
        raise ValidationError(_("This agreement has ended."))
    review = WrittenAgreementReview.objects.create(
        authority_id=agreement.authority_id,
        agreement=agreement,
        decision=decision,
        note=note.strip(),
        reviewed_by=reviewed_by,
        reviewed_at=now,
    )
    if decision != AgreementDecision.CONTINUE:
        changes = save_versioned(
            agreement,
            expected_version=agreement.version,
            changes={"ended_on": timezone.localdate(now)},
        )
        audit.record_update(actor=reviewed_by, obj=agreement, changes=changes)
    audit.record_create(actor=reviewed_by, obj=review, detail={"decision": decision})
    return review


@transaction.atomic
def plan_end(
    *,
    plan: CareAndSupportPlan,
    expected_version: int,
    ended_on: date,
    reason: str,
    detail: str,
    ended_by: User,
    now: datetime,
) -> CareAndSupportPlan:
    """End a plan: why, from when and what happens next. Its review clock stops, and the plan
    stays on the record as it was (ending it a second time changes nothing)."""
    if plan.status == PlanStatus.ENDED:
        return plan
    errors: dict[str, str] = {}
    if reason not in EndReason.values:
        errors["reason"] = _("Select why the plan is ending")
    if not detail.strip():
        errors["detail"] = _("Say what happens next for the child and family")
    if ended_on > timezone.localdate(now):
        errors["ended_on"] = _("The date the plan ended must be today or in the past")
    elif ended_on < timezone.localdate(plan.created_at):
        errors["ended_on"] = _("The date the plan ended cannot be before the plan was started")
    if errors:
        raise ValidationError(errors)
    changes = save_versioned(
        plan,
        expected_version=expected_version,
        changes={
            "status": PlanStatus.ENDED,
            "ended_on": ended_on,
            "end_reason": reason,
            "end_detail": detail.strip(),
            "ended_by": ended_by,
        },
    )
    clock = review_clock(plan)
    if clock is not None:
        timescales.deadline_cancel(
            deadline=clock, cancelled_at=now, reason=f"plan ended: {EndReason(reason).label}"
        )
    audit.record_update(actor=ended_by, obj=plan, changes=changes)
    return plan


def plans_end_with_involvement(*, involvement: Any, ended_by: User, now: datetime) -> None:
    """When the council's involvement ends, every plan still live within it ends too (and
    its review clock stops), from the same day or, for a plan made later, the day it was made."""
    detail = involvement.end_detail or _("The council's involvement with the child ended.")
    for plan in CareAndSupportPlan.objects.filter(involvement=involvement).exclude(
        status=PlanStatus.ENDED
    ):
        plan_end(
            plan=plan,
            expected_version=plan.version,
            ended_on=max(involvement.ended_on, timezone.localdate(plan.created_at)),
            reason=EndReason.CASE_CLOSED,
            detail=detail,
            ended_by=ended_by,
            now=now,
        )

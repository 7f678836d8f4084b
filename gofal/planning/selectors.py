"""Reads of care and support plans, for a child already fetched with `person_get_for_user`."""

import uuid
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from gofal.assessments.models import Assessment, AssessmentOutcome, AssessmentStatus
from gofal.people.models import Person
from gofal.people.selectors import persons_visible_to
from gofal.planning.models import (
    CareAndSupportPlan,
    PlanAction,
    PlanOutcome,
    PlanReview,
    PlanReviewProgress,
    PlanSharing,
    PlanStatus,
    WrittenAgreement,
    WrittenAgreementReview,
)
from gofal.timescales.models import Deadline


def plans_for_child(*, child: Person) -> QuerySet[CareAndSupportPlan]:
    return CareAndSupportPlan.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("assessment", "created_by")


def plan_get(*, child: Person, plan_id: uuid.UUID | str) -> CareAndSupportPlan:
    """One of the child's plans with its outcomes, actions, sharings and versions, or Http404."""
    rows = (
        plans_for_child(child=child)
        .select_related("ended_by")
        .prefetch_related(
            Prefetch(
                "outcomes",
                queryset=PlanOutcome.objects.order_by("order").prefetch_related(
                    Prefetch("actions", queryset=PlanAction.objects.order_by("due_on"))
                ),
            ),
            "sharings__recorded_by",
            "versions__authorised_by",
            Prefetch(
                "reviews",
                queryset=PlanReview.objects.select_related("recorded_by").prefetch_related(
                    # Ordered by its own columns: the model's ordering (by review) would join
                    # every review and plan of the council, which row-level security scans.
                    Prefetch(
                        "progress",
                        queryset=PlanReviewProgress.objects.select_related(
                            "outcome", "action"
                        ).order_by("created_at", "pk"),
                    )
                ),
            ),
        )
    )
    try:
        return rows.get(pk=plan_id)
    except (CareAndSupportPlan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


REVIEW_CLOCK = "care-support-plan-review"
PLAN_SOURCE = "planning.careandsupportplan"


def review_clock_for_plan(*, plan: CareAndSupportPlan) -> Deadline | None:
    """The plan's next review as a clock (running, else the last one), with its rule version:
    the page says when the review is due and whether the source of the figure is confirmed."""
    return (
        Deadline.objects.filter(
            authority_id=plan.authority_id,
            rule__code=REVIEW_CLOCK,
            source_type=PLAN_SOURCE,
            source_id=str(plan.pk),
            cancelled_at__isnull=True,
        )
        .select_related("rule_version")
        .order_by(F("met_at").asc(nulls_first=True), "-started_at")
        .first()
    )


def assessments_ready_for_plan(*, child: Person) -> QuerySet[Assessment]:
    """Authorised assessments that found eligible needs and have no live plan yet."""
    with_plan = CareAndSupportPlan.objects.filter(
        child=child, authority_id=child.authority_id
    ).exclude(status=PlanStatus.ENDED)
    return Assessment.objects.filter(
        child=child,
        authority_id=child.authority_id,
        status=AssessmentStatus.AUTHORISED,
        outcome=AssessmentOutcome.CARE_AND_SUPPORT_PLAN,
    ).exclude(pk__in=with_plan.values("assessment_id"))


def agreements_for_plan(*, plan: CareAndSupportPlan) -> QuerySet[WrittenAgreement]:
    return WrittenAgreement.objects.filter(
        plan=plan, authority_id=plan.authority_id
    ).prefetch_related("reviews__reviewed_by")


def agreements_awaiting_review(*, user: Any) -> QuerySet[WrittenAgreement]:
    """Active written agreements in the acting council that no head of service has reviewed.

    Restricted children appear only to those who may see them (`persons_visible_to`).
    """
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return WrittenAgreement.objects.none()
    return (
        WrittenAgreement.objects.filter(
            authority=acting.authority,
            ended_on__isnull=True,
            child__in=persons_visible_to(user),
        )
        .exclude(Exists(WrittenAgreementReview.objects.filter(agreement=OuterRef("pk"))))
        .select_related("child", "team", "recorded_by", "plan")
        .order_by("made_on", "pk")
    )


def agreement_get_for_review(*, user: Any, agreement_id: uuid.UUID | str) -> WrittenAgreement:
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        raise Http404
    rows = WrittenAgreement.objects.filter(
        authority=acting.authority, child__in=persons_visible_to(user)
    ).select_related("child", "team", "plan", "recorded_by")
    try:
        return rows.get(pk=agreement_id)
    except (WrittenAgreement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def agreements_by_team(*, user: Any) -> list[dict[str, Any]]:
    """Use of written agreements by team: active, reviewed and all (one query)."""
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return []
    reviewed = Exists(WrittenAgreementReview.objects.filter(agreement=OuterRef("pk")))
    return list(
        WrittenAgreement.objects.filter(authority=acting.authority)
        .order_by()
        .values("team__name_en", "team__name_cy", "team_id")
        .annotate(
            total=Count("pk"),
            active=Count("pk", filter=Q(ended_on__isnull=True)),
            reviewed=Count(
                "pk", filter=Q(pk__in=WrittenAgreement.objects.filter(reviewed).values("pk"))
            ),
        )
        .order_by("team__name_en")
    )


# --- Reports ---------------------------------------------------------------------------------

PLAN_MEASURES = ("all", "shared", "not_shared", "family_contribution", "no_family_contribution")


def _live_plans(user: Any) -> QuerySet[CareAndSupportPlan]:
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return CareAndSupportPlan.objects.none()
    return CareAndSupportPlan.objects.filter(
        authority=acting.authority, child__in=persons_visible_to(user)
    ).exclude(status=PlanStatus.ENDED)


def _shared() -> Exists:
    return Exists(PlanSharing.objects.filter(plan=OuterRef("pk")))


def plan_figures(*, user: Any) -> dict[str, int]:
    """Live plans, how many were shared with the family, how many hold the family's own
    contribution (one query)."""
    return _live_plans(user).aggregate(
        all=Count("pk"),
        shared=Count("pk", filter=Q(_shared())),
        family_contribution=Count("pk", filter=~Q(family_contribution="")),
    )


def plans_in_measure(*, user: Any, measure: str) -> QuerySet[CareAndSupportPlan]:
    """The plans behind a figure on the reports page (drill-down)."""
    rows = _live_plans(user)
    if measure == "shared":
        rows = rows.filter(_shared())
    elif measure == "not_shared":
        rows = rows.exclude(_shared())
    elif measure == "family_contribution":
        rows = rows.exclude(family_contribution="")
    elif measure == "no_family_contribution":
        rows = rows.filter(family_contribution="")
    return rows.select_related("child", "involvement__team").order_by("created_at", "pk")


AGREEMENT_MEASURES = ("open", "reviewed", "awaiting", "all")


def agreements_in_measure(
    *, user: Any, measure: str, team_id: uuid.UUID | None = None
) -> QuerySet[WrittenAgreement]:
    """The written agreements behind a figure on the reports page (drill-down): open ones,
    those a head of service has reviewed, those still awaiting review, or all, for the
    children the user may see."""
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return WrittenAgreement.objects.none()
    reviewed = Exists(WrittenAgreementReview.objects.filter(agreement=OuterRef("pk")))
    rows = WrittenAgreement.objects.filter(
        authority=acting.authority, child__in=persons_visible_to(user)
    )
    if measure == "open":
        rows = rows.filter(ended_on__isnull=True)
    elif measure == "reviewed":
        rows = rows.filter(reviewed)
    elif measure == "awaiting":
        rows = rows.filter(ended_on__isnull=True).exclude(reviewed)
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    return (
        rows.annotate(is_reviewed=reviewed)
        .select_related("child", "team", "plan")
        .order_by("made_on", "pk")
    )

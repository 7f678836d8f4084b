"""Reads of care and support plans, for a child already fetched with `person_get_for_user`."""

import uuid

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from gofal.assessments.models import Assessment, AssessmentOutcome, AssessmentStatus
from gofal.people.models import Person
from gofal.planning.models import CareAndSupportPlan, PlanAction, PlanOutcome, PlanStatus


def plans_for_child(*, child: Person) -> QuerySet[CareAndSupportPlan]:
    return CareAndSupportPlan.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("assessment", "created_by")


def plan_get(*, child: Person, plan_id: uuid.UUID | str) -> CareAndSupportPlan:
    """One of the child's plans with its outcomes, actions, sharings and versions, or Http404."""
    rows = plans_for_child(child=child).prefetch_related(
        Prefetch(
            "outcomes",
            queryset=PlanOutcome.objects.order_by("order").prefetch_related(
                Prefetch("actions", queryset=PlanAction.objects.order_by("due_on"))
            ),
        ),
        "sharings__recorded_by",
        "versions__authorised_by",
    )
    try:
        return rows.get(pk=plan_id)
    except (CareAndSupportPlan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


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

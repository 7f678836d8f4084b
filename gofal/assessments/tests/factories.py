"""Factories for assessments."""

import datetime as dt

import factory
from django.utils import timezone

from gofal.assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentOutcome,
    AssessmentStatus,
    AssessmentStatusChange,
    EligibilityDomain,
    HistoryWeight,
)
from gofal.authorities.tests.factories import UserFactory
from gofal.casework.tests.factories import InvolvementFactory

COMPLETE = {
    "language": "en",
    "active_offer_made": True,
    "personal_circumstances": "Lives with mum and two brothers in Tredegar.",
    "personal_outcomes": "To feel safe at home and go to school every day.",
    "barriers": "Mum's low mood; no family nearby.",
    "risks": "Missing school; being left alone in the evenings.",
    "strengths": "Close to her nan; loves football.",
    "child_seen": True,
    "child_seen_alone": True,
    "views_gathered_how": "Talking at school with her teacher there.",
    "child_views": "I want mam to be happy. I like football.",
    "parents_views": "Mum wants help in the evenings.",
    "history_summary": "One earlier contact in 2022 about school attendance.",
    "history_weight": HistoryWeight.SOME,
    "history_weight_reason": "A pattern, but a long time ago.",
    "analysis": "The need is real and will not be met without support.",
    "need_arises_from_circumstances": True,
    "eligibility_domains": [EligibilityDomain.FAMILY_RELATIONSHIPS],
    "family_cannot_meet_need": True,
    "outcomes_unlikely_without_council": True,
    "outcome": AssessmentOutcome.CARE_AND_SUPPORT_PLAN,
}


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A draft assessment in an open involvement (no clock: services attach one)."""

    class Meta:
        model = Assessment

    involvement = factory.SubFactory(InvolvementFactory)
    authority = factory.LazyAttribute(lambda o: o.involvement.authority)
    child = factory.LazyAttribute(lambda o: o.involvement.child)
    kind = AssessmentKind.FULL
    started_on = dt.date(2025, 1, 8)
    worker = factory.SubFactory(UserFactory)
    status = AssessmentStatus.DRAFT

    class Params:
        complete = factory.Trait(**COMPLETE)


class AssessmentStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentStatusChange

    assessment = factory.SubFactory(AssessmentFactory)
    authority = factory.LazyAttribute(lambda o: o.assessment.authority)
    child = factory.LazyAttribute(lambda o: o.assessment.child)
    status = AssessmentStatus.DRAFT
    changed_by = factory.LazyAttribute(lambda o: o.assessment.worker)
    changed_at = factory.LazyFunction(timezone.now)

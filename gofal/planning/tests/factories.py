"""Factories for care and support plans."""

import datetime as dt

import factory
from django.utils import timezone

from gofal.assessments.models import AssessmentStatus
from gofal.assessments.tests.factories import AssessmentFactory
from gofal.planning.models import CareAndSupportPlan, PlanAction, PlanOutcome


class AuthorisedAssessmentFactory(AssessmentFactory):
    complete = True
    status = AssessmentStatus.AUTHORISED
    authorised_at = factory.LazyFunction(timezone.now)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareAndSupportPlan

    assessment = factory.SubFactory(AuthorisedAssessmentFactory)
    authority = factory.LazyAttribute(lambda o: o.assessment.authority)
    child = factory.LazyAttribute(lambda o: o.assessment.child)
    involvement = factory.LazyAttribute(lambda o: o.assessment.involvement)
    language = "en"
    created_by = factory.LazyAttribute(lambda o: o.assessment.worker)


class PlanOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanOutcome

    plan = factory.SubFactory(PlanFactory)
    authority = factory.LazyAttribute(lambda o: o.plan.authority)
    text = "Cerys goes to school every day"


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    outcome = factory.SubFactory(PlanOutcomeFactory)
    plan = factory.LazyAttribute(lambda o: o.outcome.plan)
    authority = factory.LazyAttribute(lambda o: o.plan.authority)
    what = "Walk to school together"
    who = "Nan"
    due_on = dt.date(2025, 3, 1)
    why = "Getting there is the hard part"
    if_not_done = "Cerys misses school and falls behind"

"""Factories for risk assessments."""

import datetime as dt
import uuid

import factory

from gofal.authorities.tests.factories import UserFactory
from gofal.casework.tests.factories import InvolvementFactory
from gofal.risk.models import (
    Capacity,
    Harm,
    HarmKind,
    Likelihood,
    RiskAction,
    RiskAssessment,
    RiskContext,
    RiskLevel,
    RiskStatus,
    Severity,
)

HARM = {
    "kind": HarmKind.CSE,
    "described_as": "",
    "evidence": "Seen twice getting into cars with older men near the bus station.",
    "history": "Missing overnight three times since September.",
    "current_picture": "Has a new phone and will not say who gave it to her.",
    "likelihood": Likelihood.LIKELY,
    "severity": Severity.SERIOUS,
    "protective_factors": "Close to her nan; goes to school most days.",
    "capacity_to_change": Capacity.SOME,
    "capacity_detail": "Mam accepts the worry but struggles with evenings.",
}


class RiskAssessmentFactory(factory.django.DjangoModelFactory):
    """A draft risk assessment in an open involvement."""

    class Meta:
        model = RiskAssessment

    involvement = factory.SubFactory(InvolvementFactory)
    authority = factory.LazyAttribute(lambda o: o.involvement.authority)
    child = factory.LazyAttribute(lambda o: o.involvement.child)
    series_id = factory.LazyFunction(uuid.uuid4)
    context = RiskContext.EXPLOITATION
    started_on = dt.date(2025, 1, 8)
    worker = factory.SubFactory(UserFactory)
    status = RiskStatus.DRAFT

    class Params:
        judged = factory.Trait(
            overall_level=RiskLevel.HIGH,
            level_rationale="Likely and serious; some protection from her nan.",
            young_person_took_part=True,
            participation="Talked it through at school.",
            young_person_knows=True,
            review_on=dt.date(2099, 1, 1),
        )


class HarmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Harm

    risk_assessment = factory.SubFactory(RiskAssessmentFactory)
    authority = factory.LazyAttribute(lambda o: o.risk_assessment.authority)
    kind = HARM["kind"]
    evidence = HARM["evidence"]
    likelihood = HARM["likelihood"]
    severity = HARM["severity"]
    capacity_to_change = HARM["capacity_to_change"]


class RiskActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskAction

    risk_assessment = factory.SubFactory(RiskAssessmentFactory)
    authority = factory.LazyAttribute(lambda o: o.risk_assessment.authority)
    what = "Refer to the police child exploitation team"
    owner = "Gwent Police"
    due_on = dt.date(2025, 2, 1)

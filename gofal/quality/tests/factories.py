"""Factories for quality records."""

import datetime as dt

import factory

from gofal.authorities.tests.factories import UserFactory
from gofal.people.tests.factories import ChildFactory
from gofal.quality.models import OversightEntry, OversightKind


class OversightEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OversightEntry

    child = factory.SubFactory(ChildFactory)
    authority = factory.LazyAttribute(lambda o: o.child.authority)
    kind = OversightKind.CASE_DIRECTION
    decided_on = dt.date(2025, 2, 3)
    decision = "Visit weekly until the review."
    rationale = "Mum's mood is low and the evenings are hard."
    recorded_by = factory.SubFactory(UserFactory)

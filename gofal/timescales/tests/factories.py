"""Factories for timescales tests: children and deadlines."""

from datetime import date

import factory

from gofal.authorities.tests.factories import AuthorityFactory
from gofal.people.models import Person
from gofal.timescales.calendar import local_midnight
from gofal.timescales.models import Deadline, Rule, RuleVersion


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    authority = factory.SubFactory(AuthorityFactory)
    given_name = factory.Sequence(lambda n: f"Child{n}")
    family_name = "Evans"
    date_of_birth = date(2015, 6, 1)


class DeadlineFactory(factory.django.DjangoModelFactory):
    """A running assessment clock (rows as the services would leave them; prefer the services)."""

    class Meta:
        model = Deadline

    child = factory.SubFactory(ChildFactory)
    authority = factory.LazyAttribute(lambda d: d.child.authority)
    rule = factory.LazyFunction(lambda: Rule.objects.get(code="assessment"))
    rule_version = factory.LazyAttribute(
        lambda d: RuleVersion.objects.get(
            rule=d.rule, jurisdiction=d.authority.jurisdiction, effective_to__isnull=True
        )
    )
    started_on = date(2025, 1, 6)
    started_at = factory.LazyAttribute(lambda d: local_midnight(d.started_on))
    due_on = date(2025, 3, 5)

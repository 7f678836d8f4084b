"""The demo council's front door: contacts with decisions, feedback sent and missed, a few
contacts awaiting a decision with their clocks, and a directory with funding that has ended."""

import pytest
from django.db.models import Count

from gofal.authorities.tenancy import system_access
from gofal.demo.build import generate
from gofal.early_help.models import Service
from gofal.front_door.models import (
    PROFESSIONAL_SOURCES,
    Contact,
    ContactPerson,
    Feedback,
    ThresholdDecision,
)


@pytest.mark.django_db
def test_tiny_council_has_a_front_door_history():
    with system_access():
        generate(seed=7, size="tiny")
        contacts = Contact.objects.count()
        assert contacts >= 50
        decided = ThresholdDecision.objects.count()
        assert contacts - 10 <= decided < contacts
        outcomes = dict(ThresholdDecision.objects.values_list("outcome").annotate(n=Count("id")))
        assert {"advice", "assessment", "no_further_action"} <= set(outcomes)
        awaiting = ContactPerson.objects.filter(
            contact__decision__isnull=True, role="child", decision_deadline__isnull=False
        )
        assert awaiting.exists()
        repeat = (
            ContactPerson.objects.filter(role="child")
            .values("person")
            .annotate(n=Count("contact"))
            .filter(n__gte=3)
        )
        assert repeat.exists()
        professional = Contact.objects.filter(source__in=PROFESSIONAL_SOURCES)
        sent = Feedback.objects.count()
        assert 0 < sent < 2 * professional.count()  # some feedback missed
        assert Service.objects.filter(funding_ends_on__isnull=False).exists()

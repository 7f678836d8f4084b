import uuid

import pytest
from django.urls import reverse

from gofal.audit.models import Action, AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.people.tests.factories import (
    AddressFactory,
    ChildFactory,
    PersonNameFactory,
    WarningFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def worker(team):
    return staff(Role.SOCIAL_WORKER, team=team)


@pytest.fixture
def signed_in(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture
def child(team):
    return ChildFactory(authority=team.authority, given_name="Cerys", family_name="Jones")


def detail(person):
    return reverse("people:person_detail", args=[person.pk])


class TestSearchPage:
    def test_finds_misspelt_name_and_audits_each_hit(self, signed_in, child, worker):
        response = signed_in.get(reverse("people:person_search"), {"q": "Ceris Jones"})
        assert response.status_code == 200
        assert detail(child).encode() in response.content
        assert AuditEvent.objects.filter(
            action=Action.SEARCH, person_id=child.pk, actor_id=worker.pk
        ).exists()

    def test_empty_search_gets_error(self, signed_in):
        response = signed_in.get(reverse("people:person_search"), {"q": ""})
        assert b"govuk-error-summary" in response.content

    def test_restricted_record_offers_break_glass_on_exact_identifier(self, signed_in, team):
        hidden = ChildFactory(authority=team.authority, restricted=True)
        response = signed_in.get(reverse("people:person_search"), {"q": hidden.nhs_number})
        assert reverse("people:break_glass").encode() in response.content
        assert detail(hidden).encode() not in response.content


class TestDetailPage:
    def test_shows_record_and_audits_view(self, signed_in, child, worker):
        WarningFactory(person=child, description="Large dog; visit in pairs")
        AddressFactory(person=child, line_1="3 Stryd Fawr")
        PersonNameFactory(person=child, family_name="Pritchard")
        response = signed_in.get(detail(child))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Large dog; visit in pairs" in content
        assert "govuk-warning-text" in content
        assert "3 Stryd Fawr" in content
        assert "Pritchard" in content
        assert "moj-identity-bar" in content
        assert "moj-sub-navigation" in content
        assert AuditEvent.objects.filter(
            action=Action.VIEW, person_id=child.pk, actor_id=worker.pk
        ).exists()

    def test_other_council_is_404(self, signed_in):
        other = ChildFactory(authority=AuthorityFactory())
        assert signed_in.get(detail(other)).status_code == 404
        assert (
            signed_in.get(reverse("people:person_detail", args=[uuid.uuid4()])).status_code == 404
        )

    def test_restricted_is_404_like_missing_until_granted(self, signed_in, team, worker):
        hidden = ChildFactory(authority=team.authority, restricted=True)
        assert signed_in.get(detail(hidden)).status_code == 404
        from django.utils import timezone

        from gofal.people.services import person_access_grant

        person_access_grant(
            person=hidden, user=worker, granted_by=worker, reason="Allocated", as_of=timezone.now()
        )
        assert signed_in.get(detail(hidden)).status_code == 200

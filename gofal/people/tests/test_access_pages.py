"""The privacy officer's pages to grant and revoke access to a restricted record."""

import pytest
from django.urls import reverse

from gofal.audit.models import Action, AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.people.models import PersonAccess
from gofal.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def officer(team):
    return staff(Role.PRIVACY_OFFICER, team=team)


@pytest.fixture
def worker(team):
    return staff(Role.SOCIAL_WORKER, team=team, first_name="Dewi", last_name="Howells")


@pytest.fixture
def hidden(team):
    return ChildFactory(authority=team.authority, restricted=True)


def access(person):
    return reverse("people:person_access", args=[person.pk])


def grant(client, person, user, reason="Allocated worker", **extra):
    return client.post(access(person), {"user": str(user.pk), "reason": reason, **extra})


class TestGrant:
    def test_officer_gives_access_and_the_worker_can_then_open_the_record(
        self, client, officer, worker, hidden
    ):
        client.force_login(worker)
        assert client.get(reverse("people:person_detail", args=[hidden.pk])).status_code == 404
        client.force_login(officer)
        response = grant(client, hidden, worker)
        assert response.status_code == 302
        (row,) = PersonAccess.objects.filter(person=hidden, user=worker)
        assert row.reason == "Allocated worker"
        assert row.granted_by == officer
        assert row.ends_at is None
        assert AuditEvent.objects.filter(
            action=Action.CREATE, object_id=str(row.pk), actor_id=officer.pk
        ).exists()
        client.force_login(worker)
        assert client.get(reverse("people:person_detail", args=[hidden.pk])).status_code == 200

    def test_sent_twice_records_one_grant(self, client, officer, worker, hidden):
        client.force_login(officer)
        grant(client, hidden, worker, until_day="1", until_month="1", until_year="2099")
        grant(client, hidden, worker, until_day="1", until_month="1", until_year="2099")
        assert PersonAccess.objects.filter(person=hidden, user=worker).count() == 1

    def test_without_a_reason_or_person_it_says_what_is_missing_and_keeps_the_rest(
        self, client, officer, worker, hidden
    ):
        client.force_login(officer)
        response = client.post(access(hidden), {"user": str(worker.pk), "reason": "  "})
        content = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in content
        assert "Enter the reason for access" in content
        assert f'value="{worker.pk}" selected' in content
        response = client.post(access(hidden), {"reason": "Covering leave"})
        content = response.content.decode()
        assert "Select the member of staff" in content
        assert "Covering leave" in content
        assert not PersonAccess.objects.filter(person=hidden).exists()

    def test_staff_of_another_council_cannot_be_chosen(self, client, officer, hidden):
        stranger = staff(Role.SOCIAL_WORKER, team=TeamFactory(authority=AuthorityFactory()))
        client.force_login(officer)
        response = grant(client, hidden, stranger)
        assert response.status_code == 200
        assert not PersonAccess.objects.filter(person=hidden).exists()

    def test_another_councils_child_answers_404(self, client, officer):
        elsewhere = ChildFactory(authority=AuthorityFactory(), restricted=True)
        client.force_login(officer)
        assert client.get(access(elsewhere)).status_code == 404


class TestRevoke:
    def test_officer_revokes_with_a_reason_and_the_record_is_hidden_again(
        self, client, officer, worker, hidden
    ):
        client.force_login(officer)
        grant(client, hidden, worker)
        revoke = reverse("people:person_access_revoke", args=[hidden.pk, worker.pk])
        response = client.post(revoke, {"reason": ""})
        assert "Enter why access is being revoked" in response.content.decode()
        response = client.post(revoke, {"reason": "Case transferred"})
        assert response.status_code == 302
        row = PersonAccess.objects.get(person=hidden, user=worker)
        assert row.ends_at is not None
        update = AuditEvent.objects.get(action=Action.UPDATE, object_id=str(row.pk))
        assert update.detail["changes"]["reason"] == [None, "Case transferred"]
        page = client.get(access(hidden)).content.decode()
        assert "Access that has ended" in page
        client.force_login(worker)
        assert client.get(reverse("people:person_detail", args=[hidden.pk])).status_code == 404

    def test_nothing_to_revoke_answers_404(self, client, officer, worker, hidden):
        client.force_login(officer)
        revoke = reverse("people:person_access_revoke", args=[hidden.pk, worker.pk])
        assert client.get(revoke).status_code == 404


def test_only_the_privacy_officer_may_manage_access(client, team, hidden, worker):
    manager = staff(Role.TEAM_MANAGER, team=team)
    for user in (worker, manager):
        client.force_login(user)
        assert client.get(access(hidden)).status_code == 403


def test_page_in_welsh(client, officer, hidden, settings):
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    content = client.get(access(hidden)).content.decode()
    assert "Mynediad i'r cofnod hwn" in content

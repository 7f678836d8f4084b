import pytest
from django.urls import reverse

from gofal.authorities.middleware import SESSION_KEY
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import (
    AuthorityFactory,
    MembershipFactory,
    TeamFactory,
    staff,
)

pytestmark = pytest.mark.django_db

SWITCH = reverse("authorities:switch")


@pytest.fixture
def councils():
    return AuthorityFactory(name_en="Alpha Council"), AuthorityFactory(name_en="Beta Council")


@pytest.fixture
def regional_worker(councils):
    alpha, beta = councils
    user = staff(Role.SOCIAL_WORKER, team=TeamFactory(authority=alpha))
    MembershipFactory(user=user, team=TeamFactory(authority=beta), authority=beta)
    return user


class TestCouncilSwitch:
    def test_lists_the_councils_the_user_belongs_to(self, client, regional_worker, councils):
        other = AuthorityFactory(name_en="Gamma Council")
        client.force_login(regional_worker)

        content = client.get(SWITCH).content.decode()

        assert "Alpha Council" in content
        assert "Beta Council" in content
        assert other.name_en not in content.split("<main")[1]

    def test_switching_changes_the_council_for_later_requests(
        self, client, regional_worker, councils
    ):
        _, beta = councils
        client.force_login(regional_worker)

        response = client.post(SWITCH, {"authority": str(beta.pk), "next": "/council/switch/"})

        assert response.status_code == 302
        assert response["Location"] == "/council/switch/"
        assert client.session[SESSION_KEY] == str(beta.pk)
        page = client.get(SWITCH)
        assert page.wsgi_request.acting.authority == beta

    def test_a_council_the_user_does_not_belong_to_is_refused(self, client, regional_worker):
        stranger = AuthorityFactory(name_en="Gamma Council")
        client.force_login(regional_worker)

        response = client.post(SWITCH, {"authority": str(stranger.pk)})

        assert response.status_code == 200
        assert b"govuk-error-summary" in response.content
        assert SESSION_KEY not in client.session
        assert client.get(SWITCH).wsgi_request.acting.authority.name_en == "Alpha Council"

    def test_nothing_chosen_is_an_error(self, client, regional_worker):
        client.force_login(regional_worker)
        response = client.post(SWITCH, {})
        assert b"Select the council you are working for" in response.content

    def test_does_not_redirect_to_another_site(self, client, regional_worker, councils):
        _, beta = councils
        client.force_login(regional_worker)
        response = client.post(SWITCH, {"authority": str(beta.pk), "next": "https://evil.example/"})
        assert response["Location"] == "/"

    def test_session_council_ignored_once_the_membership_ends(
        self, client, regional_worker, councils
    ):
        _, beta = councils
        client.force_login(regional_worker)
        client.post(SWITCH, {"authority": str(beta.pk)})
        regional_worker.memberships.filter(authority=beta).update(ended_on="2020-06-01")

        assert client.get(SWITCH).wsgi_request.acting.authority.name_en == "Alpha Council"

    def test_anonymous_visitor_is_sent_to_sign_in(self, client):
        response = client.get(SWITCH)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("authorities:login"))


class TestSessionRenewal:
    """A session stays alive while used, but is written at most once a minute."""

    @staticmethod
    def writes(client, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return [q["sql"] for q in queries if 'UPDATE "django_session"' in q["sql"]]

    def test_written_at_most_once_a_minute_and_renewed_after(self, client, regional_worker):
        from django.contrib.sessions.models import Session

        from gofal.authorities.middleware import RENEWED_KEY

        client.force_login(regional_worker)
        url = reverse("ui:home")
        assert len(self.writes(client, url)) == 1  # never renewed yet
        assert self.writes(client, url) == []  # renewed a moment ago
        ends = Session.objects.get(session_key=client.session.session_key).expire_date

        session = client.session
        session[RENEWED_KEY] -= 61  # as if the last renewal was over a minute ago
        session.save()
        Session.objects.filter(session_key=session.session_key).update(expire_date=ends)
        assert len(self.writes(client, url)) == 1
        renewed = Session.objects.get(session_key=session.session_key).expire_date
        assert renewed > ends

    def test_an_htmx_request_always_renews(self, client, regional_worker):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(regional_worker)
        url = reverse("ui:home")
        client.get(url)
        assert self.writes(client, url) == []
        with CaptureQueriesContext(connection) as queries:
            client.get(url, headers={"HX-Request": "true"})
        assert [q for q in queries if 'UPDATE "django_session"' in q["sql"]]

    def test_no_session_is_made_for_someone_not_signed_in(self, client):
        from django.contrib.sessions.models import Session

        client.get(reverse("authorities:login"))
        assert not Session.objects.exists()

"""Autosaved drafts survive the end of a session; the warning before it ends."""

import pytest
from django.urls import reverse

from gofal.assessments.drafts import SESSION_KEY
from gofal.assessments.tests.factories import AssessmentFactory
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(involvement, worker):
    assessment = AssessmentFactory(involvement=involvement, worker=worker)
    url = reverse("assessments:section", args=[assessment.child_id, assessment.pk, "analysis"])
    return assessment, url


def _typed(client, url, worker):
    client.force_login(worker)
    page = client.get(url)
    assert "you will be signed out at" in page.content.decode()
    return {
        "version": page.context["form"]["version"].value(),
        "draft_owner": page.context["draft_owner"],
        "analysis": "Cerys is safer when nan is around in the evenings.",
        "then": "check",
    }


def test_a_draft_posted_after_the_session_ended_is_kept_and_put_back(client, section, worker):
    assessment, url = section
    data = _typed(client, url, worker)
    client.logout()  # the session ends while the worker is typing
    r = client.post(url, data)
    assert r.status_code == 302
    assert r.url.startswith(reverse("authorities:login"))
    assert "next=" in r.url
    assessment.refresh_from_db()
    assert assessment.analysis == ""  # not saved: nobody was signed in
    client.force_login(worker)  # signing in keeps the session's data
    page = client.get(url)
    body = page.content.decode()
    assert "What you typed before you were signed out has been put back" in body
    assert "Cerys is safer when nan is around in the evenings." in body
    # Put back once: the next visit shows the record as saved.
    assert "Cerys is safer" not in client.get(url).content.decode()
    r = client.post(url, {**data, "version": assessment.version})
    assessment.refresh_from_db()
    assert assessment.analysis == "Cerys is safer when nan is around in the evenings."


def test_a_draft_is_not_put_back_for_someone_else(client, section, worker, team):
    _assessment, url = section
    data = _typed(client, url, worker)
    client.logout()
    client.post(url, data)
    colleague = staff(Role.SOCIAL_WORKER, team=team)
    client.force_login(colleague)
    body = client.get(url).content.decode()
    assert "Cerys is safer" not in body


def test_a_post_without_a_valid_owner_is_not_kept(client, section, worker):
    _assessment, url = section
    data = _typed(client, url, worker)
    client.logout()
    client.post(url, {**data, "draft_owner": "forged"})
    assert not client.session.get(SESSION_KEY)


def test_when_the_time_is_up_the_screen_is_kept_and_the_worker_signed_out(client, section, worker):
    assessment, url = section
    data = _typed(client, url, worker)
    r = client.post(url, {**data, "draft_only": "1"})
    assert r.status_code == 204
    assessment.refresh_from_db()
    assert assessment.analysis == ""
    assert client.get(url).status_code == 302  # signed out
    client.force_login(worker)
    assert "Cerys is safer" in client.get(url).content.decode()


def test_an_autosave_after_the_session_ended_sends_htmx_to_sign_in(client, section, worker):
    _assessment, url = section
    data = _typed(client, url, worker)
    client.logout()
    r = client.post(url, data, headers={"HX-Request": "true"})
    assert r["HX-Redirect"].startswith(reverse("authorities:login"))
    assert client.session[SESSION_KEY][url]["data"]["analysis"] == [data["analysis"]]


def test_stay_signed_in(client, worker):
    url = reverse("assessments:keep_alive")
    assert client.post(url).status_code == 302  # signed out: to the sign-in page
    client.force_login(worker)
    assert client.post(url).status_code == 204
    assert client.get(url).status_code == 405

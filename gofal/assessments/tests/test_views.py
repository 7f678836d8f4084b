import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gofal.assessments.models import Assessment, AssessmentStatus
from gofal.assessments.tests.factories import COMPLETE, AssessmentFactory
from gofal.audit.models import AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.casework.tests.factories import InvolvementFactory, SignificantEventFactory
from gofal.people.presenters import badge_providers
from gofal.timescales.models import Deadline

pytestmark = pytest.mark.django_db


def _post_section(client, assessment, section, data, **extra):
    url = reverse("assessments:section", args=[assessment.child_id, assessment.pk, section])
    return client.post(url, {"version": assessment.version, **data}, **extra)


def _yes_no(value):
    return {True: "yes", False: "no"}.get(value, "")


def _section_data():
    data = {k: v for k, v in COMPLETE.items() if not isinstance(v, bool | list)}
    data.update({k: _yes_no(v) for k, v in COMPLETE.items() if isinstance(v, bool)})
    data["eligibility_domains"] = COMPLETE["eligibility_domains"]
    data["kind"] = "full"
    return data


def test_the_whole_journey(client, child, worker, manager, involvement):
    client.force_login(worker)
    r = client.get(reverse("assessments:start", args=[child.pk]))
    assert r.status_code == 200
    token = r.context["form"].initial["form_token"]
    today = timezone.localdate()
    start = {
        "form_token": token,
        "kind": "full",
        "started_on_day": today.day,
        "started_on_month": today.month,
        "started_on_year": today.year,
    }
    r = client.post(reverse("assessments:start", args=[child.pk]), start)
    assert r.status_code == 302, r.context["form"].errors
    assessment = Assessment.objects.get()
    assert r.status_code == 302
    assert r.url == reverse("assessments:section", args=[child.pk, assessment.pk, "about"])
    # The same form again (a double click) starts nothing new.
    client.post(reverse("assessments:start", args=[child.pk]), start)
    assert Assessment.objects.count() == 1

    data = _section_data()
    for section in ("about", "elements", "child", "family", "history", "analysis"):
        assessment.refresh_from_db()
        r = _post_section(client, assessment, section, {**data, "then": "continue"})
        assert r.status_code == 302, (section, r.context and r.context["form"].errors)
    assessment.refresh_from_db()
    r = _post_section(client, assessment, "eligibility", {**data, "then": "check"})
    assert r.url == reverse("assessments:detail", args=[child.pk, assessment.pk])
    r = client.get(r.url)
    assert r.context["gaps"] == []
    r = client.post(reverse("assessments:submit", args=[child.pk, assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED

    client.force_login(manager)
    r = client.post(
        reverse("assessments:return", args=[child.pk, assessment.pk]), {"return-comment": ""}
    )
    assert r.status_code == 200
    assert "Enter your comments for the worker" in r.content.decode()
    client.post(
        reverse("assessments:return", args=[child.pk, assessment.pk]),
        {"return-comment": "More on nan"},
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.RETURNED

    client.force_login(worker)
    r = client.get(reverse("assessments:detail", args=[child.pk, assessment.pk]))
    assert "More on nan" in r.content.decode()
    client.post(reverse("assessments:submit", args=[child.pk, assessment.pk]))
    client.force_login(manager)
    client.post(
        reverse("assessments:authorise", args=[child.pk, assessment.pk]),
        {"authorise-comment": ""},
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AUTHORISED
    assert Deadline.objects.get(pk=assessment.deadline_id).met_on == today
    r = client.get(reverse("casework:chronology", args=[child.pk]))
    assert "Full assessment authorised" in r.content.decode()


def test_start_without_an_involvement_says_what_to_do(client, child, worker):
    client.force_login(worker)
    r = client.get(reverse("assessments:start", args=[child.pk]))
    assert "Open an involvement before starting an assessment" in r.content.decode()


def test_bad_start_date_keeps_what_was_typed(client, child, worker, involvement):
    client.force_login(worker)
    r = client.post(
        reverse("assessments:start", args=[child.pk]),
        {
            "kind": "carer",
            "started_on_day": "31",
            "started_on_month": "2",
            "started_on_year": "2025",
        },
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "Enter a real date" in body
    assert 'value="carer" checked' in body


def test_cannot_submit_without_analysis_shows_what_is_missing(client, child, worker, involvement):
    assessment = AssessmentFactory(
        involvement=involvement, worker=worker, complete=True, analysis=""
    )
    client.force_login(worker)
    r = client.post(reverse("assessments:submit", args=[child.pk, assessment.pk]), follow=True)
    assert "an assessment cannot be submitted without one" in r.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_autosave_with_htmx_saves_and_returns_the_new_version(client, child, worker, involvement):
    assessment = AssessmentFactory(involvement=involvement, worker=worker)
    client.force_login(worker)
    r = _post_section(
        client, assessment, "analysis", {"analysis": "Typing..."}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200
    assert "Draft saved automatically" in r.content.decode()
    assert 'value="2"' in r.content.decode()
    assessment.refresh_from_db()
    assert assessment.analysis == "Typing..."


def test_a_conflicting_edit_shows_both_versions(client, child, worker, involvement):
    assessment = AssessmentFactory(involvement=involvement, worker=worker, analysis="Theirs")
    Assessment.objects.filter(pk=assessment.pk).update(version=5)
    client.force_login(worker)
    r = _post_section(client, assessment, "analysis", {"analysis": "Mine"})
    assert r.status_code == 409
    body = r.content.decode()
    assert "Theirs" in body
    assert "Mine" in body
    assessment.refresh_from_db()
    assert assessment.analysis == "Theirs"


def test_manager_cannot_decide_own_assessment(client, child, manager, involvement):
    assessment = AssessmentFactory(
        involvement=involvement, worker=manager, complete=True, status=AssessmentStatus.SUBMITTED
    )
    client.force_login(manager)
    r = client.post(reverse("assessments:authorise", args=[child.pk, assessment.pk]))
    assert r.status_code == 403


def test_social_worker_cannot_authorise(client, child, worker, involvement):
    other = staff(Role.SOCIAL_WORKER, team=involvement.team)
    assessment = AssessmentFactory(
        involvement=involvement, worker=other, complete=True, status=AssessmentStatus.SUBMITTED
    )
    client.force_login(worker)
    r = client.post(reverse("assessments:authorise", args=[child.pk, assessment.pk]))
    assert r.status_code == 403


def test_another_councils_assessment_is_not_found(client, worker):
    team = TeamFactory(authority=AuthorityFactory())
    assessment = AssessmentFactory(involvement=InvolvementFactory(team=team))
    client.force_login(worker)
    for name in ("detail", "submit"):
        url = reverse(f"assessments:{name}", args=[assessment.child_id, assessment.pk])
        assert client.get(url).status_code in (404, 405)
    url = reverse("assessments:section", args=[assessment.child_id, assessment.pk, "analysis"])
    assert client.get(url).status_code == 404


def test_reading_is_audited(client, child, worker, involvement):
    assessment = AssessmentFactory(involvement=involvement, worker=worker)
    client.force_login(worker)
    client.get(reverse("assessments:detail", args=[child.pk, assessment.pk]))
    assert AuditEvent.objects.filter(object_id=str(assessment.pk), action="view").exists()


def test_history_section_lists_the_chronology(client, child, worker, involvement):
    SignificantEventFactory(child=child, summary="Moved to nan's house")
    assessment = AssessmentFactory(involvement=involvement, worker=worker)
    client.force_login(worker)
    r = client.get(reverse("assessments:section", args=[child.pk, assessment.pk, "history"]))
    assert "Moved to nan" in r.content.decode()


def test_reassessment_prompt_after_a_significant_event(client, child, worker, involvement):
    AssessmentFactory(
        involvement=involvement,
        worker=worker,
        complete=True,
        status=AssessmentStatus.AUTHORISED,
        authorised_at=timezone.now() - dt.timedelta(days=30),
    )
    SignificantEventFactory(child=child, occurred_on=timezone.localdate(), summary="x")
    client.force_login(worker)
    r = client.get(reverse("assessments:list", args=[child.pk]))
    assert "Consider whether to reassess" in r.content.decode()


# PostgreSQL adds the per-transaction council setting and the audit chain's advisory lock;
# each identity-bar badge provider adds its one query.
LIST_QUERIES = (10 if connection.vendor == "sqlite" else 18) + len(badge_providers())
DETAIL_QUERIES = LIST_QUERIES + 1  # the record of who it was shared with


def test_list_query_count_is_fixed(client, child, worker, involvement, django_assert_num_queries):
    client.force_login(worker)
    url = reverse("assessments:list", args=[child.pk])
    client.get(url)
    AssessmentFactory.create_batch(2, involvement=involvement, worker=worker)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200
    AssessmentFactory.create_batch(5, involvement=involvement, worker=worker)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200


def test_detail_query_count_is_fixed(client, child, worker, involvement, django_assert_num_queries):
    assessment = AssessmentFactory(involvement=involvement, worker=worker, complete=True)
    client.force_login(worker)
    url = reverse("assessments:detail", args=[child.pk, assessment.pk])
    client.get(url)
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(url).status_code == 200
    from gofal.assessments.models import AssessmentSharing

    for name in ("Mam", "Ysgol"):
        AssessmentSharing.objects.create(
            authority=assessment.authority,
            assessment=assessment,
            child=child,
            shared_on=assessment.started_on,
            shared_with="family",
            name=name,
            method="post",
            language="en",
            recorded_by=worker,
        )
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(url).status_code == 200

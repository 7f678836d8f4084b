import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gofal.assessments.models import VulnerabilityFlag
from gofal.audit.models import AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.casework.tests.factories import InvolvementFactory
from gofal.people.presenters import badge_providers
from gofal.risk.models import Harm, RiskAssessment, RiskSharing, RiskStatus
from gofal.risk.tests.factories import (
    HARM,
    HarmFactory,
    RiskActionFactory,
    RiskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _harm_post(**kwargs):
    data = {k: v for k, v in HARM.items()}
    data.update(kwargs)
    return data


def test_a_worker_records_a_whole_risk_assessment_and_raises_the_flag(client, child, worker):
    client.force_login(worker)
    today = timezone.localdate()
    start = reverse("risk:start", args=[child.pk])
    assert client.get(start).status_code == 200
    r = client.post(start, {"context": "exploitation", **_date("started_on", today)})
    risk = RiskAssessment.objects.get(child=child)
    assert r["Location"] == reverse("risk:harm_new", args=[child.pk, risk.pk])

    # A harm without evidence: the error is shown and what was typed is kept.
    harm_url = reverse("risk:harm_new", args=[child.pk, risk.pk])
    r = client.post(harm_url, _harm_post(evidence="", history="Went missing in October"))
    body = r.content.decode()
    assert "Enter the evidence for this harm" in body
    assert "Went missing in October" in body
    assert "govuk-error-summary" in body
    assert client.post(harm_url, _harm_post()).status_code == 302

    # An action without an owner or a date is refused.
    action_url = reverse("risk:action_new", args=[child.pk, risk.pk])
    r = client.post(action_url, {"what": "Safety plan with mam", "status": "not_started"})
    body = r.content.decode()
    assert "Enter who will do it: a person or an agency" in body
    assert "Enter the date it will be done by" in body
    assert "Safety plan with mam" in body
    r = client.post(
        action_url,
        {
            "what": "Safety plan with mam",
            "owner": "Siân Morgan, social worker",
            "status": "not_started",
            **_date("due_on", today + dt.timedelta(days=14)),
        },
    )
    assert r.status_code == 302

    # Completing before the overall level is recorded says what is missing.
    complete = reverse("risk:complete", args=[child.pk, risk.pk])
    client.post(complete, {"version": 99})
    risk.refresh_from_db()
    assert risk.status == RiskStatus.DRAFT
    detail = reverse("risk:detail", args=[child.pk, risk.pk])
    assert "Explain why you chose the overall level" in client.get(detail).content.decode()

    judgement = reverse("risk:judgement", args=[child.pk, risk.pk])
    r = client.post(
        judgement,
        {
            "version": risk.version,
            "overall_level": "high",
            "level_rationale": "Likely and serious.",
            "young_person_took_part": "yes",
            "participation": "We talked at school.",
            "young_person_knows": "yes",
            **_date("review_on", today + dt.timedelta(days=90)),
        },
    )
    assert r.status_code == 302
    risk.refresh_from_db()
    r = client.post(complete, {"version": risk.version})
    risk.refresh_from_db()
    assert risk.status == RiskStatus.COMPLETED

    sharing = reverse("risk:sharing_new", args=[child.pk, risk.pk])
    r = client.post(
        sharing, {"agency": "Gwent Police", "method": "meeting", **_date("shared_on", today)}
    )
    assert r.status_code == 302
    assert RiskSharing.objects.filter(risk_assessment=risk).count() == 1

    harm = Harm.objects.get(risk_assessment=risk)
    r = client.post(reverse("risk:harm_flag", args=[child.pk, risk.pk, harm.pk]))
    assert r.status_code == 302
    assert VulnerabilityFlag.objects.filter(child=child, kind="cse").count() == 1
    body = client.get(detail).content.decode()
    assert "Flag on the identity bar" in body
    assert "Child sexual exploitation" in body
    assert ">High risk</strong>" in body
    assert AuditEvent.objects.filter(object_id=str(risk.pk), action="view").exists()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert ">Risg uchel</strong>" in client.get(detail).content.decode()


def test_a_completed_version_has_no_edit_pages(client, child, worker, involvement):
    risk = RiskAssessmentFactory(
        involvement=involvement,
        worker=worker,
        judged=True,
        status="completed",
        completed_at=timezone.now(),
    )
    harm = HarmFactory(risk_assessment=risk)
    client.force_login(worker)
    detail = reverse("risk:detail", args=[child.pk, risk.pk])
    for url in (
        reverse("risk:judgement", args=[child.pk, risk.pk]),
        reverse("risk:harm_new", args=[child.pk, risk.pk]),
        reverse("risk:harm_edit", args=[child.pk, risk.pk, harm.pk]),
    ):
        r = client.post(url, _harm_post(kind="missing"))
        assert r.status_code == 302
        assert r["Location"] == detail
    assert list(Harm.objects.values_list("kind", flat=True)) == ["cse"]
    body = client.get(detail).content.decode()
    assert "Review this risk assessment" in body
    r = client.post(reverse("risk:review", args=[child.pk, risk.pk]))
    draft = RiskAssessment.objects.get(previous=risk)
    assert r["Location"] == reverse("risk:detail", args=[child.pk, draft.pk])


def test_a_conflicting_edit_shows_both_versions(client, child, worker, involvement):
    risk = RiskAssessmentFactory(involvement=involvement, worker=worker)
    stale = risk.version
    RiskAssessment.objects.filter(pk=risk.pk).update(
        version=stale + 1, level_rationale="Their words, saved first"
    )
    client.force_login(worker)
    r = client.post(
        reverse("risk:judgement", args=[child.pk, risk.pk]),
        {"version": stale, "overall_level": "low", "level_rationale": "My words, not saved yet"},
    )
    assert r.status_code == 409
    body = r.content.decode()
    assert "Their words, saved first" in body
    assert "My words, not saved yet" in body


def test_an_action_on_a_completed_version_only_changes_progress(client, child, worker, involvement):
    risk = RiskAssessmentFactory(
        involvement=involvement,
        worker=worker,
        judged=True,
        status="completed",
        completed_at=timezone.now(),
    )
    action = RiskActionFactory(risk_assessment=risk)
    client.force_login(worker)
    url = reverse("risk:action_edit", args=[child.pk, risk.pk, action.pk])
    r = client.post(
        url,
        {
            "version": action.version,
            "what": "Changed",
            "owner": "Someone",
            "status": "done",
            **_date("due_on", dt.date(2030, 1, 1)),
        },
    )
    assert r.status_code == 302
    action.refresh_from_db()
    assert (action.what, action.owner, action.status) == (
        "Refer to the police child exploitation team",
        "Gwent Police",
        "done",
    )


def test_another_councils_child_is_not_found(client, worker):
    other = InvolvementFactory(team=TeamFactory(authority=AuthorityFactory()))
    risk = RiskAssessmentFactory(involvement=other)
    client.force_login(worker)
    assert client.get(reverse("risk:list", args=[other.child.pk])).status_code == 404
    assert client.get(reverse("risk:detail", args=[other.child.pk, risk.pk])).status_code == 404


def test_another_childs_risk_assessment_is_not_found(client, child, worker, team):
    elsewhere = RiskAssessmentFactory(involvement=InvolvementFactory(team=team))
    client.force_login(worker)
    assert client.get(reverse("risk:detail", args=[child.pk, elsewhere.pk])).status_code == 404


def test_business_support_reads_but_does_not_write(client, child, team, involvement):
    support = staff(Role.BUSINESS_SUPPORT, team=team)
    risk = RiskAssessmentFactory(involvement=involvement)
    client.force_login(support)
    assert client.get(reverse("risk:list", args=[child.pk])).status_code == 200
    assert client.get(reverse("risk:detail", args=[child.pk, risk.pk])).status_code == 200
    assert client.post(reverse("risk:start", args=[child.pk]), {}).status_code == 403
    assert client.post(reverse("risk:complete", args=[child.pk, risk.pk])).status_code == 403


def test_the_assessment_of_need_links_to_a_new_risk_assessment(client, child, worker, involvement):
    from gofal.assessments.tests.factories import AssessmentFactory

    assessment = AssessmentFactory(involvement=involvement, worker=worker)
    client.force_login(worker)
    body = client.get(
        reverse("assessments:detail", args=[child.pk, assessment.pk])
    ).content.decode()
    start = reverse("risk:start", args=[child.pk]) + f"?assessment={assessment.pk}"
    assert start in body
    r = client.get(start)
    assert r.context["form"].initial["linked_id"] == str(assessment.pk)
    today = timezone.localdate()
    client.post(
        start,
        {
            "context": "assessment",
            "linked_type": "assessments.assessment",
            "linked_id": str(assessment.pk),
            **_date("started_on", today),
        },
    )
    risk = RiskAssessment.objects.get(child=child)
    body = client.get(reverse("risk:detail", args=[child.pk, risk.pk])).content.decode()
    assert reverse("assessments:detail", args=[child.pk, assessment.pk]) in body


def test_reviews_due_for_managers_and_for_the_worker(
    client, child, worker, manager, team, involvement
):
    today = timezone.localdate()
    overdue = RiskAssessmentFactory(
        involvement=involvement,
        worker=worker,
        judged=True,
        status="completed",
        completed_at=timezone.now(),
        review_on=today - dt.timedelta(days=3),
    )
    RiskAssessmentFactory(
        involvement=involvement,
        worker=worker,
        judged=True,
        status="completed",
        completed_at=timezone.now(),
        review_on=today + dt.timedelta(days=200),
    )
    client.force_login(manager)
    r = client.get(reverse("risk:reviews_due"))
    assert [risk.pk for risk in r.context["page_obj"]] == [overdue.pk]
    assert "Overdue" in r.content.decode()
    # A social worker sees their own: this one is about a child allocated to someone else.
    client.force_login(worker)
    assert list(client.get(reverse("risk:reviews_due")).context["page_obj"]) == [overdue]
    other = staff(Role.SOCIAL_WORKER, team=team)
    client.force_login(other)
    assert list(client.get(reverse("risk:reviews_due")).context["page_obj"]) == []
    support = staff(Role.BUSINESS_SUPPORT, team=team)
    client.force_login(support)
    assert client.get(reverse("risk:reviews_due")).status_code == 403


# PostgreSQL adds the per-transaction council setting and the audit chain's advisory lock;
# each identity-bar badge provider adds its one query.
LIST_QUERIES = (9 if connection.vendor == "sqlite" else 17) + len(badge_providers())
DETAIL_QUERIES = (14 if connection.vendor == "sqlite" else 22) + len(badge_providers())


def test_list_query_count_is_fixed(client, child, worker, involvement, django_assert_num_queries):
    client.force_login(worker)
    url = reverse("risk:list", args=[child.pk])
    client.get(url)
    RiskAssessmentFactory.create_batch(2, involvement=involvement, worker=worker)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200
    RiskAssessmentFactory.create_batch(5, involvement=involvement, worker=worker)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200


def test_detail_query_count_is_fixed(client, child, worker, involvement, django_assert_num_queries):
    risk = RiskAssessmentFactory(
        involvement=involvement,
        worker=worker,
        judged=True,
        status="completed",
        completed_at=timezone.now(),
    )
    HarmFactory(risk_assessment=risk)
    client.force_login(worker)
    url = reverse("risk:detail", args=[child.pk, risk.pk])
    client.get(url)
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(url).status_code == 200
    HarmFactory.create_batch(3, risk_assessment=risk, kind="missing")
    RiskActionFactory.create_batch(3, risk_assessment=risk)
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(url).status_code == 200


def test_a_harm_and_an_action_can_be_taken_out_of_a_draft_once(client, child, worker, involvement):
    risk = RiskAssessmentFactory(involvement=involvement, worker=worker)
    harm = HarmFactory(risk_assessment=risk)
    action = RiskActionFactory(risk_assessment=risk)
    client.force_login(worker)
    edit = client.get(reverse("risk:harm_edit", args=[child.pk, risk.pk, harm.pk]))
    assert "Remove this harm" in edit.content.decode()
    for _ in range(2):  # a second click finds nothing to remove and goes back
        r = client.post(reverse("risk:harm_remove", args=[child.pk, risk.pk, harm.pk]))
        assert r.status_code == 302
        r = client.post(reverse("risk:action_remove", args=[child.pk, risk.pk, action.pk]))
        assert r.status_code == 302
    assert not Harm.objects.filter(risk_assessment=risk).exists()
    assert not risk.actions.exists()
    assert AuditEvent.objects.filter(object_id=str(harm.pk), action="delete").exists()

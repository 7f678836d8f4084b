"""Ending a care and support plan: why, from when, what next; its review clock stops."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gofal.audit.models import AuditEvent
from gofal.planning import services
from gofal.planning.models import PlanStatus
from gofal.planning.tests.factories import AuthorisedAssessmentFactory, PlanActionFactory
from gofal.timescales.models import Deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(involvement, allocation, worker, manager):
    assessment = AuthorisedAssessmentFactory(involvement=involvement, worker=worker)
    action = PlanActionFactory(outcome__plan__assessment=assessment)
    services.plan_authorise(plan=action.plan, authorised_by=manager, now=timezone.now())
    return action.plan


def end(plan, manager, **kw):
    values = {
        "plan": plan,
        "expected_version": plan.version,
        "ended_on": timezone.localdate(),
        "reason": "stepped_down",
        "detail": "Families First will work with Mam from Monday.",
        "ended_by": manager,
        "now": timezone.now(),
        **kw,
    }
    return services.plan_end(**values)


def test_ending_a_plan_stops_its_review_clock_and_is_audited(plan, manager):
    clock = services.review_clock(plan)
    assert clock is not None
    end(plan, manager)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ENDED
    assert plan.end_reason == "stepped_down"
    assert plan.ended_by == manager
    assert services.review_clock(plan) is None
    clock.refresh_from_db()
    assert clock.cancelled_at is not None
    assert "plan ended" in clock.cancel_reason
    assert AuditEvent.objects.filter(object_id=str(plan.pk), action="update").exists()


def test_ending_twice_changes_nothing(plan, manager):
    end(plan, manager)
    plan.refresh_from_db()
    version = plan.version
    end(plan, manager, reason="other", detail="Again")
    plan.refresh_from_db()
    assert (plan.version, plan.end_reason) == (version, "stepped_down")
    assert Deadline.objects.filter(rule__code="care-support-plan-review").count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"detail": "   "}, "detail"),
        ({"ended_on": timezone.localdate() + dt.timedelta(days=1)}, "ended_on"),
        ({"ended_on": timezone.localdate() - dt.timedelta(days=400)}, "ended_on"),
    ],
)
def test_an_ending_without_its_details_is_refused(plan, manager, values, field):
    with pytest.raises(ValidationError) as error:
        end(plan, manager, **values)
    assert field in error.value.message_dict
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AUTHORISED
    assert services.review_clock(plan) is not None


def test_a_manager_ends_the_plan_from_its_page(client, plan, manager, child):
    client.force_login(manager)
    url = reverse("planning:end", args=[child.pk, plan.pk])
    detail = reverse("planning:detail", args=[child.pk, plan.pk])
    assert url.encode() in client.get(detail).content
    r = client.post(url, {"version": plan.version, "detail": "Moving to Powys"})
    assert r.status_code == 200
    body = r.content.decode()
    assert "Select why the plan is ending" in body
    assert "Moving to Powys" in body  # nothing typed is lost
    today = timezone.localdate()
    posted = {
        "version": plan.version,
        "reason": "moved_away",
        "detail": "Moving to Powys",
        "ended_on_day": today.day,
        "ended_on_month": today.month,
        "ended_on_year": today.year,
    }
    assert client.post(url, posted).status_code == 302
    assert client.post(url, posted).status_code == 302  # a second click: already ended
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ENDED
    body = client.get(detail).content.decode()
    assert "Moving to Powys" in body
    assert url not in body


def test_a_social_worker_cannot_end_a_plan(client, plan, worker, child):
    client.force_login(worker)
    r = client.get(reverse("planning:end", args=[child.pk, plan.pk]))
    assert r.status_code == 403


def test_closing_the_involvement_ends_its_live_plans(plan, manager, involvement):
    from gofal.casework import services as casework

    clock = services.review_clock(plan)
    casework.involvement_end(
        involvement=involvement,
        expected_version=involvement.version,
        ended_on=timezone.localdate(),
        end_reason="needs_met",
        end_detail="Mam and Cerys are doing well; the school will keep an eye.",
        ended_by=manager,
        as_of=timezone.localdate(),
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ENDED
    assert plan.end_reason == "case_closed"
    assert plan.end_detail.startswith("Mam and Cerys")
    clock.refresh_from_db()
    assert clock.cancelled_at is not None

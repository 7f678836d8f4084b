import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gofal.planning import services
from gofal.planning.models import PlanReview, PlanStatus
from gofal.planning.tests.factories import AuthorisedAssessmentFactory, PlanActionFactory
from gofal.timescales.models import Deadline

pytestmark = pytest.mark.django_db
AUTHORISED = dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC)


@pytest.fixture
def plan(involvement, allocation, worker, manager):
    assessment = AuthorisedAssessmentFactory(involvement=involvement, worker=worker)
    action = PlanActionFactory(outcome__plan__assessment=assessment)
    services.plan_authorise(plan=action.plan, authorised_by=manager, now=AUTHORISED)
    return action.plan


def all_progress(plan, value="progressing"):
    return {key: (value, "Going well") for key, _ in services.review_items(plan)}


def review(plan, worker, **kw):
    values = {
        "plan": plan,
        "held_on": dt.date(2025, 8, 1),
        "attended": "Mam, Cerys, Siân Morgan (social worker)",
        "views": "Cerys: I like walking with Nan",
        "progress": all_progress(plan),
        "plan_changed": False,
        "changes": "",
        "recorded_by": worker,
        "form_token": None,
        "as_of": dt.date(2025, 8, 4),
        **kw,
    }
    return services.plan_review_record(**values)


class TestReviewClock:
    def test_authorising_starts_a_six_month_clock_marked_unconfirmed(self, plan, worker):
        clock = services.review_clock(plan)
        assert clock.started_on == dt.date(2025, 3, 3)
        assert clock.due_on == dt.date(2025, 9, 3)
        assert clock.worker == worker
        assert clock.team_id == plan.involvement.team_id
        assert clock.rule_version.status == "unconfirmed"

    def test_a_second_authorisation_does_not_start_another_clock(self, plan, manager):
        services.plan_authorise(plan=plan, authorised_by=manager, now=AUTHORISED)
        assert Deadline.objects.filter(rule__code="care-support-plan-review").count() == 1

    def test_a_review_meets_the_clock_and_the_next_runs_from_it(self, plan, worker):
        first = services.review_clock(plan)
        review(plan, worker)
        first.refresh_from_db()
        assert first.met_on == dt.date(2025, 8, 1)
        assert first.met_on_time is True
        following = services.review_clock(plan)
        assert following.started_on == dt.date(2025, 8, 1)
        assert following.due_on == dt.date(2026, 2, 1)
        assert following.previous_id == first.pk

    def test_a_late_review_is_recorded_as_late(self, plan, worker):
        first = services.review_clock(plan)
        review(plan, worker, held_on=dt.date(2025, 10, 1), as_of=dt.date(2025, 10, 1))
        first.refresh_from_db()
        assert first.met_on_time is False


class TestReviewRecord:
    def test_progress_on_every_outcome_and_action(self, plan, worker):
        done = review(plan, worker)
        assert done.progress.count() == 2
        assert {p.outcome_id or p.action_id for p in done.progress.all()} == {
            plan.outcomes.get().pk,
            plan.actions.get().pk,
        }
        assert done.version_reviewed == 1
        assert plan.status == PlanStatus.AUTHORISED

    def test_refused_without_date_attendance_or_progress(self, plan, worker):
        with pytest.raises(ValidationError) as error:
            review(plan, worker, held_on=None, attended=" ", progress={})
        fields = set(error.value.message_dict)
        assert {"held_on", "attended"} <= fields
        assert {key for key, _ in services.review_items(plan)} <= fields
        assert not PlanReview.objects.exists()

    def test_a_date_in_the_future_or_before_authorisation_is_refused(self, plan, worker):
        for day in (dt.date(2025, 8, 5), dt.date(2025, 3, 2)):
            with pytest.raises(ValidationError) as error:
                review(plan, worker, held_on=day)
            assert "held_on" in error.value.message_dict

    def test_a_changed_plan_needs_the_changes_and_goes_back_for_authorisation(
        self, plan, worker, manager
    ):
        with pytest.raises(ValidationError) as error:
            review(plan, worker, plan_changed=True)
        assert "changes" in error.value.message_dict
        review(plan, worker, plan_changed=True, changes="Nan now takes Cerys on Mondays too")
        plan.refresh_from_db()
        assert plan.status == PlanStatus.DRAFT
        version = services.plan_authorise(plan=plan, authorised_by=manager, now=timezone.now())
        assert version.number == 2
        assert Deadline.objects.open().filter(rule__code="care-support-plan-review").count() == 1

    def test_a_draft_plan_cannot_be_reviewed(self, worker, involvement):
        plan = PlanActionFactory(
            outcome__plan__assessment=AuthorisedAssessmentFactory(involvement=involvement)
        ).plan
        with pytest.raises(ValidationError):
            review(plan, worker)

    def test_the_same_form_twice_records_one_review(self, plan, worker):
        token = uuid.uuid4()
        assert review(plan, worker, form_token=token) == review(plan, worker, form_token=token)
        assert PlanReview.objects.count() == 1


class TestReviewPages:
    def test_record_a_review_and_see_it_on_the_plan(self, client, plan, worker):
        client.force_login(worker)
        detail = reverse("planning:detail", args=[plan.child_id, plan.pk])
        body = client.get(detail).content.decode()
        assert "Due by 3 September 2025" in body
        assert "Timescale unconfirmed" in body
        url = reverse("planning:review_add", args=[plan.child_id, plan.pk])
        page = client.get(url)
        assert page.status_code == 200
        token = page.context["form"].initial["form_token"]
        keys = page.context["form"].item_keys
        r = client.post(url, {"form_token": token, "attended": "Mam and Cerys"})
        body = r.content.decode()
        assert "Enter the date of the review" in body
        assert "Select the progress made" in body
        assert "Mam and Cerys" in body
        today = timezone.localdate()
        data = {
            "form_token": token,
            "held_on_day": str(today.day),
            "held_on_month": str(today.month),
            "held_on_year": str(today.year),
            "attended": "Mam and Cerys",
            **{key: "achieved" for key in keys},
            f"{keys[0]}-note": "Cerys has been at school every day this term",
        }
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302
        assert PlanReview.objects.count() == 1
        body = client.get(detail).content.decode()
        assert "Cerys has been at school every day this term" in body
        assert "Achieved or done" in body

    def test_another_councils_plan_review_is_not_found(self, client, plan):
        from gofal.authorities.models import Role
        from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff

        outsider = staff(Role.SOCIAL_WORKER, team=TeamFactory(authority=AuthorityFactory()))
        client.force_login(outsider)
        url = reverse("planning:review_add", args=[plan.child_id, plan.pk])
        assert client.get(url).status_code == 404


def test_a_plan_typed_after_the_session_ended_is_put_back(client, plan, worker):
    url = reverse("planning:edit", args=[plan.child_id, plan.pk])
    client.force_login(worker)
    page = client.get(url)
    data = {
        "version": plan.version,
        "draft_owner": page.context["draft_owner"],
        "family_contribution": "Mam will get up with Cerys every school day",
        "language": "cy",
    }
    client.logout()
    assert client.post(url, data).status_code == 302
    client.force_login(worker)
    body = client.get(url).content.decode()
    assert "Mam will get up with Cerys every school day" in body
    assert "has been put back" in body


def test_the_review_page_query_count_is_fixed(client, plan, worker, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gofal.planning.tests.factories import PlanOutcomeFactory

    url = reverse("planning:review_add", args=[plan.child_id, plan.pk])
    client.force_login(worker)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    outcome = PlanOutcomeFactory(plan=plan)
    PlanActionFactory.create_batch(3, outcome=outcome)
    with django_assert_num_queries(len(first)):
        assert client.get(url).status_code == 200


def test_the_printed_plan_shows_its_reviews_in_the_familys_language(client, plan, worker):
    review(plan, worker)
    plan.language = "cy"
    plan.save(update_fields=["language"])
    client.force_login(worker)
    body = client.get(reverse("planning:print", args=[plan.child_id, plan.pk])).content.decode()
    assert "Adolygiadau" in body
    assert "Adolygwyd 1 Awst 2025" in body or "Adolygwyd" in body
    assert "Mam, Cerys, Siân Morgan (social worker)" in body
    assert "Yn gwneud cynnydd" in body

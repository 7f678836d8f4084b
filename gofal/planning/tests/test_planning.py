import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gofal.assessments.models import AssessmentStatus
from gofal.audit.models import AuditEvent
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory
from gofal.casework.tests.factories import InvolvementFactory
from gofal.people.presenters import badge_providers
from gofal.planning import services
from gofal.planning.models import CareAndSupportPlan, PlanStatus
from gofal.planning.tests.factories import (
    AuthorisedAssessmentFactory,
    PlanActionFactory,
    PlanFactory,
    PlanOutcomeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(involvement, worker):
    return AuthorisedAssessmentFactory(
        involvement=involvement,
        worker=worker,
        personal_outcomes="- To feel safe at home\n- To go to school every day\n\n",
    )


class TestPlanCreate:
    def test_built_from_the_assessments_outcomes(self, assessment, worker):
        plan = services.plan_create_from_assessment(
            assessment=assessment, created_by=worker, form_token=uuid.uuid4()
        )
        assert [o.text for o in plan.outcomes.all()] == [
            "To feel safe at home",
            "To go to school every day",
        ]
        assert "Family or other significant personal relationships" in plan.eligible_needs
        assert plan.language == "en"

    def test_in_welsh_for_a_welsh_speaking_family(self, assessment, worker):
        assessment.child.preferred_language = "cy"
        assessment.child.save()
        plan = services.plan_create_from_assessment(
            assessment=assessment, created_by=worker, form_token=None
        )
        assert plan.language == "cy"

    def test_refused_from_an_unauthorised_assessment(self, assessment, worker):
        assessment.status = AssessmentStatus.SUBMITTED
        with pytest.raises(ValidationError):
            services.plan_create_from_assessment(
                assessment=assessment, created_by=worker, form_token=None
            )

    def test_one_plan_per_assessment_and_per_form(self, assessment, worker):
        token = uuid.uuid4()
        first = services.plan_create_from_assessment(
            assessment=assessment, created_by=worker, form_token=token
        )
        again = services.plan_create_from_assessment(
            assessment=assessment, created_by=worker, form_token=token
        )
        assert first == again
        with pytest.raises(ValidationError):
            services.plan_create_from_assessment(
                assessment=assessment, created_by=worker, form_token=uuid.uuid4()
            )
        assert CareAndSupportPlan.objects.count() == 1


class TestActions:
    def test_refused_without_owner_or_date(self, worker):
        outcome = PlanOutcomeFactory()
        with pytest.raises(ValidationError) as error:
            services.plan_action_add(
                plan=outcome.plan,
                outcome_id=outcome.pk,
                what="Walk to school",
                who=" ",
                due_on=None,
                why="It matters",
                if_not_done="Misses school",
                added_by=worker,
            )
        assert set(error.value.error_dict) == {"who", "due_on"}

    def test_must_serve_an_outcome_of_this_plan(self, worker):
        plan = PlanFactory()
        other = PlanOutcomeFactory()
        with pytest.raises(ValidationError) as error:
            services.plan_action_add(
                plan=plan,
                outcome_id=other.pk,
                what="x",
                who="y",
                due_on=dt.date(2025, 3, 1),
                why="z",
                if_not_done="w",
                added_by=worker,
            )
        assert "outcome" in error.value.error_dict


class TestAuthorise:
    def test_refused_without_an_outcome(self, manager):
        plan = PlanFactory()
        with pytest.raises(ValidationError, match="at least one outcome"):
            services.plan_authorise(plan=plan, authorised_by=manager, now=timezone.now())

    def test_each_authorisation_keeps_a_version(self, manager):
        action = PlanActionFactory()
        plan = action.plan
        first = services.plan_authorise(plan=plan, authorised_by=manager, now=timezone.now())
        assert first.number == 1
        assert first.content["outcomes"][0]["actions"][0]["who"] == "Nan"
        plan.refresh_from_db()
        assert plan.status == PlanStatus.AUTHORISED
        second = services.plan_authorise(plan=plan, authorised_by=manager, now=timezone.now())
        assert second.number == 2


class TestSharing:
    def test_records_sharing_once(self, worker):
        plan = PlanFactory()
        token = uuid.uuid4()
        values = {
            "plan": plan,
            "shared_on": dt.date(2025, 3, 3),
            "shared_with": "Mum and Cerys",
            "method": "in_person",
            "language": "cy",
            "recorded_by": worker,
            "form_token": token,
            "as_of": dt.date(2025, 3, 3),
        }
        assert services.plan_share_record(**values) == services.plan_share_record(**values)
        assert plan.sharings.count() == 1


class TestPages:
    def test_build_add_action_share_authorise_print_in_welsh(
        self, client, assessment, worker, manager
    ):
        child = assessment.child
        client.force_login(worker)
        r = client.get(reverse("planning:list", args=[child.pk]))
        token = r.context["form_token"]
        r = client.post(
            reverse("planning:create", args=[child.pk, assessment.pk]), {"form_token": token}
        )
        plan = CareAndSupportPlan.objects.get()
        assert r.url == reverse("planning:detail", args=[child.pk, plan.pk])
        outcome = plan.outcomes.first()
        url = reverse("planning:action_add", args=[child.pk, plan.pk])
        r = client.post(url, {"outcome": str(outcome.pk), "what": "Walk to school"})
        body = r.content.decode()
        assert "Enter who will do it: a person or an agency" in body
        assert "Enter the date it will be done by" in body
        assert "Walk to school" in body
        r = client.post(
            url,
            {
                "outcome": str(outcome.pk),
                "what": "Walk to school together",
                "who": "Nan",
                "due_on_day": "1",
                "due_on_month": "3",
                "due_on_year": "2025",
                "why": "Getting there is the hard part",
                "if_not_done": "Cerys misses school",
            },
        )
        assert r.status_code == 302
        r = client.post(
            reverse("planning:edit", args=[child.pk, plan.pk]),
            {
                "version": plan.version,
                "family_contribution": "Mam will get up with Cerys",
                "family_agreement": "agrees",
                "family_words": "Mae hyn yn iawn i ni",
                "contingency": "Nan takes her if mam cannot",
                "language": "cy",
            },
        )
        assert r.status_code == 302
        client.force_login(manager)
        client.post(reverse("planning:authorise", args=[child.pk, plan.pk]))
        plan.refresh_from_db()
        assert plan.status == PlanStatus.AUTHORISED
        r = client.get(reverse("planning:print", args=[child.pk, plan.pk]))
        body = r.content.decode()
        assert 'lang="cy"' in body
        assert "Cynllun gofal a chymorth" in body
        assert "Mam will get up with Cerys" in body
        assert AuditEvent.objects.filter(object_id=str(plan.pk), action="print").exists()

    def test_a_conflicting_edit_shows_both_versions(self, client, worker, assessment):
        plan = PlanFactory(assessment=assessment, contingency="Theirs")
        client.force_login(worker)
        r = client.post(
            reverse("planning:edit", args=[plan.child_id, plan.pk]),
            {"version": plan.version + 3, "contingency": "Mine", "language": "en"},
        )
        assert r.status_code == 409
        body = r.content.decode()
        assert "Theirs" in body
        assert "Mine" in body

    def test_another_councils_plan_is_not_found(self, client, worker):
        team = TeamFactory(authority=AuthorityFactory())
        plan = PlanFactory(
            assessment=AuthorisedAssessmentFactory(involvement=InvolvementFactory(team=team))
        )
        client.force_login(worker)
        for name in ("detail", "print", "edit"):
            url = reverse(f"planning:{name}", args=[plan.child_id, plan.pk])
            assert client.get(url).status_code == 404, name

    def test_a_social_worker_cannot_authorise(self, client, worker, assessment):
        plan = PlanActionFactory(outcome__plan__assessment=assessment).plan
        client.force_login(worker)
        url = reverse("planning:authorise", args=[plan.child_id, plan.pk])
        assert client.post(url).status_code == 403

    def test_detail_query_count_is_fixed(
        self, client, worker, manager, assessment, django_assert_num_queries
    ):
        action = PlanActionFactory(outcome__plan__assessment=assessment)
        plan = action.plan
        services.plan_authorise(plan=plan, authorised_by=manager, now=timezone.now())

        def review():
            services.plan_review_record(
                plan=plan,
                held_on=timezone.localdate(),
                attended="Mam",
                views="",
                progress={key: ("progressing", "") for key, _ in services.review_items(plan)},
                plan_changed=False,
                changes="",
                recorded_by=worker,
                form_token=None,
                as_of=timezone.localdate(),
            )

        review()
        client.force_login(worker)
        url = reverse("planning:detail", args=[plan.child_id, plan.pk])
        client.get(url)
        expected = (18 if connection.vendor == "sqlite" else 26) + len(badge_providers())
        with django_assert_num_queries(expected):
            client.get(url)
        PlanActionFactory.create_batch(3, outcome=action.outcome)
        PlanActionFactory.create_batch(2, outcome=PlanOutcomeFactory(plan=plan))
        review()
        review()
        with django_assert_num_queries(expected):
            client.get(url)

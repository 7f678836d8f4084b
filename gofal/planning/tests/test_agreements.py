import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.casework.tests.factories import InvolvementFactory
from gofal.planning import services
from gofal.planning.models import WrittenAgreement
from gofal.planning.tests.factories import AuthorisedAssessmentFactory, PlanFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 3, 3)


@pytest.fixture
def plan(involvement, worker):
    return PlanFactory(
        assessment=AuthorisedAssessmentFactory(involvement=involvement, worker=worker)
    )


@pytest.fixture
def head(team):
    return staff(Role.HEAD_OF_SERVICE, team=team)


def _agree(plan, worker, **kwargs):
    values = {
        "made_on": TODAY,
        "agreed_with": "Mam",
        "expectations": "Cerys is at school by 9 each day.",
        "why_not_child_protection": "No concern of significant harm: attendance only.",
        "recorded_by": worker,
        "form_token": uuid.uuid4(),
        "as_of": TODAY,
    }
    values.update(kwargs)
    return services.agreement_record(plan=plan, **values)


class TestWrittenAgreements:
    def test_needs_the_reason_child_protection_is_not_needed(self, plan, worker):
        with pytest.raises(ValidationError) as error:
            _agree(plan, worker, why_not_child_protection=" ")
        assert "why_not_child_protection" in error.value.error_dict

    def test_recorded_against_the_involvements_team(self, plan, worker):
        agreement = _agree(plan, worker)
        assert agreement.team_id == plan.involvement.team_id

    def test_the_review_list_and_decision(self, client, plan, worker, head):
        agreement = _agree(plan, worker)
        client.force_login(head)
        r = client.get(reverse("planning:agreements"))
        assert r.status_code == 200
        assert list(r.context["agreements"]) == [agreement]
        assert r.context["by_team"][0]["active"] == 1
        url = reverse("planning:agreement_review", args=[agreement.pk])
        r = client.post(url, {"decision": "child_protection"})
        assert "Enter the reasons for your decision" in r.content.decode()
        r = client.post(url, {"decision": "child_protection", "note": "Strategy discussion now."})
        assert r.status_code == 302
        agreement.refresh_from_db()
        assert agreement.ended_on == timezone.localdate()
        r = client.get(reverse("planning:agreements"))
        assert list(r.context["agreements"]) == []
        assert r.context["by_team"][0]["reviewed"] == 1

    def test_a_continued_agreement_stays_active_but_leaves_the_list(self, plan, worker, head):
        agreement = _agree(plan, worker)
        services.agreement_review(
            agreement=agreement,
            decision="continue",
            note="Fine",
            reviewed_by=head,
            now=timezone.now(),
        )
        agreement.refresh_from_db()
        assert agreement.ended_on is None
        assert not WrittenAgreement.objects.filter(reviews__isnull=True).exists()

    def test_a_team_manager_cannot_open_the_review_list(self, client, manager):
        client.force_login(manager)
        assert client.get(reverse("planning:agreements")).status_code == 403

    def test_another_councils_agreement_is_not_found(self, client, head, worker):
        team = TeamFactory(authority=AuthorityFactory())
        other_plan = PlanFactory(
            assessment=AuthorisedAssessmentFactory(involvement=InvolvementFactory(team=team))
        )
        agreement = _agree(other_plan, worker)
        client.force_login(head)
        r = client.get(reverse("planning:agreement_review", args=[agreement.pk]))
        assert r.status_code == 404

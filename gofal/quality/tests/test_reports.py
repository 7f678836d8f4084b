import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gofal.assessments.models import VulnerabilityFlag
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.casework.tests.factories import InvolvementFactory
from gofal.planning.models import PlanSharing
from gofal.planning.tests.factories import AuthorisedAssessmentFactory, PlanFactory
from gofal.timescales.services import deadline_meet, deadline_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def manager(team):
    return staff(Role.TEAM_MANAGER, team=team)


def _plan(team, **kwargs):
    involvement = InvolvementFactory(team=team)
    return PlanFactory(assessment=AuthorisedAssessmentFactory(involvement=involvement), **kwargs)


def test_report_counts_and_drill_down(client, team, manager):
    shared = _plan(team, family_contribution="Mam will walk her to school")
    PlanSharing.objects.create(
        authority=shared.authority,
        plan=shared,
        shared_on=timezone.localdate(),
        shared_with="Mam",
        method="in_person",
        language="cy",
        recorded_by=manager,
    )
    _plan(team)
    _plan(TeamFactory(authority=AuthorityFactory()))  # another council: never counted
    child = shared.child
    VulnerabilityFlag.objects.create(
        authority=child.authority,
        child=child,
        kind="missing",
        started_on=timezone.localdate() - dt.timedelta(days=3),
        recorded_by=manager,
    )
    today = timezone.localdate()
    on_time = deadline_start(
        rule_code="assessment",
        authority=team.authority,
        child_id=child.pk,
        started_at=today - dt.timedelta(days=20),
        team=team,
    )
    deadline_meet(deadline=on_time, met_at=today)
    client.force_login(manager)
    r = client.get(reverse("quality:reports"))
    report = r.context["report"]
    assert report.plans == {"all": 2, "shared": 1, "family_contribution": 1}
    assert (report.assessments.numerator, report.assessments.denominator) == (1, 1)
    assert ("missing", "Missing", 1) in report.flags
    r = client.get(reverse("quality:report_plans") + "?measure=not_shared")
    assert [p.pk for p in r.context["page_obj"]] != [shared.pk]
    assert len(r.context["page_obj"]) == 1
    r = client.get(reverse("quality:report_flags") + "?kind=missing")
    assert child.full_name in r.content.decode()


def test_a_social_worker_cannot_see_the_reports(client, team):
    worker = staff(Role.SOCIAL_WORKER, team=team)
    client.force_login(worker)
    assert client.get(reverse("quality:reports")).status_code == 403


def test_unknown_measure_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(reverse("quality:report_plans") + "?measure=x").status_code == 404
    assert client.get(reverse("quality:report_flags") + "?kind=x").status_code == 404

"""The practice reports and their drill-downs answer in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.casework.tests.factories import InvolvementFactory
from gofal.planning.models import WrittenAgreement
from gofal.planning.tests.factories import AuthorisedAssessmentFactory, PlanFactory
from gofal.timescales.services import deadline_meet, deadline_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def manager(team):
    return staff(Role.TEAM_MANAGER, team=team)


def _more(team, manager, n):
    today = timezone.localdate()
    for _ in range(n):
        involvement = InvolvementFactory(team=team)
        clock = deadline_start(
            rule_code="assessment",
            authority=team.authority,
            child_id=involvement.child_id,
            started_at=today - dt.timedelta(days=30),
            team=team,
        )
        deadline_meet(deadline=clock, met_at=today)
        plan = PlanFactory(assessment=AuthorisedAssessmentFactory(involvement=involvement))
        WrittenAgreement.objects.create(
            authority=team.authority,
            plan=plan,
            child=plan.child,
            team=team,
            made_on=today,
            agreed_with="Mam",
            expectations="No visitors after 9pm",
            why_not_child_protection="Routines, not harm",
            recorded_by=manager,
        )


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("quality:reports", ""),
        ("quality:report_assessments", ""),
        ("quality:report_assessments", "?late=1"),
        ("quality:report_agreements", "?measure=open"),
        ("quality:report_plans", "?measure=all"),
    ],
)
def test_fixed_whatever_the_number_of_rows(
    client, team, manager, name, query, django_assert_num_queries
):
    _more(team, manager, 1)
    client.force_login(manager)
    url = reverse(name) + query
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    _more(team, manager, 4)
    with django_assert_num_queries(len(first)):
        assert client.get(url).status_code == 200

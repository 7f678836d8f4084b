"""The child's Timescales page: identity bar, tab, running and finished clocks, empty state."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from gofal.audit.models import Action, AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.casework.tests.factories import ChildFactory
from gofal.people.presenters import badge_providers
from gofal.timescales import services
from gofal.timescales.calendar import LONDON

NOW = dt.datetime(2025, 5, 29, 10, tzinfo=LONDON)


def page(child):
    return reverse("casework:child_deadlines", args=[child.pk])


def start(child, team, worker, code="assessment", on=dt.date(2025, 3, 25)):
    return services.deadline_start(
        rule_code=code,
        authority=child.authority,
        child_id=child.pk,
        started_at=on,
        worker=worker,
        team=team,
    )


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_child_with_no_deadlines_gets_an_honest_empty_state(client, child, worker):
    client.force_login(worker)
    response = client.get(page(child))
    assert response.status_code == 200
    body = response.content.decode()
    assert "No statutory deadlines for this child" in body
    assert "moj-identity-bar" in body  # the identity bar is there
    assert "Cerys" in body
    assert 'aria-current="page">Timescales</a>' in body  # its tab is marked current


def test_running_clocks_first_then_met(client, child, team, worker):
    overdue = start(child, team, worker)  # 42 working days from 25 March 2025: 28 May
    met = start(child, team, worker, code="referral-decision", on=dt.date(2025, 3, 24))
    services.deadline_meet(deadline=met, met_at=dt.date(2025, 3, 24))
    client.force_login(worker)
    response = client.get(page(child))
    running = response.context["deadlines"].running
    finished = response.context["deadlines"].finished
    assert [r.deadline for r in running] == [overdue]
    assert running[0].status.label == "Overdue"
    assert [r.deadline for r in finished] == [met]
    body = response.content.decode()
    assert reverse("timescales:deadline_detail", args=[overdue.pk]) in body
    assert "No statutory deadlines" not in body


def test_stopped_clock_says_stopped(client, child, team, worker):
    d = start(child, team, worker)
    services.deadline_cancel(deadline=d, cancelled_at=NOW, reason="Moved away")
    client.force_login(worker)
    body = client.get(page(child)).content.decode()
    assert "Stopped" in body
    assert "Overdue" not in body


def test_the_read_is_audited(client, child, worker):
    client.force_login(worker)
    client.get(page(child))
    assert AuditEvent.objects.filter(
        action=Action.VIEW, person_id=child.pk, actor_id=worker.pk
    ).exists()


def test_another_councils_child_is_not_found(client, child):
    client.force_login(staff(team=TeamFactory(authority=AuthorityFactory())))
    assert client.get(page(child)).status_code == 404


def test_restricted_child_is_not_found_like_a_missing_one(client, team, worker):
    child = ChildFactory(authority=team.authority, restricted=True)
    client.force_login(worker)
    assert client.get(page(child)).status_code == 404


def test_roles_without_case_records_are_refused(client, child, team):
    client.force_login(staff(Role.SYSTEM_ADMINISTRATOR, team=team))
    assert client.get(page(child)).status_code == 403


def test_welsh(client, child, worker):
    client.force_login(worker)
    client.cookies["gofal_language"] = "cy"
    body = client.get(page(child)).content.decode()
    assert "Dim terfynau amser statudol ar gyfer y plentyn hwn" in body


# Session, user, memberships, navigation, the child, the identity bar, the audit write, then
# the page's own: deadlines, and the calendar with the reminder setting (one query). PostgreSQL
# adds the council's row-level security setting, savepoints and the audit chain's advisory lock.
QUERIES = (10 if connection.vendor == "sqlite" else 18) + len(badge_providers())


@pytest.mark.parametrize("n", [1, 12])
def test_query_count_is_fixed(client, child, team, worker, django_assert_num_queries, n):
    for i in range(n):
        start(child, team, worker, on=dt.date(2025, 3, 3 + i))
    client.force_login(worker)
    client.get(page(child))
    with django_assert_num_queries(QUERIES):
        assert client.get(page(child)).status_code == 200

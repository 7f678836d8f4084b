"""Work queue pages run a fixed number of queries whatever the number of deadlines."""

from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.timescales import services
from gofal.timescales.calendar import LONDON
from gofal.timescales.models import Rule
from gofal.timescales.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

# Session, user, acting memberships, navigation permissions, then the page's own queries, and
# for the queues listing children the audit of those reads (the chain's last row, one insert).
# On PostgreSQL the middleware adds the council's row-level security setting and savepoints,
# and the audit its advisory lock.
MY_WORK_QUERIES = 9
TEAM_WORK_QUERIES = 13
COUNCIL_WORK_QUERIES = 11


def pinned(sqlite_count, *, audited=False):
    """PostgreSQL adds 7, and the audit chain's advisory lock on pages that record reads."""
    return sqlite_count + (0 if connection.vendor == "sqlite" else 7 + int(audited))


def fill(team, worker, n):
    for i in range(n):
        child = ChildFactory(authority=team.authority)
        services.deadline_start(
            rule_code="assessment" if i % 2 else "referral-decision",
            authority=team.authority,
            child_id=child.pk,
            started_at=date(2025, 5, 1 + i % 28),
            worker=worker,
            team=team,
        )


def timeliness_query():
    return {
        "rule": str(Rule.objects.get(code="assessment").pk),
        "period_start_day": "1",
        "period_start_month": "4",
        "period_start_year": "2025",
        "period_end_day": "31",
        "period_end_month": "5",
        "period_end_year": "2025",
    }


@pytest.mark.parametrize("n", [1, 25])
def test_pages_keep_their_query_counts(client, django_assert_num_queries, n):
    team = TeamFactory()
    worker = staff(team=team)
    fill(team, worker, n)
    with time_machine.travel(datetime(2025, 5, 29, 10, tzinfo=LONDON), tick=False):
        client.force_login(worker)
        client.get(reverse("timescales:my_work"))
        with django_assert_num_queries(pinned(MY_WORK_QUERIES, audited=True)):
            assert client.get(reverse("timescales:my_work")).status_code == 200
        client.force_login(staff(Role.TEAM_MANAGER, team=team))
        client.get(reverse("timescales:team_work"))
        with django_assert_num_queries(pinned(TEAM_WORK_QUERIES, audited=True)):
            assert client.get(reverse("timescales:team_work")).status_code == 200
        client.force_login(staff(Role.HEAD_OF_SERVICE, team=team))
        client.get(reverse("timescales:council_work"))
        with django_assert_num_queries(pinned(COUNCIL_WORK_QUERIES)):
            response = client.get(reverse("timescales:council_work"), timeliness_query())
            assert response.status_code == 200


def test_queues_mark_a_timescale_whose_source_is_unconfirmed(client):
    team = TeamFactory()
    worker = staff(team=team)
    for code in ("assessment", "care-support-plan-review"):  # confirmed, then unconfirmed
        services.deadline_start(
            rule_code=code,
            authority=team.authority,
            child_id=ChildFactory(authority=team.authority).pk,
            started_at=date(2025, 5, 1),
            worker=worker,
            team=team,
        )
    client.force_login(worker)
    with time_machine.travel(datetime(2025, 5, 29, 10, tzinfo=LONDON), tick=False):
        body = client.get(reverse("timescales:my_work")).content.decode()
    marked = [row for row in body.split('<tr class="govuk-table__row">') if "Unconfirmed" in row]
    assert len(marked) == 1
    assert Rule.objects.get(code="care-support-plan-review").name_en in marked[0]
    assert "govuk-tag--yellow" in marked[0]


def test_my_work_shows_the_soonest_later_clocks_and_the_rest_on_asking(client):
    from gofal.audit.models import AuditEvent
    from gofal.timescales.views import MY_WORK_LATER

    team = TeamFactory()
    worker = staff(team=team)
    for i in range(MY_WORK_LATER + 3):
        services.deadline_start(
            rule_code="assessment",  # 42 working days: all due after this week
            authority=team.authority,
            child_id=ChildFactory(authority=team.authority).pk,
            started_at=date(2025, 5, 1 + i % 28),
            worker=worker,
            team=team,
        )
    client.force_login(worker)
    with time_machine.travel(datetime(2025, 5, 29, 10, tzinfo=LONDON), tick=False):
        first = client.get(reverse("timescales:my_work"))
        everything = client.get(reverse("timescales:my_work"), {"later": "all"})
    body = first.content.decode()
    assert f"({MY_WORK_LATER + 3})" in body  # the group counts every clock
    assert body.count("timescales/deadlines/") == MY_WORK_LATER
    assert "Show 3 more timescales due later" in body
    assert everything.content.decode().count("timescales/deadlines/") == MY_WORK_LATER + 3
    listed = AuditEvent.objects.filter(detail__context="timescales:my_work")
    assert listed.count() == MY_WORK_LATER + MY_WORK_LATER + 3  # only the children shown

"""Work queues: restricted children left out of what others see and count, every clock reachable
through the pages, and counts that agree with the rows behind them."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from gofal.authorities.models import Membership, Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.timescales import selectors, services
from gofal.timescales.calendar import LONDON
from gofal.timescales.tests.factories import ChildFactory
from gofal.timescales.views import TEAM_WORK_PAGE as PAGE_SIZE

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 5, 29, 10, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def team():
    return TeamFactory()


def clock(team, worker, *, restricted=False, start=date(2025, 3, 25), code="assessment"):
    child = ChildFactory(authority=team.authority, restricted=restricted)
    return services.deadline_start(
        rule_code=code,
        authority=team.authority,
        child_id=child.pk,
        started_at=start,
        worker=worker,
        team=team,
    )


class Acting:
    def __init__(self, authority, roles=()):
        self.authority, self.roles = authority, set(roles)
        self.sees_whole_council = True

    def has_role(self, *roles):
        return bool(self.roles & set(roles))


def test_open_deadlines_visible_are_the_visible_deadlines_still_open(team):
    worker, colleague = staff(team=team), staff(team=team)
    privacy = staff(Role.PRIVACY_OFFICER, team=team)
    clock(team, worker, restricted=True)
    clock(team, colleague, restricted=True)
    clock(team, colleague)
    clock(team, None, restricted=True)
    met = clock(team, worker)
    services.deadline_meet(deadline=met, met_at=date(2025, 4, 1))
    stopped = clock(team, colleague, restricted=True)
    services.deadline_cancel(deadline=stopped, cancelled_at=NOW, reason="Closed")
    clock(TeamFactory(authority=AuthorityFactory()), None)  # another council
    for user, roles in ((worker, ()), (colleague, ()), (privacy, (Role.PRIVACY_OFFICER,))):
        user.acting = Acting(team.authority, roles)
        expected = set(selectors.deadlines_visible_to(user).open())
        assert set(selectors.open_deadlines_visible_to(user)) == expected
    assert len(expected) == 4  # the privacy officer: every open clock of the council


def test_restricted_child_is_neither_shown_nor_counted_but_to_the_worker(client, team):
    worker, colleague = staff(team=team), staff(team=team)
    hidden = clock(team, worker, restricted=True)
    shown = clock(team, colleague)
    client.force_login(worker)
    groups = client.get(reverse("timescales:my_work")).context["groups"]
    assert [r.deadline for g in groups for r in g.rows] == [hidden]
    client.force_login(staff(Role.TEAM_MANAGER, team=team))
    response = client.get(reverse("timescales:team_work"))
    assert [r.deadline for r in response.context["rows"]] == [shown]
    assert response.context["page"].paginator.count == 1
    by_worker = {r.label: (r.overdue, r.open) for r in response.context["by_worker"]}
    assert by_worker == {str(colleague): (1, 1)}
    assert [(r.overdue, r.open) for r in response.context["by_rule"]] == [(1, 1)]
    assert str(hidden.child_id) not in response.content.decode()
    client.force_login(staff(Role.HEAD_OF_SERVICE, team=team))
    table = client.get(reverse("timescales:council_work")).context["table"]
    assert [(row.overdue, row.open) for row in table.rows] == [(1, 1)]


def test_every_clock_of_a_team_is_reached_through_the_pages_and_counted(client, team):
    worker = staff(team=team)
    made = {clock(team, worker, start=date(2025, 3, 1 + i % 28)).pk for i in range(PAGE_SIZE + 7)}
    client.force_login(staff(Role.TEAM_MANAGER, team=team))
    first = client.get(reverse("timescales:team_work"))
    second = client.get(reverse("timescales:team_work"), {"page": "2"})
    rows = [r.deadline for r in first.context["rows"]] + [
        r.deadline for r in second.context["rows"]
    ]
    assert len(first.context["rows"]) == PAGE_SIZE
    assert {d.pk for d in rows} == made
    assert [d.due_on for d in rows] == sorted(d.due_on for d in rows)
    assert f"({PAGE_SIZE + 7})" in first.content.decode()
    assert sum(r.open for r in first.context["by_worker"]) == PAGE_SIZE + 7


def test_a_worker_who_left_the_team_is_counted_by_name_and_can_be_picked(client, team):
    stayed, left = staff(team=team), staff(team=team)
    Membership.objects.filter(user=left).update(ended_on=date(2025, 5, 1))
    theirs = clock(team, left)
    clock(team, stayed)
    client.force_login(staff(Role.TEAM_MANAGER, team=team))
    response = client.get(reverse("timescales:team_work"))
    labels = [r.label for r in response.context["by_worker"]]
    assert str(left) in labels
    row = next(r for r in response.context["by_worker"] if r.label == str(left))
    picked = client.get(reverse("timescales:team_work") + row.href_open)
    assert [r.deadline for r in picked.context["rows"]] == [theirs]


def test_council_work_names_each_team_and_counts_clocks_with_no_team(client, team):
    other = TeamFactory(authority=team.authority, name_en="Zeta team", name_cy="Tîm Zeta")
    clock(team, None)
    clock(other, None)
    clock(other, None, start=date(2025, 5, 29))
    services.deadline_start(
        rule_code="assessment",
        authority=team.authority,
        child_id=ChildFactory(authority=team.authority).pk,
        started_at=date(2025, 3, 25),
    )
    client.force_login(staff(Role.HEAD_OF_SERVICE, team=team))
    rows = client.get(reverse("timescales:council_work")).context["table"].rows
    assert [(r.team, r.overdue, r.open) for r in rows] == sorted(
        [(team.name_en, 1, 1), ("Zeta team", 1, 2), ("No team", 1, 1)]
    )
    client.cookies["gofal_language"] = "cy"
    rows = client.get(reverse("timescales:council_work")).context["table"].rows
    assert "Tîm Zeta" in [r.team for r in rows]


def test_timeliness_counts_only_the_children_its_list_shows(client, team):
    from gofal.timescales.models import Rule

    worker = staff(team=team)
    for restricted in (False, True):
        done = clock(team, worker, restricted=restricted)
        services.deadline_meet(deadline=done, met_at=date(2025, 4, 1))
    client.force_login(staff(Role.HEAD_OF_SERVICE, team=team))
    query = {
        "rule": str(Rule.objects.get(code="assessment").pk),
        "period_start_day": "1",
        "period_start_month": "4",
        "period_start_year": "2025",
        "period_end_day": "31",
        "period_end_month": "5",
        "period_end_year": "2025",
    }
    council = client.get(reverse("timescales:council_work"), query).context["timeliness"].council
    children = client.get(reverse("timescales:timeliness_children"), query).context["page"]
    assert council.timeliness.denominator == 1 == len(children.object_list)
    # Measures and returns still count every child.
    assert (
        selectors.timeliness_by(
            authority_id=team.authority_id,
            rule_id=Rule.objects.get(code="assessment").pk,
            period_start=date(2025, 4, 1),
            period_end=date(2025, 5, 31),
        )[0].timeliness.denominator
        == 2
    )

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gofal.assessments.models import VulnerabilityFlag
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.casework.tests.factories import InvolvementFactory
from gofal.people.models import Person
from gofal.people.tests.factories import AddressFactory, ChildFactory
from gofal.quality.risk_profile import NO_AREA, risk_profile, shown, total_shown
from gofal.risk.populations import Population, register_population, unregister_population

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def manager(team):
    return staff(Role.TEAM_MANAGER, team=team)


def _flagged(team, kind, town, *, recorder, open_involvement=True, ended=False):
    today = timezone.localdate()
    if open_involvement:
        child = InvolvementFactory(team=team).child
    else:
        child = ChildFactory(authority=team.authority)
    if town:
        AddressFactory(person=child, town=town, started_on=today - dt.timedelta(days=400))
    VulnerabilityFlag.objects.create(
        authority=child.authority,
        child=child,
        kind=kind,
        started_on=today - dt.timedelta(days=30),
        ended_on=today - dt.timedelta(days=1) if ended else None,
        recorded_by=recorder,
    )
    return child


def test_small_numbers_are_suppressed():
    assert shown(0) == "0"
    assert shown(1) == "fewer than 5"
    assert shown(4) == "fewer than 5"
    assert shown(5) == "5"


def test_a_total_that_would_give_away_one_suppressed_count_is_not_shown():
    assert total_shown(9, [6, 3, 0]) == "not shown"  # 9 - 6 would reveal the 3
    assert total_shown(11, [6, 3, 2]) == "11"  # two hidden: neither can be worked out
    assert total_shown(12, [6, 6, 0]) == "12"
    assert total_shown(3, [3]) == "fewer than 5"  # itself hidden: it gives nothing away


def test_profile_counts_by_flag_and_area_for_the_population_only(client, team, manager):
    for _ in range(6):
        _flagged(team, "missing", "Tredegar", recorder=manager)
    cse = _flagged(team, "cse", "Tredegar", recorder=manager)
    VulnerabilityFlag.objects.create(
        authority=cse.authority,
        child=cse,
        kind="missing",
        started_on=timezone.localdate(),
        recorded_by=manager,
    )
    _flagged(team, "cce", "", recorder=manager)  # no address: its own row
    _flagged(team, "cse", "Ebbw Vale", recorder=manager, open_involvement=False)  # not covered
    _flagged(team, "cse", "Ebbw Vale", recorder=manager, ended=True)  # flag ended
    _flagged(TeamFactory(authority=AuthorityFactory()), "cse", "Tredegar", recorder=manager)
    client.force_login(manager)
    r = client.get(reverse("quality:report_flags"))
    assert r.status_code == 200
    profile = r.context["profile"]
    assert profile.stand_in
    assert profile.children == 9  # every child with an open involvement in this council
    assert profile.flagged == 8
    by_kind = {code: (count, text) for code, _label, count, text in profile.kinds}
    assert by_kind["missing"] == (7, "7")
    assert by_kind["cse"] == (1, "fewer than 5")
    assert by_kind["trafficking"] == (0, "0")
    areas = {row.key: row for row in profile.areas}
    assert set(areas) == {"Tredegar", NO_AREA}
    assert areas["Tredegar"].by_kind == {"missing": 7, "cse": 1}
    assert areas["Tredegar"].any_flag == 7
    body = r.content.decode()
    assert "fewer than 5" in body
    assert "open involvement" in body


def test_drill_down_for_a_team_manager_and_not_for_a_social_worker(client, team, manager):
    child = _flagged(team, "missing", "Tredegar", recorder=manager)
    _flagged(team, "missing", "Blaina", recorder=manager)
    client.force_login(manager)
    r = client.get(reverse("quality:report_flags") + "?kind=missing&area=Tredegar")
    assert r.status_code == 200
    assert [flag.child_id for flag in r.context["page_obj"]] == [child.pk]
    r = client.get(reverse("quality:report_flags") + "?kind=nonsense")
    assert r.status_code == 404
    worker = staff(Role.SOCIAL_WORKER, team=team)
    client.force_login(worker)
    assert client.get(reverse("quality:report_flags")).status_code == 403
    assert client.get(reverse("quality:report_flags") + "?kind=missing").status_code == 403


def test_restricted_children_are_not_counted_or_listed(client, team, manager):
    child = _flagged(team, "missing", "Tredegar", recorder=manager)
    Person.objects.filter(pk=child.pk).update(restricted=True)
    client.force_login(manager)
    profile = client.get(reverse("quality:report_flags")).context["profile"]
    assert profile.flagged == 0
    r = client.get(reverse("quality:report_flags") + "?kind=missing")
    assert list(r.context["page_obj"]) == []


def test_a_registered_population_replaces_the_stand_in(rf, team, manager):
    covered = _flagged(team, "missing", "Tredegar", recorder=manager, open_involvement=False)
    _flagged(team, "missing", "Tredegar", recorder=manager)  # open involvement only
    population = Population(
        "test_register",
        "Children on the test register",
        lambda authority_id, as_of: Person.objects.filter(pk=covered.pk).values("pk"),
    )
    register_population(population)
    try:
        manager.acting = _acting(manager, team)
        profile = risk_profile(user=manager, as_of=timezone.localdate())
    finally:
        unregister_population("test_register")
    assert not profile.stand_in
    assert [p.key for p in profile.populations] == ["test_register"]
    assert profile.children == 1
    assert profile.flagged == 1


def _acting(user, team):
    from gofal.authorities.acting import acting_for

    return acting_for(user=user, authority_id=team.authority_id, as_of=timezone.localdate())


PROFILE_QUERIES = 6 if connection.vendor == "sqlite" else 13


def test_profile_query_count_is_fixed(client, team, manager, django_assert_num_queries):
    client.force_login(manager)
    url = reverse("quality:report_flags")
    client.get(url)
    _flagged(team, "missing", "Tredegar", recorder=manager)
    with django_assert_num_queries(PROFILE_QUERIES):
        assert client.get(url).status_code == 200
    for town in ("Blaina", "Brynmawr", "Tredegar"):
        _flagged(team, "cse", town, recorder=manager)
    with django_assert_num_queries(PROFILE_QUERIES):
        assert client.get(url).status_code == 200

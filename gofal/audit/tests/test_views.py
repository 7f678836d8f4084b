import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gofal.audit.models import Action
from gofal.audit.services import Entry, record_entries
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import MembershipFactory, TeamFactory, staff

pytestmark = pytest.mark.django_db

URL = reverse("audit:staff_activity")


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def officer(team):
    return staff(Role.PRIVACY_OFFICER, team=team, first_name="Carys", last_name="Owen")


@pytest.fixture
def worker(team):
    return staff(Role.SOCIAL_WORKER, team=team, first_name="Dewi", last_name="Price")


def activity(actor, authority_id, n=1, *, action=Action.VIEW, detail=None, person_id=None):
    return record_entries(
        actor=actor,
        entries=[
            Entry(
                action=action,
                object_type="people.person",
                object_id=str(person_id or uuid.uuid4()),
                person_id=person_id,
                authority_id=authority_id,
                detail=detail or {},
            )
            for _ in range(n)
        ],
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.PRIVACY_OFFICER, 200),
        (Role.SOCIAL_WORKER, 403),
        (Role.TEAM_MANAGER, 403),
        (Role.HEAD_OF_SERVICE, 403),
        (Role.SYSTEM_ADMINISTRATOR, 403),
        (Role.BUSINESS_SUPPORT, 403),
    ],
)
def test_only_privacy_officers_may_see_staff_activity(client, team, role, status):
    client.force_login(staff(role, team=team))
    assert client.get(URL).status_code == status


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("authorities:login"))


def test_navigation_shows_the_page_to_privacy_officers_only(client, officer, worker):
    client.force_login(officer)
    assert URL.encode() in client.get(URL).content
    client.force_login(worker)
    assert URL.encode() not in client.get(reverse("authorities:switch")).content


def test_shows_what_the_member_of_staff_did_here(client, officer, worker, team):
    person = uuid.uuid4()
    activity(
        worker,
        team.authority_id,
        action=Action.UPDATE,
        person_id=person,
        detail={"changes": {"family_name": ["Jonse", "Jones"]}},
    )
    activity(worker, uuid.uuid4(), detail={"context": "another council"})
    activity(officer, team.authority_id, detail={"context": "the officer's own"})
    client.force_login(officer)

    response = client.get(URL, {"staff": str(worker.pk)})

    content = response.content.decode()
    assert response.status_code == 200
    assert "1 entry for Dewi Price" in content
    assert "Changed" in content
    assert str(person) in content
    assert "Jonse → Jones" in content
    assert "another council" not in content
    assert "the officer&#x27;s own" not in content


def test_sign_ins_are_shown(client, officer, worker):
    client.force_login(worker)  # audited as a sign-in
    client.force_login(officer)
    response = client.get(URL, {"staff": str(worker.pk)})
    assert "Signed in" in response.content.decode()


def test_date_range_is_inclusive(client, officer, worker, team):
    for day in (1, 2, 3, 4):
        with time_machine.travel(datetime(2026, 6, day, 23, 30, tzinfo=UTC), tick=False):
            activity(worker, team.authority_id, detail={"context": f"day {day}"})
    client.force_login(officer)

    response = client.get(
        URL,
        {
            "staff": str(worker.pk),
            "since_day": "3",
            "since_month": "6",
            "since_year": "2026",
            "until_day": "4",
            "until_month": "6",
            "until_year": "2026",
        },
    )

    content = response.content.decode()
    # 23:30 UTC is 00:30 the next day in London (summer time)
    assert "day 2" in content
    assert "day 3" in content
    assert "day 1" not in content
    assert "day 4" not in content


def test_end_before_start_is_an_error(client, officer, worker):
    client.force_login(officer)
    response = client.get(
        URL,
        {
            "staff": str(worker.pk),
            "since_day": "3",
            "since_month": "6",
            "since_year": "2026",
            "until_day": "2",
            "until_month": "6",
            "until_year": "2026",
        },
    )
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "The end date must be the same as or after the start date" in content
    assert 'value="2026"' in content


def test_staff_of_another_council_cannot_be_chosen(client, officer):
    stranger = staff(Role.SOCIAL_WORKER)
    activity(stranger, None)
    client.force_login(officer)
    response = client.get(URL, {"staff": str(stranger.pk)})
    content = response.content.decode()
    assert "Select a member of staff from the list" in content
    assert "Signed in" not in content


def test_leavers_can_still_be_chosen(client, officer, team):
    leaver = MembershipFactory(team=team, authority=team.authority)
    leaver.ended_on = leaver.started_on
    leaver.save()
    client.force_login(officer)
    response = client.get(URL, {"staff": str(leaver.user_id)})
    assert "0 entries for" in response.content.decode()


def test_paginated_newest_first(client, officer, worker, team):
    for n in range(55):
        activity(worker, team.authority_id, detail={"context": f"row {n:02d}"})
    client.force_login(officer)

    first = client.get(URL, {"staff": str(worker.pk)}).content.decode()
    second = client.get(URL, {"staff": str(worker.pk), "page": "2"}).content.decode()

    assert "55 entries" in first
    assert "row 54" in first
    assert "row 04" not in first
    assert "row 04" in second
    assert "row 00" in second
    assert "Page 2 of 2" in second


def test_query_count_does_not_grow(client, officer, worker, team, django_assert_num_queries):
    client.force_login(officer)
    client.get(URL)  # renews the new session, which later requests in the minute do not
    activity(worker, team.authority_id, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"staff": str(worker.pk)})
    for _ in range(30):
        MembershipFactory(team=team, authority=team.authority)
    activity(worker, team.authority_id, 60, detail={"changes": {"a": [1, 2]}})

    with django_assert_num_queries(len(few.captured_queries)):
        client.get(URL, {"staff": str(worker.pk), "page": "2"})


def test_page_in_welsh(client, officer, worker, team):
    activity(worker, team.authority_id, 2, action=Action.UPDATE)
    client.force_login(officer)
    client.cookies["gofal_language"] = "cy"

    content = client.get(URL, {"staff": str(worker.pk)}).content.decode()

    assert "Gweithgarwch staff" in content
    assert "2 cofnod ar gyfer Dewi Price" in content
    assert "Newidiwyd" in content

"""Timescale pages: permissions by role, happy paths, validation, other councils, query counts."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from gofal.authorities.models import Notification, Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.timescales import services
from gofal.timescales.calendar import LONDON
from gofal.timescales.models import (
    ClosureDay,
    DeadlineException,
    ExceptionReason,
    LocalStandard,
    RegistryChange,
    Rule,
    RuleVersion,
)
from gofal.timescales.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 5, 29, 10, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def team():
    return TeamFactory()


def make(team, worker, code="assessment", start=date(2025, 3, 25), child=None):
    child = child or ChildFactory(authority=team.authority)
    return services.deadline_start(
        rule_code=code,
        authority=team.authority,
        child_id=child.pk,
        started_at=start,
        worker=worker,
        team=team,
    )


ROLES = [
    (Role.SOCIAL_WORKER, {"my": 200, "team": 403, "council": 403, "rules": 200, "closures": 403}),
    (Role.TEAM_MANAGER, {"my": 200, "team": 200, "council": 403, "rules": 200, "closures": 403}),
    (Role.HEAD_OF_SERVICE, {"my": 200, "team": 200, "council": 200, "rules": 200, "closures": 403}),
    (
        Role.SYSTEM_ADMINISTRATOR,
        {"my": 403, "team": 403, "council": 403, "rules": 200, "closures": 200},
    ),
    (
        Role.BUSINESS_SUPPORT,
        {"my": 403, "team": 403, "council": 403, "rules": 200, "closures": 403},
    ),
]
PAGES = {
    "my": "timescales:my_work",
    "team": "timescales:team_work",
    "council": "timescales:council_work",
    "rules": "timescales:rule_list",
    "closures": "timescales:closure_list",
}


@pytest.mark.parametrize(("role", "expected"), ROLES)
def test_permission_checking(client, team, role, expected):
    client.force_login(staff(role, team=team))
    for page, status in expected.items():
        assert client.get(reverse(PAGES[page])).status_code == status, page


def test_my_work_overdue_first_then_this_week(client, team):
    worker = staff(team=team)
    overdue = make(team, worker)  # due 28 May 2025
    week = make(team, worker, "referral-decision", start=date(2025, 5, 29))  # due 30 May
    later = make(team, worker, "assessment", start=date(2025, 5, 29))
    make(team, staff(team=team))  # someone else's
    client.force_login(worker)
    response = client.get(reverse("timescales:my_work"))
    groups = response.context["groups"]
    assert [[r.deadline for r in g.rows] for g in groups] == [[overdue], [week], [later]]
    body = response.content.decode()
    assert body.index("Overdue") < body.index("Due this week") < body.index("Due later")
    assert reverse("people:person_detail", args=[overdue.child_id]) in body


def test_my_work_query_count_does_not_grow(client, team, django_assert_max_num_queries):
    worker = staff(team=team)
    make(team, worker)
    client.force_login(worker)
    client.get(reverse("timescales:my_work"))  # warm up (session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("timescales:my_work"))
    for _ in range(15):
        make(team, worker)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("timescales:my_work"))
    assert len(many) == len(few)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("timescales:my_work"))


def test_team_work_filters_and_counts(client, team):
    manager = staff(Role.TEAM_MANAGER, team=team)
    a, b = staff(team=team), staff(team=team)
    overdue = make(team, a)
    make(team, b, "referral-decision", start=date(2025, 5, 29))
    other_team = TeamFactory(authority=team.authority)
    hidden = make(other_team, staff(team=other_team))
    client.force_login(manager)
    response = client.get(reverse("timescales:team_work"))
    assert response.status_code == 200
    shown = [r.deadline for r in response.context["rows"]]
    assert overdue in shown
    assert hidden not in shown
    by_worker = {r.label: (r.overdue, r.week, r.open) for r in response.context["by_worker"]}
    assert by_worker[str(a)] == (1, 0, 1)
    assert by_worker[str(b)] == (0, 1, 1)
    response = client.get(reverse("timescales:team_work"), {"due": "overdue"})
    assert [r.deadline for r in response.context["rows"]] == [overdue]
    response = client.get(reverse("timescales:team_work"), {"worker": str(b.pk)})
    assert [r.deadline.worker for r in response.context["rows"]] == [b]


def test_team_work_query_count_is_fixed(client, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    manager = staff(Role.TEAM_MANAGER, team=team)
    make(team, staff(team=team))
    client.force_login(manager)
    client.get(reverse("timescales:team_work"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("timescales:team_work"))
    for _ in range(10):
        make(team, staff(team=team), "referral-decision", start=date(2025, 5, 20))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("timescales:team_work"))
    assert len(many) == len(few)


def test_council_work_counts_link_to_team_work(client, team):
    head = staff(Role.HEAD_OF_SERVICE, team=team)
    make(team, staff(team=team))
    client.force_login(head)
    response = client.get(reverse("timescales:council_work"))
    table = response.context["table"]
    assert table.rows[0].overdue == 1
    assert f"team={team.pk}" in table.rows[0].cells[0].href_overdue
    # The team's totals link to all of its open clocks in Team work, and to the overdue ones.
    team_work = reverse("timescales:team_work")
    assert table.rows[0].href == f"{team_work}?team={team.pk}"
    assert table.rows[0].href_overdue == f"{team_work}?team={team.pk}&due=overdue"
    body = response.content.decode()
    assert f'href="{team_work}?team={team.pk}&amp;due=overdue">1</a> / ' in body


def test_council_timeliness_and_drill_down(client, team):
    head = staff(Role.HEAD_OF_SERVICE, team=team)
    worker = staff(team=team)
    on_time = make(team, worker)
    late = make(team, worker)
    late_excused = make(team, worker)
    services.deadline_meet(deadline=on_time, met_at=date(2025, 5, 1))
    services.deadline_meet(deadline=late, met_at=date(2025, 5, 29))
    services.deadline_meet(deadline=late_excused, met_at=date(2025, 5, 29))
    exc = services.deadline_exception_record(
        deadline=late_excused,
        reason=ExceptionReason.objects.get(code="child-unwell"),
        explanation="In hospital",
        recorded_by=worker,
        at=NOW,
    )
    services.deadline_exception_decide(
        exception=exc, decision="approved", note="", decided_by=head, at=NOW
    )
    client.force_login(head)
    rule = Rule.objects.get(code="assessment")
    query = {
        "rule": str(rule.pk),
        "period_start_day": "1",
        "period_start_month": "4",
        "period_start_year": "2025",
        "period_end_day": "31",
        "period_end_month": "5",
        "period_end_year": "2025",
    }
    response = client.get(reverse("timescales:council_work"), query)
    council = response.context["timeliness"].council
    assert (council.timeliness.numerator, council.timeliness.denominator) == (1, 3)
    assert (council.late_with_reason, council.late_without_reason) == (1, 1)
    response = client.get(reverse("timescales:timeliness_children"), query)
    assert {d.pk for d in response.context["page"]} == {on_time.pk, late.pk, late_excused.pk}
    query["period_end_day"] = "40"
    response = client.get(reverse("timescales:council_work"), query)
    assert response.context["timeliness"] is None
    assert "Enter a real date" in response.content.decode()


class TestDeadlineDetail:
    def test_shows_the_explanation(self, client, team):
        worker = staff(team=team)
        d = make(team, worker)
        client.force_login(worker)
        response = client.get(reverse("timescales:deadline_detail", args=[d.pk]))
        body = response.content.decode()
        assert "Skipped 2025-04-18: bank holiday: Good Friday" in body
        assert "due: 2025-05-28" in body
        assert "Overdue" in body

    def test_another_councils_deadline_is_not_found(self, client, team):
        d = make(team, staff(team=team))
        client.force_login(staff(team=TeamFactory(authority=AuthorityFactory())))
        assert client.get(reverse("timescales:deadline_detail", args=[d.pk])).status_code == 404
        assert client.get(reverse("casework:child_deadlines", args=[d.child_id])).status_code == 404

    def test_restricted_child_only_for_the_worker(self, client, team):
        worker = staff(team=team)
        child = ChildFactory(authority=team.authority, restricted=True)
        d = make(team, worker, child=child)
        client.force_login(staff(team=team))
        assert client.get(reverse("timescales:deadline_detail", args=[d.pk])).status_code == 404
        client.force_login(worker)
        assert client.get(reverse("timescales:deadline_detail", args=[d.pk])).status_code == 200

    def test_record_a_reason_then_a_manager_approves(self, client, team):
        worker, manager = staff(team=team), staff(Role.TEAM_MANAGER, team=team)
        d = make(team, worker)
        url = reverse("timescales:deadline_detail", args=[d.pk])
        client.force_login(worker)
        response = client.post(url, {"exception-reason": "", "exception-explanation": "typed"})
        assert response.status_code == 200
        assert "Select a reason" in response.content.decode()
        assert "typed" in response.content.decode()
        reason = ExceptionReason.objects.get(code="partner-agency")
        response = client.post(
            url, {"exception-reason": str(reason.pk), "exception-explanation": "Police delay"}
        )
        assert response.status_code == 302
        client.post(  # sent twice: one reason
            url, {"exception-reason": str(reason.pk), "exception-explanation": "Police delay"}
        )
        exc = DeadlineException.objects.get()
        decide = reverse("timescales:exception_decide", args=[d.pk, exc.pk])
        assert client.post(decide, {"decision": "approved"}).status_code == 403
        client.force_login(manager)
        client.post(decide, {"decision": "approved", "note": "Agreed"})
        d.refresh_from_db()
        assert d.exception_approved


class TestRegistryPages:
    def test_rule_list_shows_sources_and_status(self, client, team):
        client.force_login(staff(team=team))
        body = client.get(reverse("timescales:rule_list")).content.decode()
        assert "PM24 definition" in body
        assert "Unconfirmed" in body
        assert "Record a new version" not in body

    def test_administrator_records_a_new_version(self, client, team):
        client.force_login(staff(Role.SYSTEM_ADMINISTRATOR, team=team))
        url = reverse("timescales:rule_version_add", args=["assessment"])
        data = {
            "jurisdiction": "wales",
            "effective_from_day": "1",
            "effective_from_month": "4",
            "effective_from_year": "2026",
            "duration": "40",
            "unit": "working_days",
            "source": "New code",
            "status": "confirmed",
            "reason": "",
        }
        response = client.post(url, data)
        assert "Enter the reason for the change" in response.content.decode()
        data["reason"] = "Code revised"
        assert client.post(url, data).status_code == 302
        assert RuleVersion.objects.filter(rule__code="assessment", duration=40).exists()
        assert RegistryChange.objects.get().reason == "Code revised"

    def test_laxer_local_standard_is_refused_with_a_message(self, client, team):
        client.force_login(staff(Role.SYSTEM_ADMINISTRATOR, team=team))
        url = reverse("timescales:local_standard_set", args=["assessment"])
        data = {
            "duration": "50",
            "unit": "working_days",
            "effective_from_day": "1",
            "effective_from_month": "4",
            "effective_from_year": "2026",
            "reason": "Why not",
        }
        response = client.post(url, data)
        assert "can only be stricter" in response.content.decode()
        assert not LocalStandard.objects.exists()
        data["duration"] = "35"
        assert client.post(url, data).status_code == 302
        assert LocalStandard.objects.get().authority == team.authority

    def test_closure_days_added_once_and_removed_with_a_reason(self, client, team):
        client.force_login(staff(Role.SYSTEM_ADMINISTRATOR, team=team))
        url = reverse("timescales:closure_list")
        data = {
            "add": "1",
            "add-on_day": "24",
            "add-on_month": "12",
            "add-on_year": "2026",
            "add-reason": "Christmas Eve",
        }
        assert client.post(url, data).status_code == 302
        response = client.post(url, data)
        assert "already a closure day" in response.content.decode()
        closure = ClosureDay.objects.get()
        remove = reverse("timescales:closure_remove", args=[closure.pk])
        assert client.post(remove, {"reason": ""}).status_code == 200
        assert client.post(remove, {"reason": "Open after all"}).status_code == 302
        assert not ClosureDay.objects.exists()

    def test_another_councils_closure_is_not_found(self, client, team):
        closure = ClosureDay.objects.create(
            authority=AuthorityFactory(), on=date(2026, 1, 2), reason="x"
        )
        client.force_login(staff(Role.SYSTEM_ADMINISTRATOR, team=team))
        url = reverse("timescales:closure_remove", args=[closure.pk])
        assert client.get(url).status_code == 404


def test_reminder_reaches_the_notification_centre(team):
    from gofal.timescales.tasks import sweep

    worker = staff(team=team)
    make(team, worker, "referral-decision", start=date(2025, 5, 29))
    sweep(as_of=NOW)
    assert Notification.objects.get(recipient=worker).kind == "timescale_reminder"


def test_due_soon_follows_the_councils_reminder_window(client, team):
    worker = staff(team=team)
    # 5 working days from Thursday 29 May 2025: 30 May, 2, 3, 4, 5 June.
    d = make(team, worker, "placement-plan", start=date(2025, 5, 29))
    assert d.due_on == date(2025, 6, 5)
    client.force_login(worker)
    groups = client.get(reverse("timescales:my_work")).context["groups"]
    assert groups[2].rows[0].status.value == "not_yet_due"  # window of 2: from 3 June
    services.council_setting_set(
        authority=team.authority,
        remind_working_days=5,
        reason="Earlier warning",
        set_by=worker,
        at=NOW,
    )
    groups = client.get(reverse("timescales:my_work")).context["groups"]
    assert groups[2].rows[0].status.value == "due_soon"  # window of 5: from 29 May


def test_pages_in_welsh(client, team):
    worker = staff(team=team)
    d = make(team, worker)
    client.force_login(worker)
    client.cookies["gofal_language"] = "cy"
    body = client.get(reverse("timescales:my_work")).content.decode()
    assert "Fy ngwaith" in body
    assert "Hwyr" in body
    body = client.get(reverse("timescales:deadline_detail", args=[d.pk])).content.decode()
    assert "Sut y cyfrifir y dyddiad dyledus" in body
    assert "Hepgorwyd 2025-04-18: gŵyl banc: Dydd Gwener y Groglith" in body

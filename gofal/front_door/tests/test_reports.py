import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import staff
from gofal.casework.models import InvolvementReason
from gofal.front_door.models import Outcome, ThresholdDecision
from gofal.front_door.tests.factories import make_contact
from gofal.front_door.tests.test_services import _decide


@pytest.fixture
def history(child, worker, locality):
    now = timezone.now()
    first = make_contact(children=[child], by=worker, received_at=now - dt.timedelta(days=200))
    _decide(first, worker, outcome=Outcome.NO_FURTHER_ACTION, level="universal",
            family_told="Advised about the parenting line.")  # fmt: skip
    second = make_contact(children=[child], by=worker, received_at=now - dt.timedelta(days=30))
    _decide(
        second,
        worker,
        outcome=Outcome.ASSESSMENT,
        involvement_team=locality,
        involvement_reason=InvolvementReason.ABUSE_OR_NEGLECT,
    )
    return first, second


@pytest.mark.django_db
class TestReport:
    def test_figures_and_drill_down(self, client, history, front_door_team):
        first, second = history
        manager = staff(Role.TEAM_MANAGER, team=front_door_team)
        client.force_login(manager)
        body = client.get(reverse("front_door:report")).content.decode()
        assert "Police" in body
        assert "Re-referrals within 12 months" in body
        url = reverse("front_door:report_contacts")
        today = timezone.localdate()
        period = f"from={(today - dt.timedelta(days=364)).isoformat()}&to={today.isoformat()}"
        rereferred = client.get(f"{url}?{period}&measure=rereferral").content.decode()
        assert reverse("front_door:contact_detail", args=[second.pk]) in rereferred
        assert reverse("front_door:contact_detail", args=[first.pk]) not in rereferred
        back = client.get(f"{url}?{period}&measure=comes_back").content.decode()
        assert reverse("front_door:contact_detail", args=[first.pk]) in back
        assessed = client.get(f"{url}?{period}&outcome=assessment").content.decode()
        assert reverse("front_door:contact_detail", args=[second.pk]) in assessed
        assert reverse("front_door:contact_detail", args=[first.pk]) not in assessed

    def test_query_count_is_fixed(
        self, client, history, front_door_team, child, worker,
        django_assert_num_queries, django_assert_max_num_queries,
    ):  # fmt: skip
        manager = staff(Role.TEAM_MANAGER, team=front_door_team)
        client.force_login(manager)
        client.get(reverse("front_door:report"))
        with django_assert_max_num_queries(60) as few:
            client.get(reverse("front_door:report"))
        for days in range(2, 6):
            make_contact(
                children=[child], by=worker, received_at=timezone.now() - dt.timedelta(days=days)
            )
        with django_assert_num_queries(len(few.captured_queries)):
            client.get(reverse("front_door:report"))

    def test_social_worker_cannot_see_reports(self, client, worker):
        client.force_login(worker)
        assert client.get(reverse("front_door:report")).status_code == 403


@pytest.mark.django_db
class TestDrillDowns:
    def test_decided_within_one_working_day_drills_to_numerator_and_denominator(
        self, client, child, worker, locality, front_door_team
    ):
        # Received on Monday 2 November 2026, decided on Thursday: late. Received and decided
        # today: within the working day.
        late = make_contact(
            children=[child],
            by=worker,
            received_at=timezone.make_aware(dt.datetime(2026, 11, 2, 10, 0)),
        )
        _decide(
            late, worker, outcome=Outcome.NO_FURTHER_ACTION, level="universal",
            family_told="Advised about the parenting line.",
        )  # fmt: skip
        ThresholdDecision.objects.filter(contact=late).update(
            decided_at=timezone.make_aware(dt.datetime(2026, 11, 5, 10, 0))
        )
        quick = make_contact(children=[child], by=worker)
        _decide(
            quick, worker, outcome=Outcome.NO_FURTHER_ACTION, level="universal",
            family_told="Advised about the parenting line.",
        )  # fmt: skip
        waiting = make_contact(children=[child], by=worker)
        client.force_login(staff(Role.TEAM_MANAGER, team=front_door_team))
        period = "from=2026-01-01&to=2026-12-31"
        body = client.get(f"{reverse('front_door:report')}?{period}").content.decode()
        assert "measure=within_day" in body
        assert "measure=decided" in body
        url = reverse("front_door:report_contacts")

        def listed(measure):
            page = client.get(f"{url}?{period}&measure={measure}").content.decode()
            return {
                c.pk
                for c in (late, quick, waiting)
                if reverse("front_door:contact_detail", args=[c.pk]) in page
            }

        assert listed("within_day") == {quick.pk}
        assert listed("decided") == {quick.pk, late.pk}
        assert listed("late") == {late.pk}

    def test_handovers_by_team_with_waiting_times_and_drill_down(
        self, client, child, worker, locality, early_help_team, front_door_team, authority
    ):
        from gofal.early_help import services as early_help
        from gofal.people.tests.factories import ChildFactory

        now = timezone.now()
        sent = []
        for n, name in enumerate(("Osian", "Nia", "Gethin")):
            sent.append(
                early_help.handover_send(
                    child=ChildFactory(authority=authority, given_name=name, family_name="Rees"),
                    direction="step_down",
                    from_team=locality,
                    to_team=early_help_team,
                    reasons="Improved",
                    information="Assessment",
                    sent_by=worker,
                    form_token=None,
                    now=now - dt.timedelta(days=10 + n),
                )
            )
        early_help.handover_respond(
            handover=sent[0], expected_version=sent[0].version, response="returned",
            reasons="Risks too high", responded_by=worker, lead_worker=None,
            now=now - dt.timedelta(days=2),
        )  # fmt: skip
        early_help.handover_respond(
            handover=sent[1], expected_version=sent[1].version, response="accepted",
            reasons="", responded_by=worker, lead_worker=None,
            now=now - dt.timedelta(days=10),
        )  # fmt: skip
        client.force_login(staff(Role.TEAM_MANAGER, team=front_door_team))
        body = client.get(reverse("front_door:report")).content.decode()
        assert "Families First" in body
        table = body[body.index("Step-up and step-down handovers sent") :]
        # Waits: 8 days (returned, after its clock), 1 day (accepted), 12 days (still waiting).
        assert ">7.0<" in table
        assert ">12.0<" in table
        url = reverse("front_door:report_handovers")
        today = timezone.localdate()
        period = f"from={(today - dt.timedelta(days=364)).isoformat()}&to={today.isoformat()}"
        query = f"{url}?{period}&team={early_help_team.pk}&direction=step_down"
        returned = client.get(query + "&state=returned").content.decode()
        assert "Osian Rees" in returned
        assert "Nia Rees" not in returned
        late = client.get(query + "&state=late").content.decode()
        assert "Osian Rees" in late
        assert "Nia Rees" not in late
        awaiting = client.get(query + "&state=awaiting").content.decode()
        assert "Gethin Rees" in awaiting
        assert "Osian Rees" not in awaiting
        assert client.get(f"{url}?team=nonsense").status_code == 404

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import staff
from gofal.casework.models import InvolvementReason
from gofal.front_door.models import Outcome
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

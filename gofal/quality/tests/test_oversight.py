import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gofal.audit.models import AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.people.presenters import badge_providers
from gofal.people.tests.factories import ChildFactory
from gofal.quality import services
from gofal.quality.models import OversightEntry
from gofal.quality.tests.factories import OversightEntryFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 2, 3)


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def manager(team):
    return staff(Role.TEAM_MANAGER, team=team)


@pytest.fixture
def worker(team):
    return staff(Role.SOCIAL_WORKER, team=team)


@pytest.fixture
def child(team):
    return ChildFactory(authority=team.authority)


def _record(child, manager, **kwargs):
    values = {
        "kind": "case_direction",
        "decided_on": TODAY,
        "decision": "Step up to a full assessment.",
        "rationale": "Three contacts in two months about the same worry.",
        "recorded_by": manager,
        "form_token": uuid.uuid4(),
        "as_of": TODAY,
    }
    values.update(kwargs)
    return services.oversight_record(child=child, **values)


class TestOversightRecord:
    def test_records_and_audits(self, child, manager):
        entry = _record(child, manager)
        assert entry.authority_id == child.authority_id
        assert AuditEvent.objects.filter(object_id=str(entry.pk), action="create").exists()

    def test_rationale_is_required(self, child, manager):
        with pytest.raises(ValidationError) as error:
            _record(child, manager, rationale="  ")
        assert "rationale" in error.value.error_dict

    def test_not_in_the_future(self, child, manager):
        with pytest.raises(ValidationError) as error:
            _record(child, manager, decided_on=TODAY + dt.timedelta(days=1))
        assert "decided_on" in error.value.error_dict

    def test_double_submission_records_once(self, child, manager):
        token = uuid.uuid4()
        assert _record(child, manager, form_token=token) == _record(
            child, manager, form_token=token
        )
        assert OversightEntry.objects.count() == 1


class TestPages:
    def test_manager_records_a_decision_seen_in_the_chronology(self, client, child, manager):
        client.force_login(manager)
        today = timezone.localdate()
        r = client.post(
            reverse("quality:oversight_new", args=[child.pk]),
            {
                "kind": "supervision",
                "decided_on_day": today.day,
                "decided_on_month": today.month,
                "decided_on_year": today.year,
                "decision": "Convene a strategy discussion.",
                "rationale": "New bruising reported by school.",
            },
        )
        assert r.status_code == 302
        r = client.get(reverse("casework:chronology", args=[child.pk]))
        body = r.content.decode()
        assert "Management decision: Decision in supervision" in body
        assert "New bruising reported by school." in body

    def test_missing_rationale_keeps_what_was_typed(self, client, child, manager):
        client.force_login(manager)
        r = client.post(
            reverse("quality:oversight_new", args=[child.pk]),
            {"kind": "closure", "decision": "Close the case."},
        )
        body = r.content.decode()
        assert "Enter the rationale: why you made this decision" in body
        assert "Close the case." in body
        assert OversightEntry.objects.count() == 0

    def test_a_social_worker_cannot_record(self, client, child, worker):
        client.force_login(worker)
        assert client.get(reverse("quality:oversight_new", args=[child.pk])).status_code == 403
        assert client.get(reverse("quality:oversight", args=[child.pk])).status_code == 200

    def test_another_councils_child_is_not_found(self, client, manager):
        other = ChildFactory(authority=AuthorityFactory())
        client.force_login(manager)
        assert client.get(reverse("quality:oversight", args=[other.pk])).status_code == 404

    def test_list_query_count_is_fixed(self, client, child, manager, django_assert_num_queries):
        from django.db import connection

        client.force_login(manager)
        url = reverse("quality:oversight", args=[child.pk])
        OversightEntryFactory(child=child)
        client.get(url)
        expected = (9 if connection.vendor == "sqlite" else 17) + len(badge_providers())
        with django_assert_num_queries(expected):
            client.get(url)
        OversightEntryFactory.create_batch(4, child=child)
        with django_assert_num_queries(expected):
            client.get(url)

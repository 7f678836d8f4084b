"""Signing in and out, and failed attempts, are written to the audit log."""

import pytest
from django.urls import reverse

from gofal.audit.models import Action, AuditEvent
from gofal.authorities.tests.factories import staff

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def worker():
    return staff(username="nia.rees")


def test_signing_in_is_audited(client, worker):
    response = client.post(
        reverse("authorities:login"), {"username": "nia.rees", "password": PASSWORD}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=Action.SIGN_IN)
    assert event.actor_id == worker.pk
    assert event.object_type == "authorities.user"
    assert event.object_id == str(worker.pk)


def test_signing_out_is_audited_with_the_council(client, worker):
    client.force_login(worker)
    client.post(reverse("authorities:logout"))
    event = AuditEvent.objects.get(action=Action.SIGN_OUT)
    assert event.actor_id == worker.pk
    assert event.authority_id == worker.memberships.get().authority_id


def test_failed_sign_in_to_a_known_account_names_it(client, worker):
    response = client.post(
        reverse("authorities:login"), {"username": "nia.rees", "password": "wrong"}
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert event.actor_id is None
    assert event.object_id == str(worker.pk)
    assert event.detail == {"username": "nia.rees"}
    assert not AuditEvent.objects.filter(action=Action.SIGN_IN).exists()


def test_failed_sign_in_with_an_unknown_name_does_not_keep_what_was_typed(client, worker):
    client.post(reverse("authorities:login"), {"username": "Tr0ub4dor&3", "password": "nia.rees"})
    event = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert event.object_id == ""
    assert "Tr0ub4dor" not in str(event.detail)
    assert event.detail == {"username_known": False}

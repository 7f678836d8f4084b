"""Reads recorded during a request can be written at its end, in one insert."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from gofal.audit.middleware import DeferredReadAuditMiddleware
from gofal.audit.models import Action, AuditEvent
from gofal.audit.services import (
    Entry,
    reads_deferred,
    record_list,
    record_reads,
    record_update,
    record_view,
)
from gofal.authorities.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

AUDIT_QUERIES = 3 if connection.vendor == "postgresql" else 2


def test_reads_are_written_when_the_block_ends(django_assert_num_queries):
    user = UserFactory()
    memberships = MembershipFactory.create_batch(3)
    with django_assert_num_queries(AUDIT_QUERIES):
        with reads_deferred():
            record_view(actor=user, obj=memberships[0])
            record_list(actor=user, objects=memberships, context="caseload")
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.action for e in events] == [Action.VIEW, Action.LIST, Action.LIST, Action.LIST]
    assert all(e.actor_id == user.pk for e in events)
    assert events[1].detail == {"context": "caseload"}


def test_without_the_block_reads_are_written_at_once():
    record_view(actor=None, obj=MembershipFactory())
    assert AuditEvent.objects.count() == 1


def test_changes_are_never_deferred():
    membership = MembershipFactory()
    with reads_deferred():
        record_update(actor=None, obj=membership, changes={"role": ["a", "b"]})
        assert AuditEvent.objects.filter(action=Action.UPDATE).count() == 1


def test_only_reads_may_be_queued():
    with pytest.raises(ValueError, match="Only reads"):
        record_reads(actor=None, entries=[Entry(action=Action.DELETE, object_type="a")])


def test_nothing_is_written_inside_the_block():
    with reads_deferred():
        record_view(actor=None, obj=MembershipFactory())
        assert not AuditEvent.objects.exists()
    assert AuditEvent.objects.count() == 1


def _view_then_fail(membership):
    with reads_deferred():
        record_view(actor=None, obj=membership)
        raise RuntimeError


def test_reads_are_dropped_if_the_block_fails():
    membership = MembershipFactory()
    with pytest.raises(RuntimeError):
        _view_then_fail(membership)
    assert not AuditEvent.objects.exists()


def test_each_actor_keeps_their_own_entries():
    first, second = UserFactory(), UserFactory()
    membership = MembershipFactory()
    with reads_deferred():
        record_view(actor=first, obj=membership)
        record_view(actor=second, obj=membership)
        record_view(actor=first, obj=membership)
    actors = list(AuditEvent.objects.order_by("seq").values_list("actor_id", flat=True))
    assert actors == [first.pk, second.pk, first.pk]


def test_middleware_writes_after_the_response_is_made():
    membership = MembershipFactory()
    seen_inside = []

    def view(request):
        record_view(actor=None, obj=membership)
        record_view(actor=None, obj=membership, action=Action.PRINT)
        seen_inside.append(AuditEvent.objects.count())
        return HttpResponse("ok")

    response = DeferredReadAuditMiddleware(view)(RequestFactory().get("/"))

    assert response.status_code == 200
    assert seen_inside == [0]
    assert AuditEvent.objects.count() == 2

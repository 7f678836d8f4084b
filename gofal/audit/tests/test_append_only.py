"""The audit table refuses UPDATE and DELETE by database trigger, on SQLite and PostgreSQL."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from gofal.audit.models import Action, AuditEvent
from gofal.audit.tests.factories import audit_events
from gofal.audit.tests.helpers import TABLE, trigger_names, triggers_dropped

pytestmark = pytest.mark.django_db

REFUSED = "append-only"


@pytest.fixture
def events():
    return audit_events(3)


def refused():
    """Expect the database to refuse, and keep the test's transaction usable afterwards."""
    return pytest.raises(IntegrityError, match=REFUSED)


class TestTriggersRefuseChanges:
    def test_triggers_are_installed(self):
        expected = (
            {f"{TABLE}_no_update", f"{TABLE}_no_delete"}
            if connection.vendor == "sqlite"
            else {f"{TABLE}_append_only"}
        )
        assert trigger_names() == expected

    def test_queryset_update_refused(self, events):
        with refused(), transaction.atomic():
            AuditEvent.objects.filter(seq=events[0].seq).update(action=Action.DELETE)
        assert AuditEvent.objects.get(seq=events[0].seq).action == Action.VIEW

    def test_queryset_update_of_every_row_refused(self, events):
        with refused(), transaction.atomic():
            AuditEvent.objects.update(detail={"rewritten": True})
        assert not AuditEvent.objects.filter(detail={"rewritten": True}).exists()

    def test_queryset_delete_refused(self, events):
        with refused(), transaction.atomic():
            AuditEvent.objects.all().delete()
        assert AuditEvent.objects.count() == 3

    def test_saving_a_changed_row_refused(self, events):
        event = AuditEvent.objects.get(seq=events[1].seq)
        event.actor_label = "someone else"
        with refused(), transaction.atomic():
            event.save()

    def test_deleting_one_row_refused(self, events):
        with refused(), transaction.atomic():
            AuditEvent.objects.get(seq=events[1].seq).delete()
        assert AuditEvent.objects.filter(seq=events[1].seq).exists()

    def test_raw_sql_update_refused(self, events):
        with refused(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET actor_label = 'x'")

    def test_raw_sql_delete_refused(self, events):
        with refused(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE seq = %s", [events[0].seq])
        assert AuditEvent.objects.count() == 3

    def test_inserting_is_still_allowed(self, events):
        audit_events(2)
        assert AuditEvent.objects.count() == 5


class TestFlush:
    """`flush` (the test runner's reset, or an operator wiping a database) empties the audit
    table on both databases, and leaves the triggers in place on SQLite."""

    def test_flush_empties_the_table_and_keeps_the_triggers(self, events):
        before = trigger_names()

        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

        assert AuditEvent.objects.count() == 0
        assert trigger_names() == before
        new = audit_events(1)
        with refused(), transaction.atomic():
            AuditEvent.objects.filter(seq=new[0].seq).delete()

    def test_triggers_put_back_after_tampering_helper(self, events):
        before = trigger_names()
        with triggers_dropped():
            assert trigger_names() == set()
        assert trigger_names() == before

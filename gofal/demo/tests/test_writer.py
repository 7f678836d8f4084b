"""The bulk loader on PostgreSQL: while a load has the secondary indexes, foreign keys and FORCE
ROW LEVEL SECURITY off, rows are copied straight in; afterwards all three are back, and a row
the foreign keys refuse stops the load."""

import uuid
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from gofal.authorities.tenancy import system_access
from gofal.casework.models import SignificantEvent
from gofal.demo.writer import BulkWriter, drop_secondary_indexes, restore_secondary_indexes

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and FORCE are PostgreSQL's"),
]
TABLE = SignificantEvent._meta.db_table


def _catalogue() -> tuple[bool, bool, int, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relforcerowsecurity, row_security_active(oid), "
            "(SELECT count(*) FROM pg_index WHERE indrelid = c.oid AND NOT indisprimary), "
            "(SELECT count(*) FROM pg_constraint WHERE conrelid = c.oid AND contype = 'f') "
            "FROM pg_class c WHERE oid = %s::regclass",
            [TABLE],
        )
        return cursor.fetchone()


def _settle() -> None:
    """The fixtures' rows were written in this test's transaction: check their deferred foreign
    keys now, as a load into an empty database would have none pending."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _event(child, worker, **values):
    return {
        "id": uuid.uuid4(),
        "authority_id": child.authority_id,
        "created_at": timezone.now(),
        "child_id": child.pk,
        "occurred_on": date(2026, 3, 2),
        "kind": "other",
        "summary": "Moved to nan's",
        "recorded_by_id": worker.pk,
        **values,
    }


def test_a_bulk_load_copies_straight_in_and_puts_everything_back(child, worker):
    _settle()
    forced, active, indexes, keys = _catalogue()
    assert (forced, active) == (True, True)
    assert indexes > 1
    assert keys > 0
    with transaction.atomic(), system_access():
        saved = drop_secondary_indexes([SignificantEvent])
        assert _catalogue() == (False, False, 1, 0)  # only the unique form token is left
        writer = BulkWriter()
        writer.add(SignificantEvent, _event(child, worker))
        writer.flush()
        assert writer._direct == {TABLE: True}
        restore_secondary_indexes(saved)
        assert _catalogue() == (forced, active, indexes, keys)
        assert SignificantEvent.objects.filter(child=child).count() == 1


def test_a_row_the_foreign_keys_refuse_stops_the_load(child, worker):
    _settle()
    with pytest.raises(IntegrityError), transaction.atomic(), system_access():  # noqa: PT012
        saved = drop_secondary_indexes([SignificantEvent])
        writer = BulkWriter()
        writer.add(SignificantEvent, _event(child, worker, child_id=uuid.uuid4()))
        writer.flush()
        restore_secondary_indexes(saved)
    assert _catalogue()[0]  # the failed load's transaction took nothing with it

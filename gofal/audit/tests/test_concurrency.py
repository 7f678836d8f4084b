"""Writers at once: the chain must not fork.

Each thread has its own database connection and commits for real, so these tests cannot run
inside the usual rolled-back test transaction. They do not use pytest-django's transactional
mode either: that empties every table afterwards (`flush`), which also removes the rows that
data migrations loaded (code lists, timescale rules) and breaks later runs with --reuse-db.
Instead the tests open the database themselves and, before and after, empty only the audit
table, which is all the writers touch (TRUNCATE on PostgreSQL; on SQLite a DELETE with the
append-only triggers set aside and put back, as the tamper tests do).

The PostgreSQL test is the one that matters: there the advisory lock orders the writers. On
SQLite the database serialises write transactions itself (settings open them with
`BEGIN IMMEDIATE`); a smaller test checks that this holds too.
"""

import random
import threading
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from gofal.audit.models import Action, AuditEvent
from gofal.audit.services import GENESIS, Entry, record_entries
from gofal.audit.tests.helpers import TABLE, triggers_dropped

WRITERS = 8
CALLS_PER_WRITER = 40


def _empty_audit_table() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")
        return
    with transaction.atomic(), triggers_dropped():
        AuditEvent.objects.all().delete()


@pytest.fixture
def committing_db(django_db_setup, django_db_blocker):
    """The test database with real commits; the audit table empty before and after."""
    with django_db_blocker.unblock():
        _empty_audit_table()
        try:
            yield
        finally:
            _empty_audit_table()
            connection.close()


def _write(
    barrier: threading.Barrier, errors: list[BaseException], writer: int, calls: int
) -> None:
    try:
        rng = random.Random(writer)
        barrier.wait(timeout=30)
        for call in range(calls):
            record_entries(
                actor=None,
                entries=[
                    Entry(
                        action=Action.VIEW,
                        object_type="people.person",
                        object_id=str(uuid.uuid4()),
                        detail={"writer": writer, "call": call, "row": row},
                    )
                    for row in range(rng.randint(1, 4))
                ],
            )
    except BaseException as error:  # reported by the main thread
        errors.append(error)
    finally:
        connections.close_all()


def _run_writers(writers: int, calls: int) -> None:
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=_write, args=(barrier, errors, n, calls), name=f"writer-{n}")
        for n in range(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def _assert_one_unbroken_chain(writers: int) -> None:
    rows = list(AuditEvent.objects.order_by("seq").values_list("seq", "prev_hash", "hash"))
    assert set(AuditEvent.objects.values_list("detail__writer", flat=True)) == set(range(writers))
    assert [seq for seq, _, _ in rows] == list(range(1, len(rows) + 1))
    previous = GENESIS
    for seq, prev_hash, digest in rows:
        assert prev_hash == previous, f"fork at position {seq}"
        previous = digest
    assert len({digest for _, _, digest in rows}) == len(rows)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert f"Verified {len(rows)} audit events." in out.getvalue()
    assert "Chain intact." in out.getvalue()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the advisory lock is PostgreSQL's; SQLite is covered by the test below",
)
def test_eight_concurrent_writers_do_not_fork_the_chain(committing_db):
    _run_writers(WRITERS, CALLS_PER_WRITER)
    _assert_one_unbroken_chain(WRITERS)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own serialisation")
def test_concurrent_writers_on_sqlite_are_serialised(committing_db):
    _run_writers(4, 15)
    _assert_one_unbroken_chain(4)

"""Eight writers at once on PostgreSQL: the chain must not fork.

Each thread has its own database connection and commits its own transactions, so this test
is transactional (the tables are emptied with TRUNCATE afterwards). SQLite serialises writers
itself and its test database is reset with DELETE, which the audit triggers refuse outside
`flush`; the test is PostgreSQL-only.
"""

import random
import threading
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from gofal.audit.models import Action, AuditEvent
from gofal.audit.services import GENESIS, Entry, record_entries

WRITERS = 8
CALLS_PER_WRITER = 40

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL (SQLite serialises writers by design)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _write(barrier: threading.Barrier, errors: list[BaseException], writer: int) -> None:
    try:
        rng = random.Random(writer)
        barrier.wait(timeout=30)
        for call in range(CALLS_PER_WRITER):
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


def test_eight_concurrent_writers_do_not_fork_the_chain():
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=_write, args=(barrier, errors, n), name=f"writer-{n}")
        for n in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    rows = list(AuditEvent.objects.order_by("seq").values_list("seq", "prev_hash", "hash"))
    writers = set(AuditEvent.objects.values_list("detail__writer", flat=True))
    assert writers == set(range(WRITERS))
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

"""Test helpers: step round the append-only triggers to simulate tampering."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from gofal.audit.append_only import create_statements, drop_statements
from gofal.audit.models import AuditEvent

TABLE = AuditEvent._meta.db_table


@contextmanager
def triggers_dropped() -> Iterator[None]:
    """Drop the triggers for the block and put them back (what an attacker with DDL could do)."""
    with connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor, TABLE):
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in create_statements(connection.vendor, TABLE):
                cursor.execute(statement)


def tamper(seq: int, **values: object) -> None:
    with triggers_dropped():
        updated = AuditEvent.objects.filter(seq=seq).update(**values)
    assert updated == 1


def remove(seq: int) -> None:
    with triggers_dropped():
        deleted, _ = AuditEvent.objects.filter(seq=seq).delete()
    assert deleted == 1


def trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
        return {row[0] for row in cursor.fetchall()}

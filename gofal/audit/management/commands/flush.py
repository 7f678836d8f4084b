"""`flush` (empty every table), made to work with the append-only audit table on SQLite.

Django's `flush` empties tables with TRUNCATE on PostgreSQL, which row triggers do not see,
but with DELETE on SQLite, which the audit triggers refuse. Flushing is a deliberate wipe of the
whole database by someone who controls it (and the test runner's reset between transactional
tests), so on SQLite the triggers step aside for the flush alone and are put back at once, even
if it fails. Nothing else can delete audit rows.
"""

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from gofal.audit.append_only import create_statements, drop_statements
from gofal.audit.models import AuditEvent


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or "default"]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        table = AuditEvent._meta.db_table
        with connection.cursor() as cursor:
            for statement in drop_statements(connection.vendor, table):
                cursor.execute(statement)
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for statement in create_statements(connection.vendor, table):
                    cursor.execute(statement)

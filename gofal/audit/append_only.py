"""Database triggers that make a table append-only: UPDATE and DELETE are refused.

They are a wall against mistakes and against tampering through the application's own
connection, on both databases. They do not stop the table's owner (who may drop a trigger) and
row triggers do not fire on TRUNCATE: in production the application connects as a role that may
only SELECT and INSERT on the audit table (see docs/adr/0003-audit-log.md), and
`manage.py audit verify` detects any change made behind the triggers' back.
"""

from typing import Any

from django.db.migrations.operations.base import Operation

MESSAGE = "the audit log is append-only"

SQLITE_CREATE = """
CREATE TRIGGER {name}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{message}: UPDATE refused'); END;
CREATE TRIGGER {name}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{message}: DELETE refused'); END;
"""
SQLITE_DROP = """
DROP TRIGGER IF EXISTS {name}_no_update;
DROP TRIGGER IF EXISTS {name}_no_delete;
"""
# SQLSTATE 23000 (integrity constraint violation) so that both databases raise IntegrityError.
POSTGRESQL_CREATE = """
CREATE FUNCTION {name}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{message}: % refused', TG_OP USING ERRCODE = '23000';
END
$$;
CREATE TRIGGER {name}_append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}_refuse();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS {name}_append_only ON {table};
DROP FUNCTION IF EXISTS {name}_refuse();
"""


def _sql(vendor: str, table: str, *, create: bool) -> list[str]:
    if vendor == "sqlite":
        template = SQLITE_CREATE if create else SQLITE_DROP
    elif vendor == "postgresql":
        template = POSTGRESQL_CREATE if create else POSTGRESQL_DROP
    else:
        raise NotImplementedError(f"No append-only triggers for {vendor}.")
    text = template.format(name=table, table=table, message=MESSAGE)
    if vendor == "postgresql":
        return [text]  # one script: the function body contains semicolons
    return [statement.strip() + ";" for statement in text.split(";\n") if statement.strip()]


def create_statements(vendor: str, table: str) -> list[str]:
    return _sql(vendor, table, create=True)


def drop_statements(vendor: str, table: str) -> list[str]:
    return _sql(vendor, table, create=False)


class MakeAppendOnly(Operation):
    """Migration operation: refuse UPDATE and DELETE on a model's table, by trigger."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _table(self, app_label: str, state: Any) -> str:
        return str(state.apps.get_model(app_label, self.model_name)._meta.db_table)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        table = self._table(app_label, to_state)
        for statement in create_statements(schema_editor.connection.vendor, table):
            schema_editor.execute(statement, params=None)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        table = self._table(app_label, from_state)
        for statement in drop_statements(schema_editor.connection.vendor, table):
            schema_editor.execute(statement, params=None)

    def describe(self) -> str:
        return f"Refuse UPDATE and DELETE on {self.model_name}"

    def deconstruct(self) -> tuple[str, list[str], dict[str, Any]]:
        return (self.__class__.__qualname__, [self.model_name], {})

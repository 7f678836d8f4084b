"""Council isolation in the database.

Selectors always filter by authority. On PostgreSQL, row-level security is a second wall: each
case-record table has a policy that only admits rows of the authority set for the current
transaction (`gofal.authority_id`), unless a trusted system process has switched the check off
(`gofal.rls_bypass`). With nothing set, no case rows are visible: the policy fails closed.
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from django.db import connection, transaction
from django.db.migrations.operations.base import Operation

_SETTINGS = ("gofal.authority_id", "gofal.rls_bypass")


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def _settings(authority_id: str, bypass: str) -> Iterator[None]:
    if not _is_postgres():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting(%s, true), current_setting(%s, true)", list(_SETTINGS)
        )
        previous = cursor.fetchone()
        cursor.execute(
            "SELECT set_config(%s, %s, true), set_config(%s, %s, true)",
            [_SETTINGS[0], authority_id, _SETTINGS[1], bypass],
        )
        yield
        # On an exception the savepoint rolls back and takes the settings with it; on a normal
        # exit the enclosing transaction would keep them, so put back what was there before.
        cursor.execute(
            "SELECT set_config(%s, %s, true), set_config(%s, %s, true)",
            [_SETTINGS[0], previous[0] or "", _SETTINGS[1], previous[1] or "off"],
        )


def acting_as_authority(authority_id: object) -> AbstractContextManager[None]:
    """Within this block, the database admits only rows of this council."""
    return _settings(str(authority_id or ""), "off")


@contextmanager
def council_transaction(authority_id: object) -> Iterator[None]:
    """A transaction acting for this council: a whole request (`CurrentAuthorityMiddleware`).

    As the outermost transaction (every real request) the council is set in one statement and
    never put back: transaction-local settings end with the transaction, at commit or
    rollback. Inside a transaction already open (each test runs in one) it is
    `acting_as_authority` in a savepoint, which puts back what was there before.
    """
    if not _is_postgres():
        yield
        return
    if connection.in_atomic_block:
        with transaction.atomic(), acting_as_authority(authority_id):
            yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config(%s, %s, true), set_config(%s, %s, true)",
                [_SETTINGS[0], str(authority_id or ""), _SETTINGS[1], "off"],
            )
        yield


def system_access() -> AbstractContextManager[None]:
    """For trusted processes that work across councils (generator, reconcile, audit verify)."""
    return _settings("", "on")


POLICY_SQL = """
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
CREATE POLICY authority_isolation ON {table}
    USING (current_setting('gofal.rls_bypass', true) = 'on'
           OR authority_id::text = current_setting('gofal.authority_id', true))
    WITH CHECK (current_setting('gofal.rls_bypass', true) = 'on'
           OR authority_id::text = current_setting('gofal.authority_id', true));
"""
DROP_SQL = """
DROP POLICY IF EXISTS authority_isolation ON {table};
ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
"""


class EnableRowLevelSecurity(Operation):
    """Migration operation: put the council isolation policy on a model's table (PostgreSQL)."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def state_forwards(self, app_label, state):  # type: ignore[no-untyped-def]
        pass

    def _table(self, app_label, to_state):  # type: ignore[no-untyped-def]
        return to_state.apps.get_model(app_label, self.model_name)._meta.db_table

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            table = schema_editor.quote_name(self._table(app_label, to_state))
            schema_editor.execute(POLICY_SQL.format(table=table))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            table = schema_editor.quote_name(self._table(app_label, from_state))
            schema_editor.execute(DROP_SQL.format(table=table))

    def describe(self) -> str:
        return f"Enable council row-level security on {self.model_name}"

    def deconstruct(self):  # type: ignore[no-untyped-def]
        return (self.__class__.__qualname__, [self.model_name], {})

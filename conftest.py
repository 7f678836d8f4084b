"""Shared pytest setup.

On PostgreSQL the test connection runs with council row-level security switched off at session
level, so factories and assertions can see every council; each request made through the test
client is scoped to its council by the middleware exactly as in production (a transaction-local
setting), and the row-level security tests switch the wall on explicitly.
"""

from django.db.backends.signals import connection_created


def _bypass_rls_for_tests(sender, connection, **kwargs):  # noqa: ARG001
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('gofal.rls_bypass', 'on', false)")


connection_created.connect(_bypass_rls_for_tests)

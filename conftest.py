"""Shared pytest setup.

On PostgreSQL the test connection runs with council row-level security switched off at session
level, so factories and assertions can see every council; each request made through the test
client is scoped to its council by the middleware exactly as in production (a transaction-local
setting), and the row-level security tests switch the wall on explicitly.
"""

import pytest
from django.conf import settings
from django.db.backends.signals import connection_created
from django.utils import translation


def _bypass_rls_for_tests(sender, connection, **kwargs):  # noqa: ARG001
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('gofal.rls_bypass', 'on', false)")


connection_created.connect(_bypass_rls_for_tests)


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request in Welsh leaves Welsh active on the thread: start and end each test in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def _static_files_found_on_request():
    """Each test client builds its own middleware, and WhiteNoise would index every static file
    (thousands, under node_modules) each time: in tests let it look files up on request instead.
    """
    settings.WHITENOISE_AUTOREFRESH = True

"""Council isolation: selectors scope by council, and on PostgreSQL row-level security refuses
cross-council reads and writes even when a query forgets the filter (design decision 3).

The test connection runs with the wall switched off at session level (conftest.py), so that
factories can build several councils; every test here switches it on explicitly, through the
same context managers and middleware that production uses.
"""

import json
import re
import uuid

import pytest
from django.apps import apps
from django.db import ProgrammingError, connection, transaction
from django.urls import reverse

from gofal.audit.models import Action, AuditEvent
from gofal.authorities.models import AuthorityOwned, Role
from gofal.authorities.tenancy import acting_as_authority, system_access
from gofal.authorities.tests.factories import (
    AuthorityFactory,
    MembershipFactory,
    TeamFactory,
    UserFactory,
    staff,
)
from gofal.people.models import Person

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row-level security is a PostgreSQL feature; on SQLite the selectors are the wall",
)


def rls_applies_to_this_connection() -> None:
    """Superusers and BYPASSRLS roles ignore every policy: the tests below would prove nothing."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
        )
        role, superuser, bypass = cursor.fetchone()
    if superuser or bypass:
        pytest.fail(
            f"DATABASE_URL connects as role {role!r}, which is a superuser or has BYPASSRLS, so "
            "row-level security is not applied to it. Run the tests (and Gofal) as an ordinary "
            "role, e.g. postgres://gofal:gofal@127.0.0.1:5432/gofal (role gofal: NOSUPERUSER "
            "NOBYPASSRLS)."
        )


@pytest.fixture
def councils():
    a = AuthorityFactory(name_en="Cyngor A")
    b = AuthorityFactory(name_en="Cyngor B")
    people_a = [
        Person.objects.create(authority=a, given_name="Aled", family_name="Morgan"),
        Person.objects.create(authority=a, given_name="Anwen", family_name="Morgan"),
    ]
    people_b = [Person.objects.create(authority=b, given_name="Bethan", family_name="Lloyd")]
    return a, b, people_a, people_b


def visible_ids():
    return set(Person.objects.values_list("pk", flat=True))


def raw_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM people_person")
        return cursor.fetchone()[0]


@postgresql_only
class TestRowLevelSecurity:
    @pytest.fixture(autouse=True)
    def _role_is_ordinary(self):
        rls_applies_to_this_connection()

    def test_query_without_the_council_filter_sees_only_the_acting_council(self, councils):
        a, b, people_a, people_b = councils
        with acting_as_authority(a.pk):
            assert visible_ids() == {p.pk for p in people_a}
            assert not Person.objects.filter(pk=people_b[0].pk).exists()
            assert not Person.objects.filter(authority=b).exists()
            assert raw_count() == len(people_a)
        with acting_as_authority(b.pk):
            assert visible_ids() == {p.pk for p in people_b}

    def test_inserting_a_row_for_another_council_is_refused(self, councils):
        a, b, _, _ = councils
        with pytest.raises(ProgrammingError, match="row-level security"), acting_as_authority(a.pk):
            Person.objects.create(authority=b, given_name="Intruder")
        with system_access():
            assert not Person.objects.filter(given_name="Intruder").exists()

    def test_inserting_for_the_acting_council_is_allowed(self, councils):
        a, _, people_a, _ = councils
        with acting_as_authority(a.pk):
            Person.objects.create(authority=a, given_name="Newydd")
            assert len(visible_ids()) == len(people_a) + 1

    def test_rows_of_another_council_cannot_be_changed_or_deleted(self, councils):
        a, _, _, people_b = councils
        with acting_as_authority(a.pk):
            assert Person.objects.filter(pk=people_b[0].pk).update(given_name="Changed") == 0
            assert Person.objects.filter(pk=people_b[0].pk).delete()[0] == 0
        with system_access():
            assert Person.objects.get(pk=people_b[0].pk).given_name == "Bethan"

    def test_a_row_cannot_be_moved_to_another_council(self, councils):
        a, b, people_a, _ = councils
        with pytest.raises(ProgrammingError, match="row-level security"), acting_as_authority(a.pk):
            Person.objects.filter(pk=people_a[0].pk).update(authority=b)

    def test_nothing_visible_with_no_council_and_no_bypass(self, councils):
        with acting_as_authority(None):
            assert visible_ids() == set()
            assert raw_count() == 0

    def test_nothing_visible_when_the_settings_were_never_made(self, councils):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL gofal.rls_bypass TO DEFAULT")
            cursor.execute("SET LOCAL gofal.authority_id TO DEFAULT")
            assert raw_count() == 0
            with pytest.raises(ProgrammingError), transaction.atomic():
                Person.objects.create(authority=councils[0], given_name="Nobody's")

    def test_system_access_sees_every_council(self, councils):
        _, _, people_a, people_b = councils
        with acting_as_authority(None), system_access():
            assert visible_ids() == {p.pk for p in people_a + people_b}

    def test_settings_are_put_back_after_the_block(self, councils):
        a, _, _, _ = councils
        with acting_as_authority(a.pk):
            pass
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('gofal.rls_bypass', true),"
                " current_setting('gofal.authority_id', true)"
            )
            assert cursor.fetchone() == ("on", "")

    def test_settings_are_put_back_after_an_error(self, councils):
        a, _, _, _ = councils
        with pytest.raises(ZeroDivisionError), acting_as_authority(a.pk):
            1 / 0  # noqa: B018
        assert raw_count() == 3

    def test_nested_blocks_restore_the_outer_council(self, councils):
        a, b, people_a, people_b = councils
        with acting_as_authority(a.pk):
            with acting_as_authority(b.pk):
                assert visible_ids() == {p.pk for p in people_b}
            assert visible_ids() == {p.pk for p in people_a}

    def test_every_case_record_table_has_the_policy(self):
        owned = [
            m
            for m in apps.get_models()
            if issubclass(m, AuthorityOwned) and not m._meta.proxy and m._meta.managed
        ]
        assert owned, "no case-record models found"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname FROM pg_class c"
                " JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'authority_isolation'"
                " WHERE c.relrowsecurity AND c.relforcerowsecurity"
            )
            protected = {row[0] for row in cursor.fetchall()}
        missing = sorted(m._meta.db_table for m in owned if m._meta.db_table not in protected)
        assert not missing, (
            f"case-record tables without row-level security: {missing}. Add "
            "gofal.authorities.tenancy.EnableRowLevelSecurity('<model>') to the migration."
        )


def _page_without(response, asked_for) -> bytes:
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", response.content)
    return body.replace(str(asked_for).encode(), b"<id>")


@pytest.mark.urls("gofal.authorities.tests.urls")
class TestMiddleware:
    """Each request acts for one council; on PostgreSQL the database enforces it too."""

    def test_record_of_another_council_is_not_found(self, client, councils):
        a, _, people_a, people_b = councils
        client.force_login(staff(Role.SOCIAL_WORKER, team=_team_of(a)))

        assert client.get(_person_url(people_a[0])).status_code == 200
        assert client.get(_person_url(people_b[0])).status_code == 404

    def test_real_person_page_of_another_council_is_not_found_and_not_audited(
        self, client, councils
    ):
        a, _, people_a, people_b = councils
        client.force_login(staff(Role.SOCIAL_WORKER, team=_team_of(a)))

        mine = client.get(reverse("people:person_detail", args=[people_a[0].pk]))
        theirs = client.get(reverse("people:person_detail", args=[people_b[0].pk]))
        missing_id = uuid.uuid4()
        missing = client.get(reverse("people:person_detail", args=[missing_id]))

        assert mine.status_code == 200
        assert theirs.status_code == 404
        assert missing.status_code == 404
        # Identical apart from what differs per request anyway: the id asked for (in the
        # language switch's return link) and the masked CSRF token of the sign-out form.
        assert _page_without(theirs, people_b[0].pk) == _page_without(missing, missing_id)
        viewed = set(
            AuditEvent.objects.filter(action=Action.VIEW).values_list("person_id", flat=True)
        )
        assert viewed == {people_a[0].pk}

    @postgresql_only
    def test_record_of_another_council_not_found_even_if_the_view_forgets_the_filter(
        self, client, councils
    ):
        rls_applies_to_this_connection()
        a, _, people_a, people_b = councils
        client.force_login(staff(Role.SOCIAL_WORKER, team=_team_of(a)))

        assert client.get(_unscoped_url(people_a[0])).status_code == 200
        assert client.get(_unscoped_url(people_b[0])).status_code == 404

    @postgresql_only
    def test_the_council_is_set_in_the_database_during_the_request(self, client, councils):
        rls_applies_to_this_connection()
        a, _, people_a, _ = councils
        client.force_login(staff(Role.SOCIAL_WORKER, team=_team_of(a)))

        seen = json.loads(client.get(reverse("probe_database")).content)

        assert seen == {
            "vendor": "postgresql",
            "authority_id": str(a.pk),
            "bypass": "off",
            "visible": len(people_a),
        }
        # and the test connection is as it was once the request is over
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('gofal.rls_bypass', true)")
            assert cursor.fetchone()[0] == "on"

    @postgresql_only
    def test_the_chosen_council_is_the_one_set(self, client, councils):
        a, b, _, people_b = councils
        user = staff(Role.SOCIAL_WORKER, team=_team_of(a))
        MembershipFactory(user=user, team=_team_of(b), authority=b)
        client.force_login(user)
        client.post(reverse("authorities:switch"), {"authority": str(b.pk), "next": "/"})

        seen = json.loads(client.get(reverse("probe_database")).content)

        assert seen["authority_id"] == str(b.pk)
        assert seen["visible"] == len(people_b)

    @postgresql_only
    def test_a_user_with_no_council_sees_no_case_records(self, client, councils):
        rls_applies_to_this_connection()
        client.force_login(UserFactory())

        seen = json.loads(client.get(reverse("probe_database")).content)

        assert seen["authority_id"] == ""
        assert seen["bypass"] == "off"
        assert seen["visible"] == 0


@postgresql_only
class TestCouncilTransaction:
    """A real request is in no transaction when it starts, so the middleware's own transaction
    is the outermost: the council is set in one statement and not put back, because a
    transaction-local setting ends with its transaction. (Each test runs inside a transaction,
    so this is tried on a connection of its own, in another thread.)"""

    def test_set_once_and_gone_with_the_transaction(self):
        import threading

        from django.db import connection as thread_connection
        from django.test.utils import CaptureQueriesContext

        from gofal.authorities.tenancy import council_transaction

        council = str(uuid.uuid4())
        seen: dict[str, object] = {}

        def request() -> None:
            try:
                thread_connection.ensure_connection()
                seen["outermost"] = not thread_connection.in_atomic_block
                with CaptureQueriesContext(thread_connection) as queries:
                    with council_transaction(council), thread_connection.cursor() as cursor:
                        cursor.execute(
                            "SELECT current_setting('gofal.authority_id', true),"
                            " current_setting('gofal.rls_bypass', true)"
                        )
                        seen["during"] = cursor.fetchone()
                seen["statements"] = [
                    q["sql"] for q in queries if q["sql"] not in ("BEGIN", "COMMIT")
                ]
                with thread_connection.cursor() as cursor:
                    cursor.execute("SELECT current_setting('gofal.authority_id', true)")
                    seen["after"] = cursor.fetchone()[0]
            finally:
                thread_connection.close()

        thread = threading.Thread(target=request)
        thread.start()
        thread.join()

        assert seen["outermost"] is True
        assert seen["during"] == (council, "off")
        setting, read = seen["statements"]  # no savepoint, no reading or putting back
        assert setting.startswith("SELECT set_config('gofal.authority_id'")
        assert seen["after"] in ("", None)


def _team_of(authority):
    return TeamFactory(authority=authority)


def _person_url(person):
    return reverse("probe_person", args=[person.pk])


def _unscoped_url(person):
    return reverse("probe_person_unscoped", args=[person.pk])

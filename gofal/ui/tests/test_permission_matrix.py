"""Every role against every page: the status each gets is the one in permission_matrix.py."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.people.tests.factories import ChildFactory
from gofal.ui.tests.permission_matrix import MATRIX, NOT_FOUND, OK, Row

PERSON_KWARGS = ("person_id", "child_id")


def _patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n)
            found.extend(_patterns(entry, inner))
        elif entry.name:
            found.append((f"{namespace}:{entry.name}" if namespace else entry.name, entry))
    return found


def pages() -> dict[str, str | None]:
    """Named URLs taking no argument (None) or only a person's id (the keyword's name)."""
    result: dict[str, str | None] = {}
    for name, pattern in _patterns(get_resolver()):
        arguments = list(pattern.pattern.converters)
        if not arguments:
            result[name] = None
        elif len(arguments) == 1 and arguments[0] in PERSON_KWARGS:
            result[name] = arguments[0]
    return result


PAGES = pages()
# Pages not yet in the table are reported (skipped) while areas are built in parallel; the
# switch below turns that into a failure once every area has landed.
REQUIRE_EVERY_PAGE = False
ALL_ROLES = ["anonymous", *(role.value for role in Role)]


def test_every_row_is_a_page_that_exists():
    stale = sorted(set(MATRIX) - set(PAGES))
    assert not stale, f"rows in permission_matrix.py for pages that do not exist: {stale}"


def test_every_page_has_a_row():
    missing = sorted(set(PAGES) - set(MATRIX))
    if missing and not REQUIRE_EVERY_PAGE:
        pytest.skip(f"pages with no row in permission_matrix.py yet: {missing}")
    assert not missing, (
        f"add a row to gofal/ui/tests/permission_matrix.py for each of these pages: {missing}"
    )


def _row(name: str) -> Row:
    row = MATRIX.get(name)
    if row is None:
        pytest.skip(f"{name} has no row in permission_matrix.py")
    return row


def _url(name: str, person_kwarg: str | None, person) -> str:
    return reverse(name, kwargs={person_kwarg: person.pk} if person_kwarg else None)


@pytest.fixture
def council():
    return AuthorityFactory()


def _client_for(client, role: str, council):
    if role != "anonymous":
        client.force_login(staff(role, team=TeamFactory(authority=council)))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_role_gets_the_expected_status(client, council, name, role):
    row = _row(name)
    person = ChildFactory(authority=council) if PAGES[name] else None

    response = _client_for(client, role, council).get(_url(name, PAGES[name], person))

    assert response.status_code == row.status_for(role), (
        f"{role} on {name}: got {response.status_code}, the table says {row.status_for(role)}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(n for n, kwarg in PAGES.items() if kwarg))
def test_another_councils_person_is_not_found(client, council, name, role):
    row = _row(name)
    elsewhere = ChildFactory(authority=AuthorityFactory())

    response = _client_for(client, role, council).get(_url(name, PAGES[name], elsewhere))

    own = row.status_for(role)
    expected = NOT_FOUND if own in (OK, NOT_FOUND) else own
    assert response.status_code == expected, (
        f"{role} on {name} for another council's person: got {response.status_code}, "
        f"expected {expected}"
    )

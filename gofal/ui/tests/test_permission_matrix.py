"""Every role against every page: the status each gets is the one in permission_matrix.py."""

import pytest
from django.test import Client
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

ALL_ROLES = ["anonymous", *(role.value for role in Role)]


def test_every_row_is_a_page_that_exists():
    stale = sorted(set(MATRIX) - set(PAGES))
    assert not stale, f"rows in permission_matrix.py for pages that do not exist: {stale}"


def test_every_page_has_a_row():
    missing = sorted(set(PAGES) - set(MATRIX))
    assert not missing, (
        f"add a row to gofal/ui/tests/permission_matrix.py for each of these pages: {missing}"
    )


def _row(name: str) -> Row:
    row = MATRIX.get(name)
    if row is None:
        pytest.fail(f"{name} has no row in gofal/ui/tests/permission_matrix.py: add one")
    return row


def _url(name: str, person_kwarg: str | None, person) -> str:
    return reverse(name, kwargs={person_kwarg: person.pk} if person_kwarg else None)


def _status(role: str, url: str, users: dict) -> int:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client.get(url).status_code


@pytest.fixture
def council():
    return AuthorityFactory()


@pytest.fixture
def users(council):
    """One member of staff per role, each in their own team of the council."""
    return {role: staff(role, team=TeamFactory(authority=council)) for role in ALL_ROLES[1:]}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_role_gets_the_expected_status(council, users, name):
    row = _row(name)
    person = ChildFactory(authority=council) if PAGES[name] else None
    url = _url(name, PAGES[name], person)

    wrong = [
        f"  {role}: got {status}, the table says {row.status_for(role)}"
        for role in ALL_ROLES
        if (status := _status(role, url, users)) != row.status_for(role)
    ]

    assert not wrong, f"GET {name}:\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, kwarg in PAGES.items() if kwarg))
def test_another_councils_person_is_not_found(council, users, name):
    row = _row(name)
    url = _url(name, PAGES[name], ChildFactory(authority=AuthorityFactory()))

    wrong = []
    for role in ALL_ROLES:
        own = row.status_for(role)
        expected = NOT_FOUND if own in (OK, NOT_FOUND) else own
        if (status := _status(role, url, users)) != expected:
            wrong.append(f"  {role}: got {status}, expected {expected}")

    assert not wrong, f"GET {name} for another council's person:\n" + "\n".join(wrong)

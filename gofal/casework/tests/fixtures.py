"""The people most casework tests need: a team, its social worker and manager, a child with an
involvement allocated to the worker. Apps' conftest files import these by name."""

import datetime as dt

import pytest

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.casework.tests.factories import AllocationFactory, ChildFactory, InvolvementFactory


@pytest.fixture
def team(db):
    return TeamFactory()


@pytest.fixture
def worker(team):
    return staff(Role.SOCIAL_WORKER, team=team, first_name="Siân", last_name="Morgan")


@pytest.fixture
def manager(team):
    return staff(Role.TEAM_MANAGER, team=team, first_name="Rhys", last_name="Price")


@pytest.fixture
def child(team):
    return ChildFactory(authority=team.authority, given_name="Cerys", family_name="Hughes")


@pytest.fixture
def involvement(child, team):
    return InvolvementFactory(child=child, team=team, started_on=dt.date(2025, 1, 6))


@pytest.fixture
def allocation(involvement, worker):
    return AllocationFactory(involvement=involvement, worker=worker, membership=False)

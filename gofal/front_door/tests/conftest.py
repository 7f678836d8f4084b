import pytest

from gofal.authorities.models import Role, TeamKind
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.people.tests.factories import ChildFactory


@pytest.fixture
def front_door_team(db):
    return TeamFactory(kind=TeamKind.FRONT_DOOR, name_en="IAA team")


@pytest.fixture
def authority(front_door_team):
    return front_door_team.authority


@pytest.fixture
def locality(authority):
    return TeamFactory(authority=authority, kind=TeamKind.LOCALITY, name_en="Ebbw Vale locality")


@pytest.fixture
def early_help_team(authority):
    return TeamFactory(authority=authority, kind=TeamKind.EARLY_HELP, name_en="Families First")


@pytest.fixture
def worker(front_door_team):
    return staff(Role.SOCIAL_WORKER, team=front_door_team, first_name="Siân", last_name="Morgan")


@pytest.fixture
def manager(front_door_team):
    return staff(Role.TEAM_MANAGER, team=front_door_team, first_name="Rhys", last_name="Price")


@pytest.fixture
def child(authority):
    return ChildFactory(authority=authority, given_name="Cerys", family_name="Hughes")

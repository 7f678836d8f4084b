from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from gofal.authorities.acting import NOBODY, acting_for
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import (
    AuthorityFactory,
    MembershipFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture
def councils():
    return AuthorityFactory(name_en="Alpha Council"), AuthorityFactory(name_en="Beta Council")


@pytest.fixture
def user():
    return UserFactory()


def member(user, authority, role=Role.SOCIAL_WORKER, team=None, **dates):
    team = team or TeamFactory(authority=authority)
    return MembershipFactory(user=user, team=team, authority=authority, role=role, **dates)


class TestActingFor:
    def test_anonymous_acts_for_nobody(self):
        assert acting_for(user=AnonymousUser(), authority_id=None, as_of=TODAY) is NOBODY

    def test_user_with_no_membership_acts_for_nobody(self, user):
        acting = acting_for(user=user, authority_id=None, as_of=TODAY)
        assert acting.authority is None
        assert acting.roles == frozenset()

    def test_chooses_the_session_council_when_the_user_belongs_to_it(self, user, councils):
        alpha, beta = councils
        member(user, alpha)
        member(user, beta)
        assert acting_for(user=user, authority_id=str(beta.pk), as_of=TODAY).authority == beta
        assert acting_for(user=user, authority_id=beta.pk, as_of=TODAY).authority == beta

    def test_ignores_a_session_council_the_user_does_not_belong_to(self, user, councils):
        alpha, beta = councils
        member(user, alpha)
        acting = acting_for(user=user, authority_id=str(beta.pk), as_of=TODAY)
        assert acting.authority == alpha
        assert acting.authorities == (alpha,)

    def test_without_a_choice_the_first_council_by_name(self, user, councils):
        alpha, beta = councils
        member(user, beta)
        member(user, alpha)
        acting = acting_for(user=user, authority_id=None, as_of=TODAY)
        assert acting.authority == alpha
        assert acting.authorities == (alpha, beta)

    def test_roles_and_teams_are_those_held_in_the_chosen_council_only(self, user, councils):
        alpha, beta = councils
        locality = TeamFactory(authority=alpha)
        front_door = TeamFactory(authority=alpha)
        member(user, alpha, Role.SOCIAL_WORKER, team=locality)
        member(user, alpha, Role.TEAM_MANAGER, team=front_door)
        member(user, beta, Role.PRIVACY_OFFICER)

        acting = acting_for(user=user, authority_id=alpha.pk, as_of=TODAY)

        assert acting.roles == {Role.SOCIAL_WORKER, Role.TEAM_MANAGER}
        assert acting.team_ids == {locality.pk, front_door.pk}
        assert acting.managed_team_ids == {front_door.pk}
        assert acting.is_manager
        assert not acting.has_role(Role.PRIVACY_OFFICER)
        assert not acting.sees_whole_council

    def test_council_wide_role_without_a_team(self, user, councils):
        alpha, _ = councils
        MembershipFactory(user=user, team=None, authority=alpha, role=Role.PRIVACY_OFFICER)
        acting = acting_for(user=user, authority_id=None, as_of=TODAY)
        assert acting.authority == alpha
        assert acting.team_ids == frozenset()
        assert acting.sees_whole_council

    def test_ended_memberships_are_ignored(self, user, councils):
        alpha, beta = councils
        member(user, alpha, Role.TEAM_MANAGER, started_on=date(2020, 1, 1), ended_on=TODAY)
        member(user, beta, Role.SOCIAL_WORKER)

        acting = acting_for(user=user, authority_id=alpha.pk, as_of=TODAY)

        assert acting.authority == beta
        assert acting.authorities == (beta,)
        assert acting.roles == {Role.SOCIAL_WORKER}

    def test_ended_role_in_the_same_council_is_ignored(self, user, councils):
        alpha, _ = councils
        member(user, alpha, Role.TEAM_MANAGER, ended_on=date(2026, 1, 1))
        member(user, alpha, Role.SOCIAL_WORKER)
        acting = acting_for(user=user, authority_id=None, as_of=TODAY)
        assert acting.roles == {Role.SOCIAL_WORKER}
        assert not acting.is_manager

    def test_membership_not_yet_started_is_ignored(self, user, councils):
        alpha, _ = councils
        member(user, alpha, started_on=date(2027, 1, 1))
        assert acting_for(user=user, authority_id=None, as_of=TODAY).authority is None

    def test_membership_ending_tomorrow_still_counts(self, user, councils):
        alpha, _ = councils
        member(user, alpha, ended_on=date(2026, 11, 24))
        assert acting_for(user=user, authority_id=None, as_of=TODAY).authority == alpha

"""Factories for councils, teams and staff, shared by every app's tests."""

from datetime import date

import factory

from gofal.authorities.models import Authority, Jurisdiction, Membership, Role, Team, TeamKind, User


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"W06{n:06d}")
    name_en = factory.Sequence(lambda n: f"Test County Council {n}")
    name_cy = factory.Sequence(lambda n: f"Cyngor Sir Prawf {n}")
    jurisdiction = Jurisdiction.WALES


class EnglishAuthorityFactory(AuthorityFactory):
    code = factory.Sequence(lambda n: f"E10{n:06d}")
    name_en = factory.Sequence(lambda n: f"Test Borough Council {n}")
    name_cy = ""
    jurisdiction = Jurisdiction.ENGLAND


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    authority = factory.SubFactory(AuthorityFactory)
    name_en = factory.Sequence(lambda n: f"Locality team {n}")
    name_cy = factory.Sequence(lambda n: f"Tîm ardal {n}")
    kind = TeamKind.LOCALITY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"worker{n}")
    first_name = factory.Sequence(lambda n: f"Worker{n}")
    last_name = "Jones"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    authority = factory.LazyAttribute(lambda m: m.team.authority)
    role = Role.SOCIAL_WORKER
    started_on = date(2020, 1, 1)


def staff(role: str = Role.SOCIAL_WORKER, *, team: Team | None = None, **user_fields) -> User:
    """A member of staff holding `role` in `team` (a new locality team if none)."""
    team = team or TeamFactory()
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, team=team, authority=team.authority, role=role)
    return user

"""Who may do what, by role in the current council (the `rules` package)."""

from enum import StrEnum

import rules

from gofal.authorities.models import Role


def _acting(user: object):  # type: ignore[no-untyped-def]
    return getattr(user, "acting", None)


def has_role(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(user: object) -> bool:
        acting = _acting(user)
        return bool(acting and acting.has_role(*roles))

    return predicate


is_practitioner = has_role(
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.REVIEWING_OFFICER,
    Role.PERSONAL_ADVISER,
    Role.PLACEMENTS_OFFICER,
    Role.QA_OFFICER,
    Role.HEAD_OF_SERVICE,
    Role.DIRECTOR,
)
is_manager = has_role(
    Role.TEAM_MANAGER, Role.SENIOR_PRACTITIONER, Role.HEAD_OF_SERVICE, Role.DIRECTOR
)
is_privacy_officer = has_role(Role.PRIVACY_OFFICER)
is_administrator = has_role(Role.SYSTEM_ADMINISTRATOR)
can_see_case_records = is_practitioner | has_role(Role.BUSINESS_SUPPORT, Role.PRIVACY_OFFICER)


class Perm(StrEnum):
    VIEW_TEAMS = "authorities.view_teams"


rules.add_perm(Perm.VIEW_TEAMS, can_see_case_records | is_administrator)

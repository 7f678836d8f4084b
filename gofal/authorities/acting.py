"""Who a request acts as: the current council, and the user's roles and teams there."""

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gofal.authorities.models import Authority, Membership, Role

MANAGER_ROLES = frozenset(
    {Role.TEAM_MANAGER, Role.SENIOR_PRACTITIONER, Role.HEAD_OF_SERVICE, Role.DIRECTOR}
)
COUNCIL_WIDE_ROLES = frozenset(
    {
        Role.HEAD_OF_SERVICE,
        Role.DIRECTOR,
        Role.PRIVACY_OFFICER,
        Role.QA_OFFICER,
        Role.REVIEWING_OFFICER,
        Role.SYSTEM_ADMINISTRATOR,
    }
)


@dataclass(frozen=True)
class Acting:
    authority: Authority | None
    roles: frozenset[str] = frozenset()
    team_ids: frozenset[uuid.UUID] = frozenset()
    managed_team_ids: frozenset[uuid.UUID] = frozenset()
    authorities: tuple[Authority, ...] = field(default_factory=tuple)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_manager(self) -> bool:
        return bool(self.roles & MANAGER_ROLES)

    @property
    def sees_whole_council(self) -> bool:
        return bool(self.roles & COUNCIL_WIDE_ROLES)


NOBODY = Acting(authority=None)


def acting_for(*, user: Any, authority_id: object, as_of: date) -> Acting:
    """Build the acting context for a user, choosing `authority_id` if they belong to it."""
    if not getattr(user, "is_authenticated", False):
        return NOBODY
    memberships = list(
        Membership.objects.current(as_of).filter(user=user).select_related("authority")
    )
    authorities = tuple(sorted({m.authority for m in memberships}, key=lambda a: a.name_en))
    if not authorities:
        return NOBODY
    chosen = next((a for a in authorities if str(a.pk) == str(authority_id)), authorities[0])
    mine = [m for m in memberships if m.authority_id == chosen.pk]
    return Acting(
        authority=chosen,
        roles=frozenset(m.role for m in mine),
        team_ids=frozenset(m.team_id for m in mine if m.team_id),
        managed_team_ids=frozenset(
            m.team_id for m in mine if m.team_id and m.role in MANAGER_ROLES
        ),
        authorities=authorities,
    )

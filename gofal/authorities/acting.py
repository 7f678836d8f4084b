"""Who a request acts as: the current council, and the user's roles and teams there."""

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection

from gofal.authorities.models import Authority, Role

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


# `Membership.objects.current(as_of).filter(user=user)` with each council, as one fixed
# statement: it runs on every request, and building it with the ORM cost several times more CPU
# than running it (about 1 ms of a request's fixed cost).
_AUTHORITY_FIELDS = ("id", "code", "name_en", "name_cy", "jurisdiction")
_MEMBERSHIPS_SQL = (
    "SELECT m.role, m.team_id, "
    + ", ".join(f"a.{name}" for name in _AUTHORITY_FIELDS)
    + " FROM authorities_membership m JOIN authorities_authority a ON a.id = m.authority_id"
    " WHERE m.user_id = %s AND m.started_on <= %s AND (m.ended_on IS NULL OR m.ended_on > %s)"
)


def acting_for(*, user: Any, authority_id: object, as_of: date) -> Acting:
    """Build the acting context for a user, choosing `authority_id` if they belong to it."""
    if not getattr(user, "is_authenticated", False):
        return NOBODY
    key = Authority._meta.pk  # a UUID, stored as text on SQLite
    day = connection.ops.adapt_datefield_value(as_of)
    with connection.cursor() as cursor:
        cursor.execute(_MEMBERSHIPS_SQL, [key.get_db_prep_value(user.pk, connection), day, day])
        rows = cursor.fetchall()
    councils: dict[uuid.UUID, Authority] = {}
    memberships: list[tuple[str, uuid.UUID | None, uuid.UUID]] = []
    for role, team_id, council_key, *fields in rows:
        council_id = key.to_python(council_key)
        if council_id not in councils:
            councils[council_id] = Authority.from_db(
                connection.alias, _AUTHORITY_FIELDS, [council_id, *fields]
            )
        memberships.append((role, key.to_python(team_id) if team_id else None, council_id))
    authorities = tuple(sorted(councils.values(), key=lambda a: a.name_en))
    if not authorities:
        return NOBODY
    chosen = next((a for a in authorities if str(a.pk) == str(authority_id)), authorities[0])
    mine = [(role, team_id) for role, team_id, council_id in memberships if council_id == chosen.pk]
    return Acting(
        authority=chosen,
        roles=frozenset(role for role, _ in mine),
        team_ids=frozenset(team_id for _, team_id in mine if team_id),
        managed_team_ids=frozenset(
            team_id for role, team_id in mine if team_id and role in MANAGER_ROLES
        ),
        authorities=authorities,
    )

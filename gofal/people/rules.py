"""Who may do what with people's records (the `rules` package). Which records: selectors."""

from enum import StrEnum

import rules

from gofal.authorities.models import Role
from gofal.authorities.rules import has_role, is_manager, is_practitioner, is_privacy_officer
from gofal.people.selectors import BREAK_GLASS_ROLES, CASE_RECORD_ROLES

can_see_people = has_role(*CASE_RECORD_ROLES)
can_record_people = is_practitioner | has_role(Role.BUSINESS_SUPPORT)
can_break_glass = has_role(*BREAK_GLASS_ROLES)


class Perm(StrEnum):
    SEARCH = "people.search_person"
    VIEW = "people.view_person"
    CREATE = "people.add_person"
    CHANGE = "people.change_person"
    RECORD_WARNING = "people.add_warning"
    RESTRICT = "people.restrict_person"
    BREAK_GLASS = "people.break_glass"
    MANAGE_ACCESS = "people.manage_access"  # grant and revoke access to restricted records


rules.add_perm(Perm.SEARCH, can_see_people)
rules.add_perm(Perm.VIEW, can_see_people)
rules.add_perm(Perm.CREATE, can_record_people)
rules.add_perm(Perm.CHANGE, can_record_people)
rules.add_perm(Perm.RECORD_WARNING, is_practitioner)
rules.add_perm(Perm.RESTRICT, is_manager | is_privacy_officer)
rules.add_perm(Perm.BREAK_GLASS, can_break_glass)
rules.add_perm(Perm.MANAGE_ACCESS, is_privacy_officer)

"""Who may do what in casework (the `rules` package).

Which children a user may see at all is decided by `gofal.people.selectors.persons_visible_to`;
these permissions decide what they may do with the casework of a child they can see.
"""

from enum import StrEnum

import rules

from gofal.authorities.models import Role
from gofal.authorities.rules import (
    can_see_case_records,
    has_role,
    is_manager,
    is_practitioner,
    is_privacy_officer,
)

is_business_support = has_role(Role.BUSINESS_SUPPORT)
is_team_manager = has_role(Role.TEAM_MANAGER)


@rules.predicate
def is_author(user: object, note: object) -> bool:
    return note is not None and getattr(note, "author_id", None) == getattr(user, "pk", None)


class Perm(StrEnum):
    VIEW_CASEWORK = "casework.view_casework"
    ADD_CASE_NOTE = "casework.add_case_note"
    CHANGE_CASE_NOTE = "casework.change_case_note"
    UPLOAD_DOCUMENT = "casework.upload_document"
    ADD_SIGNIFICANT_EVENT = "casework.add_significant_event"
    MANAGE_INVOLVEMENT = "casework.manage_involvement"
    ALLOCATE = "casework.allocate"
    VIEW_MY_CASELOAD = "casework.view_my_caseload"
    VIEW_TEAM_CASELOAD = "casework.view_team_caseload"
    VIEW_RECORD_ACCESS = "casework.view_record_access"


rules.add_perm(Perm.VIEW_CASEWORK, can_see_case_records)
rules.add_perm(Perm.ADD_CASE_NOTE, is_practitioner)
# The author corrects their own note; a manager may correct any (both keep every revision).
rules.add_perm(Perm.CHANGE_CASE_NOTE, is_practitioner & (is_author | is_manager))
rules.add_perm(Perm.UPLOAD_DOCUMENT, is_practitioner | is_business_support)
rules.add_perm(Perm.ADD_SIGNIFICANT_EVENT, is_practitioner)
rules.add_perm(Perm.MANAGE_INVOLVEMENT, is_manager)
rules.add_perm(Perm.ALLOCATE, is_manager)
rules.add_perm(Perm.VIEW_MY_CASELOAD, is_practitioner)
rules.add_perm(Perm.VIEW_TEAM_CASELOAD, is_manager)
rules.add_perm(Perm.VIEW_RECORD_ACCESS, is_team_manager | is_privacy_officer)

"""Who may do what at the front door (the `rules` package).

Which contacts a user may see at all is decided by `gofal.front_door.selectors`.
"""

from enum import StrEnum

import rules

from gofal.authorities.models import Role
from gofal.authorities.rules import (
    can_see_case_records,
    has_role,
    is_administrator,
    is_manager,
    is_practitioner,
)


class Perm(StrEnum):
    VIEW_CONTACTS = "front_door.view_contacts"
    RECORD_CONTACT = "front_door.record_contact"
    DECIDE = "front_door.decide"
    AUTHORISE = "front_door.authorise"
    SEND_FEEDBACK = "front_door.send_feedback"
    VIEW_REPORTS = "front_door.view_reports"
    MANAGE_FRAMEWORK = "front_door.manage_framework"


rules.add_perm(Perm.VIEW_CONTACTS, can_see_case_records)
rules.add_perm(Perm.RECORD_CONTACT, is_practitioner | has_role(Role.BUSINESS_SUPPORT))
rules.add_perm(Perm.DECIDE, is_practitioner)
rules.add_perm(Perm.AUTHORISE, is_manager)
rules.add_perm(Perm.SEND_FEEDBACK, is_practitioner | has_role(Role.BUSINESS_SUPPORT))
rules.add_perm(Perm.VIEW_REPORTS, is_manager | has_role(Role.QA_OFFICER))
# The council's threshold framework: its administrator or a head of service.
rules.add_perm(Perm.MANAGE_FRAMEWORK, is_administrator | has_role(Role.HEAD_OF_SERVICE))

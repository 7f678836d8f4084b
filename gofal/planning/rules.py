"""Who may do what with care and support plans (the `rules` package)."""

from enum import StrEnum

import rules

from gofal.authorities.models import Role
from gofal.authorities.rules import can_see_case_records, has_role, is_manager, is_practitioner


class Perm(StrEnum):
    VIEW_PLAN = "planning.view_plan"
    CHANGE_PLAN = "planning.change_plan"
    AUTHORISE_PLAN = "planning.authorise_plan"
    REVIEW_AGREEMENTS = "planning.review_agreements"


rules.add_perm(Perm.VIEW_PLAN, can_see_case_records)
rules.add_perm(Perm.CHANGE_PLAN, is_practitioner)
rules.add_perm(Perm.AUTHORISE_PLAN, is_manager)
# Heads of service (and the director) review every written agreement: they are not a substitute
# for child protection procedures.
rules.add_perm(Perm.REVIEW_AGREEMENTS, has_role(Role.HEAD_OF_SERVICE, Role.DIRECTOR))

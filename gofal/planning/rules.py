"""Who may do what with care and support plans (the `rules` package)."""

from enum import StrEnum

import rules

from gofal.authorities.rules import can_see_case_records, is_manager, is_practitioner


class Perm(StrEnum):
    VIEW_PLAN = "planning.view_plan"
    CHANGE_PLAN = "planning.change_plan"
    AUTHORISE_PLAN = "planning.authorise_plan"


rules.add_perm(Perm.VIEW_PLAN, can_see_case_records)
rules.add_perm(Perm.CHANGE_PLAN, is_practitioner)
rules.add_perm(Perm.AUTHORISE_PLAN, is_manager)

"""Who may see and change timescales (the `rules` package)."""

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

sees_council_work = has_role(Role.HEAD_OF_SERVICE, Role.DIRECTOR, Role.QA_OFFICER)


class Perm(StrEnum):
    VIEW_RULES = "timescales.view_rules"
    CHANGE_RULES = "timescales.change_rules"
    VIEW_DEADLINES = "timescales.view_deadlines"
    VIEW_MY_WORK = "timescales.view_my_work"
    VIEW_TEAM_WORK = "timescales.view_team_work"
    VIEW_COUNCIL_WORK = "timescales.view_council_work"
    RECORD_EXCEPTION = "timescales.record_exception"
    DECIDE_EXCEPTION = "timescales.decide_exception"


rules.add_perm(Perm.VIEW_RULES, can_see_case_records | is_administrator)
rules.add_perm(Perm.CHANGE_RULES, is_administrator)
rules.add_perm(Perm.VIEW_DEADLINES, can_see_case_records)
rules.add_perm(Perm.VIEW_MY_WORK, is_practitioner)
rules.add_perm(Perm.VIEW_TEAM_WORK, is_manager)
rules.add_perm(Perm.VIEW_COUNCIL_WORK, sees_council_work)
rules.add_perm(Perm.RECORD_EXCEPTION, is_practitioner)
rules.add_perm(Perm.DECIDE_EXCEPTION, is_manager)

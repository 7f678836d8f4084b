"""Who may do what in early help (the `rules` package)."""

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
    VIEW_DIRECTORY = "early_help.view_directory"
    MANAGE_DIRECTORY = "early_help.manage_directory"
    VIEW_EARLY_HELP = "early_help.view_early_help"
    MANAGE_EARLY_HELP = "early_help.manage_early_help"
    HAND_OVER = "early_help.hand_over"


rules.add_perm(Perm.VIEW_DIRECTORY, can_see_case_records | is_administrator)
rules.add_perm(
    Perm.MANAGE_DIRECTORY, is_manager | is_administrator | has_role(Role.BUSINESS_SUPPORT)
)
rules.add_perm(Perm.VIEW_EARLY_HELP, can_see_case_records)
rules.add_perm(Perm.MANAGE_EARLY_HELP, is_practitioner)
rules.add_perm(Perm.HAND_OVER, is_practitioner)

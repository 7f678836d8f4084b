"""Who may do what in early help (the `rules` package)."""

from enum import StrEnum

import rules

from gofal.authorities.models import Role
from gofal.authorities.rules import can_see_case_records, has_role, is_administrator, is_manager


class Perm(StrEnum):
    VIEW_DIRECTORY = "early_help.view_directory"
    MANAGE_DIRECTORY = "early_help.manage_directory"


rules.add_perm(Perm.VIEW_DIRECTORY, can_see_case_records | is_administrator)
rules.add_perm(
    Perm.MANAGE_DIRECTORY, is_manager | is_administrator | has_role(Role.BUSINESS_SUPPORT)
)

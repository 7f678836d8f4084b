"""Who may do what with quality records (the `rules` package)."""

from enum import StrEnum

import rules

from gofal.authorities.models import Role
from gofal.authorities.rules import can_see_case_records, has_role, is_manager


class Perm(StrEnum):
    VIEW_OVERSIGHT = "quality.view_oversight"
    RECORD_OVERSIGHT = "quality.record_oversight"
    VIEW_REPORTS = "quality.view_reports"


rules.add_perm(Perm.VIEW_OVERSIGHT, can_see_case_records)
rules.add_perm(Perm.RECORD_OVERSIGHT, is_manager)
rules.add_perm(Perm.VIEW_REPORTS, is_manager | has_role(Role.QA_OFFICER))

"""Who may do what with risk assessments (the `rules` package). Which children a user may see
at all is decided by `gofal.people.selectors.persons_visible_to`."""

from enum import StrEnum

import rules

from gofal.authorities.models import Role
from gofal.authorities.rules import can_see_case_records, has_role, is_manager, is_practitioner


class Perm(StrEnum):
    VIEW = "risk.view_risk_assessment"
    CHANGE = "risk.change_risk_assessment"
    VIEW_REVIEWS = "risk.view_reviews_due"
    VIEW_ALL_REVIEWS = "risk.view_all_reviews_due"
    VIEW_PROFILE = "risk.view_profile"
    VIEW_PROFILE_CHILDREN = "risk.view_profile_children"


rules.add_perm(Perm.VIEW, can_see_case_records)
rules.add_perm(Perm.CHANGE, is_practitioner)
# The queue of reviews due: practitioners see their own; managers and quality assurance
# officers every child they may see (`gofal.risk.views.reviews_due`).
rules.add_perm(Perm.VIEW_REVIEWS, is_practitioner)
rules.add_perm(Perm.VIEW_ALL_REVIEWS, is_manager | has_role(Role.QA_OFFICER))
# The aggregate profile (counts only, small numbers suppressed) and the drill-down to the
# children behind a figure (each child still subject to `persons_visible_to`).
rules.add_perm(Perm.VIEW_PROFILE, is_manager | has_role(Role.QA_OFFICER))
rules.add_perm(Perm.VIEW_PROFILE_CHILDREN, is_manager | has_role(Role.QA_OFFICER))

"""Who may do what with assessments (the `rules` package). Which children a user may see at
all is decided by `gofal.people.selectors.persons_visible_to`."""

from enum import StrEnum

import rules

from gofal.authorities.rules import can_see_case_records, is_manager, is_practitioner


@rules.predicate
def is_not_author(user: object, assessment: object) -> bool:
    """A manager does not authorise or return their own assessment."""
    return assessment is None or getattr(assessment, "worker_id", None) != getattr(user, "pk", None)


class Perm(StrEnum):
    VIEW_ASSESSMENT = "assessments.view_assessment"
    START_ASSESSMENT = "assessments.start_assessment"
    CHANGE_ASSESSMENT = "assessments.change_assessment"
    DECIDE_ASSESSMENT = "assessments.decide_assessment"
    MANAGE_FLAGS = "assessments.manage_flags"


rules.add_perm(Perm.VIEW_ASSESSMENT, can_see_case_records)
rules.add_perm(Perm.START_ASSESSMENT, is_practitioner)
rules.add_perm(Perm.CHANGE_ASSESSMENT, is_practitioner)
rules.add_perm(Perm.DECIDE_ASSESSMENT, is_manager & is_not_author)
rules.add_perm(Perm.MANAGE_FLAGS, is_practitioner)

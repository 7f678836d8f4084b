"""Who may read the audit log."""

from enum import StrEnum

import rules

from gofal.authorities.rules import is_privacy_officer


class Perm(StrEnum):
    VIEW_STAFF_ACTIVITY = "audit.view_staff_activity"


rules.add_perm(Perm.VIEW_STAFF_ACTIVITY, is_privacy_officer)

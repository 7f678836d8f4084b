"""Who gets what from every page: the table behind test_permission_matrix.py.

One row per named URL that takes no arguments or only a person's id (`person_id`/`child_id`).
Each row gives the status a GET answers for a signed-in member of staff holding one role in the
council that owns the person (`default`, with `roles` overriding it), and for a visitor who is
not signed in (`anonymous`). For a person of another council, every role that could open the
page for its own council gets 404, exactly as for a person who does not exist.

When you add a page, add its row here: the test fails on any page without one.
"""

from dataclasses import dataclass, field

from gofal.authorities.models import Role

OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405

EVERY_ROLE = tuple(Role)
PRACTITIONERS = (
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.REVIEWING_OFFICER,
    Role.PERSONAL_ADVISER,
    Role.PLACEMENTS_OFFICER,
    Role.QA_OFFICER,
    Role.HEAD_OF_SERVICE,
    Role.DIRECTOR,
)
CASE_RECORD_READERS = (*PRACTITIONERS, Role.BUSINESS_SUPPORT, Role.PRIVACY_OFFICER)
CASE_RECORD_WRITERS = (*PRACTITIONERS, Role.BUSINESS_SUPPORT)
# Break-glass is for staff who may need a restricted record in an emergency: practitioners,
# except quality assurance officers, who review records rather than work with families.
BREAK_GLASS = tuple(r for r in PRACTITIONERS if r != Role.QA_OFFICER)
# Council-wide oversight of timeliness.
COUNCIL_OVERSIGHT = (Role.QA_OFFICER, Role.HEAD_OF_SERVICE, Role.DIRECTOR)
CASEWORK_MANAGERS = (
    Role.TEAM_MANAGER,
    Role.SENIOR_PRACTITIONER,
    Role.HEAD_OF_SERVICE,
    Role.DIRECTOR,
)


@dataclass(frozen=True)
class Row:
    default: int
    roles: dict[str, int] = field(default_factory=dict)
    anonymous: int = REDIRECT  # to the sign-in page

    def status_for(self, role: str) -> int:
        return self.anonymous if role == "anonymous" else self.roles.get(role, self.default)


def only(roles: tuple[str, ...], status: int) -> dict[str, int]:
    return dict.fromkeys(roles, status)


MATRIX: dict[str, Row] = {
    # Shared interface
    "ui:home": Row(REDIRECT),  # on to My caseload
    "ui:notifications": Row(OK),
    # Councils and staff
    "authorities:login": Row(REDIRECT, anonymous=OK),  # signed-in staff go straight on
    "authorities:logout": Row(NOT_ALLOWED),  # signing out is a POST
    "authorities:switch": Row(OK),
    # Casework
    "casework:my_caseload": Row(OK),  # staff without a caseload see a short welcome page
    "casework:team_caseload": Row(FORBIDDEN, roles=only(CASEWORK_MANAGERS, OK)),
    "casework:chronology": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "casework:significant_event_new": Row(FORBIDDEN, roles=only(PRACTITIONERS, OK)),
    "casework:notes": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "casework:note_new": Row(FORBIDDEN, roles=only(PRACTITIONERS, OK)),
    "casework:documents": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "casework:document_upload": Row(
        FORBIDDEN, roles=only((*PRACTITIONERS, Role.BUSINESS_SUPPORT), OK)
    ),
    "casework:involvement": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "casework:involvement_start": Row(FORBIDDEN, roles=only(CASEWORK_MANAGERS, OK)),
    "casework:involvement_end": Row(FORBIDDEN, roles=only(CASEWORK_MANAGERS, OK)),
    "casework:allocation_change": Row(FORBIDDEN, roles=only(CASEWORK_MANAGERS, OK)),
    # A child with no timescales gets the page with an empty state, not a 404.
    "casework:child_deadlines": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "casework:record_access": Row(
        FORBIDDEN, roles=only((Role.TEAM_MANAGER, Role.PRIVACY_OFFICER), OK)
    ),
    # People (the person's own council; another council's person is 404 for everyone)
    "people:person_search": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "people:person_create": Row(FORBIDDEN, roles=only(CASE_RECORD_WRITERS, OK)),
    # Break-glass needs the restricted record's identifier: without one there is nothing to open.
    "people:break_glass": Row(FORBIDDEN, roles=only(BREAK_GLASS, NOT_FOUND)),
    "people:person_detail": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "people:person_edit": Row(FORBIDDEN, roles=only(CASE_RECORD_WRITERS, OK)),
    # Granting and revoking access to restricted records is the privacy officer's alone.
    "people:person_access": Row(FORBIDDEN, roles=only((Role.PRIVACY_OFFICER,), OK)),
    "people:name_add": Row(FORBIDDEN, roles=only(CASE_RECORD_WRITERS, OK)),
    "people:address_add": Row(FORBIDDEN, roles=only(CASE_RECORD_WRITERS, OK)),
    "people:contact_add": Row(FORBIDDEN, roles=only(CASE_RECORD_WRITERS, OK)),
    "people:relationship_add": Row(FORBIDDEN, roles=only(CASE_RECORD_WRITERS, OK)),
    "people:warning_add": Row(FORBIDDEN, roles=only(PRACTITIONERS, OK)),  # practitioners judge risk
    # Timescales
    "timescales:my_work": Row(FORBIDDEN, roles=only(PRACTITIONERS, OK)),
    "timescales:team_work": Row(FORBIDDEN, roles=only(CASEWORK_MANAGERS, OK)),
    "timescales:council_work": Row(FORBIDDEN, roles=only(COUNCIL_OVERSIGHT, OK)),
    # Without a rule and period chosen, the drill-down goes back to the council's figures.
    "timescales:timeliness_children": Row(FORBIDDEN, roles=only(COUNCIL_OVERSIGHT, REDIRECT)),
    "timescales:rule_list": Row(
        FORBIDDEN, roles=only((*CASE_RECORD_READERS, Role.SYSTEM_ADMINISTRATOR), OK)
    ),
    "timescales:closure_list": Row(FORBIDDEN, roles=only((Role.SYSTEM_ADMINISTRATOR,), OK)),
    # Assessments
    "assessments:list": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "assessments:start": Row(FORBIDDEN, roles=only(PRACTITIONERS, OK)),
    "assessments:flags": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    # "Stay signed in" from the session timeout warning: a post only.
    "assessments:keep_alive": Row(NOT_ALLOWED),
    # Risk assessments
    "risk:list": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "risk:start": Row(FORBIDDEN, roles=only(PRACTITIONERS, OK)),
    "risk:reviews_due": Row(FORBIDDEN, roles=only(PRACTITIONERS, OK)),
    # Care and support planning
    "planning:list": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "planning:agreements": Row(FORBIDDEN, roles=only((Role.HEAD_OF_SERVICE, Role.DIRECTOR), OK)),
    # Quality: management oversight
    "quality:oversight": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "quality:oversight_new": Row(FORBIDDEN, roles=only(CASEWORK_MANAGERS, OK)),
    "quality:reports": Row(FORBIDDEN, roles=only((*CASEWORK_MANAGERS, Role.QA_OFFICER), OK)),
    "quality:report_plans": Row(FORBIDDEN, roles=only((*CASEWORK_MANAGERS, Role.QA_OFFICER), OK)),
    "quality:report_assessments": Row(
        FORBIDDEN, roles=only((*CASEWORK_MANAGERS, Role.QA_OFFICER), OK)
    ),
    "quality:report_agreements": Row(
        FORBIDDEN, roles=only((*CASEWORK_MANAGERS, Role.QA_OFFICER), OK)
    ),
    # The risk profile (counts only); the drill-down to children is the same page with a flag.
    "quality:report_flags": Row(FORBIDDEN, roles=only((*CASEWORK_MANAGERS, Role.QA_OFFICER), OK)),
    # Audit
    "audit:staff_activity": Row(FORBIDDEN, roles=only((Role.PRIVACY_OFFICER,), OK)),
    # Front door
    "front_door:queue": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "front_door:contact_new": Row(FORBIDDEN, roles=only(CASE_RECORD_WRITERS, OK)),
    "front_door:feedback_outstanding": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "front_door:person_contacts": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "front_door:notification_new": Row(FORBIDDEN, roles=only(CASE_RECORD_WRITERS, OK)),
    "front_door:report": Row(FORBIDDEN, roles=only((*CASEWORK_MANAGERS, Role.QA_OFFICER), OK)),
    "front_door:report_contacts": Row(
        FORBIDDEN, roles=only((*CASEWORK_MANAGERS, Role.QA_OFFICER), OK)
    ),
    "front_door:framework": Row(
        FORBIDDEN, roles=only((Role.SYSTEM_ADMINISTRATOR, Role.HEAD_OF_SERVICE), OK)
    ),
    "front_door:framework_level_new": Row(
        FORBIDDEN, roles=only((Role.SYSTEM_ADMINISTRATOR, Role.HEAD_OF_SERVICE), OK)
    ),
    "front_door:report_handovers": Row(
        FORBIDDEN, roles=only((*CASEWORK_MANAGERS, Role.QA_OFFICER), OK)
    ),
    # Early help
    "early_help:directory": Row(
        FORBIDDEN, roles=only((*CASE_RECORD_READERS, Role.SYSTEM_ADMINISTRATOR), OK)
    ),
    "early_help:service_new": Row(
        FORBIDDEN,
        roles=only((*CASEWORK_MANAGERS, Role.BUSINESS_SUPPORT, Role.SYSTEM_ADMINISTRATOR), OK),
    ),
    "early_help:handovers": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "early_help:child": Row(FORBIDDEN, roles=only(CASE_RECORD_READERS, OK)),
    "early_help:episode_start": Row(FORBIDDEN, roles=only(PRACTITIONERS, OK)),
    # The child in the table has no open early help episode: 404, as for no child.
    "early_help:episode_end": Row(FORBIDDEN, roles=only(PRACTITIONERS, NOT_FOUND)),
    "early_help:plan_new": Row(FORBIDDEN, roles=only(PRACTITIONERS, NOT_FOUND)),
    "early_help:handover_new": Row(FORBIDDEN, roles=only(PRACTITIONERS, OK)),
}

"""The sections of an assessment and what each must hold before it can be submitted.

Rules as data: `SECTIONS` says which fields each page edits; `submission_gaps` checks the
requirements table and says, per section, what is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gofal.assessments.models import (
    CARER_KINDS,
    Assessment,
    AssessmentKind,
    AssessmentOutcome,
    HistoryWeight,
)


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    fields: tuple[str, ...]
    kinds: frozenset[str] | None = None  # only these kinds of assessment (None: every kind)

    def applies_to(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds


SECTIONS: tuple[Section, ...] = (
    Section("about", _("About the assessment"), ("kind", "language", "active_offer_made")),
    Section(
        "elements",
        _("The five elements"),
        ("personal_circumstances", "personal_outcomes", "barriers", "risks", "strengths"),
    ),
    Section(
        "child",
        _("The child's views"),
        (
            "child_seen",
            "child_seen_alone",
            "views_gathered_how",
            "child_views",
            "views_not_obtained_reason",
        ),
    ),
    Section("family", _("Parents' and carers' views"), ("parents_views",)),
    Section(
        "carer",
        _("The carer's needs"),
        (
            "carer_name",
            "cared_for",
            "care_provided",
            "carer_needs",
            "carer_willing",
            "carer_able",
            "carer_outcomes",
            "carer_work_learning_leisure",
            "young_carer_appropriate",
        ),
        kinds=frozenset(CARER_KINDS),
    ),
    Section(
        "history",
        _("History and the weight given to it"),
        ("history_summary", "history_weight", "history_weight_reason"),
    ),
    Section("analysis", _("Analysis"), ("analysis",)),
    Section(
        "eligibility",
        _("Eligibility and outcome"),
        (
            "need_arises_from_circumstances",
            "eligibility_domains",
            "family_cannot_meet_need",
            "outcomes_unlikely_without_council",
            "outcome",
            "outcome_detail",
        ),
    ),
)
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
EDITABLE_FIELDS = frozenset(name for section in SECTIONS for name in section.fields)


def sections_for(kind: str) -> tuple[Section, ...]:
    """The sections of this kind of assessment, in order."""
    return tuple(section for section in SECTIONS if section.applies_to(kind))


def section_after(key: str, kind: str = AssessmentKind.FULL) -> Section | None:
    sections = sections_for(kind)
    keys = [section.key for section in sections]
    if key not in keys:
        return None
    index = keys.index(key)
    return sections[index + 1] if index + 1 < len(sections) else None


@dataclass(frozen=True)
class Gap:
    section: str
    field: str
    message: str


Check = Callable[[Assessment], bool]


def _filled(name: str) -> Check:
    return lambda a: bool(str(getattr(a, name) or "").strip())


def _answered(name: str) -> Check:
    return lambda a: getattr(a, name) is not None


def _history_summary(a: Assessment) -> bool:
    return a.history_weight == HistoryWeight.NONE or bool(a.history_summary.strip())


def _views_or_reason(a: Assessment) -> bool:
    return bool(a.child_views.strip() or a.views_not_obtained_reason.strip())


def _eligible_if_plan(a: Assessment) -> bool:
    return a.outcome != AssessmentOutcome.CARE_AND_SUPPORT_PLAN or a.eligible is True


def _advice_if_nfa(a: Assessment) -> bool:
    return a.outcome != AssessmentOutcome.NO_FURTHER_ACTION or bool(a.outcome_detail.strip())


def _carers(check: Check) -> Check:
    """A requirement of carers' and young carers' assessments only."""
    return lambda a: a.kind not in CARER_KINDS or check(a)


def _young_carers(check: Check) -> Check:
    return lambda a: a.kind != AssessmentKind.YOUNG_CARER or check(a)


def _tests_answered(a: Assessment) -> bool:
    return (
        a.need_arises_from_circumstances is not None
        and a.family_cannot_meet_need is not None
        and a.outcomes_unlikely_without_council is not None
    )


# (section, field, check, message): every row must pass before the assessment is submitted.
REQUIRED_TO_SUBMIT: tuple[tuple[str, str, Check, str | Promise], ...] = (
    ("about", "language", _filled("language"), _("Select the language the assessment was done in")),
    (
        "about",
        "active_offer_made",
        _answered("active_offer_made"),
        _("Select whether the active offer of Welsh was made"),
    ),
    (
        "elements",
        "personal_circumstances",
        _filled("personal_circumstances"),
        _("Enter the child's personal circumstances"),
    ),
    (
        "elements",
        "personal_outcomes",
        _filled("personal_outcomes"),
        _("Enter the personal outcomes: what matters to the child and family"),
    ),
    ("elements", "barriers", _filled("barriers"), _("Enter the barriers to the outcomes")),
    ("elements", "risks", _filled("risks"), _("Enter the risks if the outcomes are not achieved")),
    ("elements", "strengths", _filled("strengths"), _("Enter the strengths and capabilities")),
    ("child", "child_seen", _answered("child_seen"), _("Select whether the child was seen")),
    (
        "child",
        "child_views",
        _views_or_reason,
        _("Enter the child's views, or why they could not be obtained"),
    ),
    ("family", "parents_views", _filled("parents_views"), _("Enter the parents' or carers' views")),
    ("carer", "carer_name", _carers(_filled("carer_name")), _("Enter who the carer is")),
    (
        "carer",
        "cared_for",
        _carers(_filled("cared_for")),
        _("Enter who they care for and their relationship"),
    ),
    (
        "carer",
        "carer_needs",
        _carers(_filled("carer_needs")),
        _("Enter the carer's needs for support"),
    ),
    (
        "carer",
        "carer_willing",
        _carers(_filled("carer_willing")),
        _("Enter how willing the carer is to provide care and to go on providing it"),
    ),
    (
        "carer",
        "carer_able",
        _carers(_filled("carer_able")),
        _("Enter how able the carer is to provide care and to go on providing it"),
    ),
    (
        "carer",
        "carer_outcomes",
        _carers(_filled("carer_outcomes")),
        _("Enter the outcomes the carer wishes to achieve"),
    ),
    (
        "carer",
        "young_carer_appropriate",
        _young_carers(_filled("young_carer_appropriate")),
        _("Enter whether it is appropriate for the young carer to provide this care"),
    ),
    (
        "history",
        "history_weight",
        _filled("history_weight"),
        _("Select the weight you give to the history"),
    ),
    ("history", "history_summary", _history_summary, _("Enter a summary of the history")),
    (
        "analysis",
        "analysis",
        _filled("analysis"),
        _("Enter your analysis: an assessment cannot be submitted without one"),
    ),
    (
        "eligibility",
        "need_arises_from_circumstances",
        _tests_answered,
        _("Answer each test of the eligibility criteria"),
    ),
    ("eligibility", "outcome", _filled("outcome"), _("Select the outcome of the assessment")),
    (
        "eligibility",
        "eligibility_domains",
        _eligible_if_plan,
        _("A care and support plan needs all four eligibility tests met and at least one domain"),
    ),
    (
        "eligibility",
        "outcome_detail",
        _advice_if_nfa,
        _("Enter the advice given when there is no further action"),
    ),
)


def submission_gaps(assessment: Assessment) -> list[Gap]:
    """What must still be recorded before the assessment can be submitted, in section order."""
    return [
        Gap(section=section, field=name, message=str(message))
        for section, name, check, message in REQUIRED_TO_SUBMIT
        if not check(assessment)
    ]

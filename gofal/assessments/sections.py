"""The sections of an assessment and what each must hold before it can be submitted.

Rules as data: `SECTIONS` says which fields each page edits; `submission_gaps` checks the
requirements table and says, per section, what is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gofal.assessments.models import Assessment, AssessmentOutcome, HistoryWeight


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    fields: tuple[str, ...]


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


def section_after(key: str) -> Section | None:
    keys = [section.key for section in SECTIONS]
    index = keys.index(key)
    return SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None


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

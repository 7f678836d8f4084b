"""Shaping an assessment for its pages: sections as summary lists, gaps and a readability hint."""

import re
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from gofal.assessments.models import Assessment, AssessmentKind
from gofal.assessments.sections import Gap, sections_for
from gofal.ui.components import SummaryRow, display_value

# Words that often hide the child's voice behind professional language.
JARGON = (
    "presented as",
    "disclosed",
    "engage",
    "engagement",
    "non-compliant",
    "compliance",
    "concerns were raised",
    "appropriate",
    "inappropriate",
    "evidenced",
    "facilitate",
    "safeguarding",
)
_SENTENCE = re.compile(r"[.!?]+")


def readability_hints(text: str) -> list[str]:
    """Plain-language hints for the child's-voice section (never a block on saving)."""
    text = text.strip()
    if not text:
        return []
    hints = []
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    words = len(text.split())
    if sentences and words / len(sentences) > 25:
        hints.append(_("Sentences are long: short sentences keep the child's words clear."))
    lowered = text.lower()
    found = [term for term in JARGON if term in lowered]
    if found:
        hints.append(
            _("Professional terms found (%(terms)s): could you use the child's own words?")
            % {"terms": ", ".join(found)}
        )
    return hints


@dataclass
class SectionSummary:
    key: str
    title: str
    rows: list[SummaryRow]
    href: str
    gaps: list[Gap] = field(default_factory=list)


def _label(name: str) -> str:
    return capfirst(str(getattr(Assessment._meta.get_field(name), "verbose_name", name)))


def _value(assessment: Assessment, name: str) -> str:
    model_field = Assessment._meta.get_field(name)
    value = getattr(assessment, name)
    if name == "eligibility_domains":
        return "\n".join(assessment.domain_labels()) or _("Not recorded")
    choices = getattr(model_field, "choices", None) or None
    return display_value(value, choices=choices)


def section_summaries(
    assessment: Assessment, *, gaps: list[Gap], editable: bool
) -> list[SectionSummary]:
    summaries = []
    for section in sections_for(assessment.kind):
        href = (
            reverse(
                "assessments:section",
                args=[assessment.child_id, assessment.pk, section.key],
            )
            if editable
            else ""
        )
        rows = [
            SummaryRow(
                key=_label(name),
                value=_value(assessment, name),
            )
            for name in section.fields
            if name != "young_carer_appropriate" or assessment.kind == AssessmentKind.YOUNG_CARER
        ]
        summaries.append(
            SectionSummary(
                key=section.key,
                title=str(section.title),
                rows=rows,
                href=href,
                gaps=[gap for gap in gaps if gap.section == section.key],
            )
        )
    return summaries

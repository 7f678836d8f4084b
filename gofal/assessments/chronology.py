"""Assessment steps in the child's chronology (one query)."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gofal.assessments.models import AssessmentStatus, AssessmentStatusChange
from gofal.casework.chronology import ChronologyEntry, register_chronology_source
from gofal.people.models import Person


def _title(step: AssessmentStatusChange) -> str:
    kind = step.assessment.get_kind_display()
    titles = {
        AssessmentStatus.DRAFT: _("%(kind)s started"),
        AssessmentStatus.SUBMITTED: _("%(kind)s submitted for authorisation"),
        AssessmentStatus.RETURNED: _("%(kind)s returned by the manager"),
        AssessmentStatus.AUTHORISED: _("%(kind)s authorised"),
    }
    return titles[AssessmentStatus(step.status)] % {"kind": kind}


def assessment_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = AssessmentStatusChange.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("assessment", "changed_by")
    for step in rows:
        summary = step.comment
        if step.status == AssessmentStatus.AUTHORISED and step.assessment.outcome:
            summary = _("Outcome: %(outcome)s") % {"outcome": step.assessment.get_outcome_display()}
        yield ChronologyEntry(
            kind="assessment",
            occurred_on=timezone.localdate(step.changed_at),
            occurred_at=step.changed_at,
            title=_title(step),
            summary=summary,
            by=str(step.changed_by),
            href=reverse("assessments:detail", args=[child.pk, step.assessment_id]),
            key=str(step.pk),
        )


def register_assessment_sources() -> None:
    register_chronology_source(
        assessment_entries, kinds=[("assessment", gettext_lazy("Assessment"))]
    )

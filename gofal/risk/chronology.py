"""Risk assessments in the child's chronology: started and completed (one query)."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gofal.casework.chronology import ChronologyEntry, register_chronology_source
from gofal.people.models import Person
from gofal.risk.models import RiskAssessment


def risk_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = RiskAssessment.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("worker", "completed_by")
    for risk in rows:
        href = reverse("risk:detail", args=[child.pk, risk.pk])
        context = risk.get_context_display()
        title = (
            _("Risk assessment started (%(context)s)")
            if risk.number == 1
            else _("Review of the risk assessment started (%(context)s)")
        )
        yield ChronologyEntry(
            kind="risk_assessment",
            occurred_on=risk.started_on,
            occurred_at=risk.created_at,
            title=title % {"context": context},
            summary="",
            by=str(risk.worker),
            href=href,
            key=f"{risk.pk}:started",
        )
        if risk.completed_at is not None:
            yield ChronologyEntry(
                kind="risk_assessment",
                occurred_on=timezone.localdate(risk.completed_at),
                occurred_at=risk.completed_at,
                title=_("Risk assessment completed: %(level)s risk")
                % {"level": str(risk.get_overall_level_display()).lower()},
                summary=risk.level_rationale,
                by=str(risk.completed_by or risk.worker),
                href=href,
                key=f"{risk.pk}:completed",
            )


def register_risk_sources() -> None:
    register_chronology_source(
        risk_entries, kinds=[("risk_assessment", gettext_lazy("Risk assessment"))]
    )

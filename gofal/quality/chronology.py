"""Management oversight in the child's chronology (one query)."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gofal.casework.chronology import ChronologyEntry, register_chronology_source
from gofal.people.models import Person
from gofal.quality.models import OversightEntry


def oversight_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = OversightEntry.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("recorded_by")
    href = reverse("quality:oversight", args=[child.pk])
    for entry in rows:
        yield ChronologyEntry(
            kind="oversight",
            occurred_on=entry.decided_on,
            occurred_at=entry.created_at,
            title=_("Management decision: %(kind)s") % {"kind": entry.get_kind_display()},
            summary=_("%(decision)s Rationale: %(rationale)s")
            % {"decision": entry.decision, "rationale": entry.rationale},
            by=str(entry.recorded_by),
            href=f"{href}#entry-{entry.pk}",
            tag=_("Management oversight"),
            key=str(entry.pk),
        )


def register_quality_sources() -> None:
    register_chronology_source(
        oversight_entries, kinds=[("oversight", gettext_lazy("Management oversight"))]
    )

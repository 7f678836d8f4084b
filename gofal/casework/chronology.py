"""A child's chronology, built from the records themselves.

Each area of practice registers a source: a function that takes the child and returns its
entries, using ONE query (select the related rows it needs). Casework registers involvement,
allocation, case note, document and significant event entries; later areas (contacts,
assessments, registrations, placements) add theirs the same way in their AppConfig.ready():

    register_chronology_source(contact_entries, kinds=[("contact", _("Contact"))])

The page then costs one query per source whatever the size of the record.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gofal.casework.models import (
    Allocation,
    CaseNote,
    Document,
    Involvement,
    SignificantEvent,
)
from gofal.people.models import Person


@dataclass(frozen=True)
class ChronologyEntry:
    kind: str  # a key registered with the source, used by the filter
    occurred_on: date
    title: str
    summary: str = ""
    by: str = ""
    href: str = ""
    occurred_at: datetime | None = None  # orders entries within a day, when known
    tag: str = ""  # a short label shown beside the title, such as "Child seen alone"
    key: str = ""  # stable tie-break: the source row's id
    rank: int = 50  # orders entries of the same day with no time: a start before what follows

    @property
    def sort_key(self) -> tuple[date, datetime, int, str]:
        moment = self.occurred_at or timezone.make_aware(
            datetime.combine(self.occurred_on, time.min)
        )
        return (self.occurred_on, moment, self.rank, self.key)


Source = Callable[..., Iterable[ChronologyEntry]]


@dataclass(frozen=True)
class ChronologySource:
    fn: Source
    kinds: tuple[tuple[str, str | Promise], ...] = field(default_factory=tuple)


_SOURCES: list[ChronologySource] = []


def register_chronology_source(
    fn: Source, *, kinds: Sequence[tuple[str, str | Promise]] = ()
) -> Source:
    """Add a source of chronology entries: `fn(*, child)` returning entries with ONE query.

    `kinds` lists the entry kinds it produces (key and label) for the filter.
    """
    if all(source.fn is not fn for source in _SOURCES):
        _SOURCES.append(ChronologySource(fn=fn, kinds=tuple(kinds)))
    return fn


def chronology_kinds() -> list[tuple[str, str | Promise]]:
    seen: dict[str, str | Promise] = {}
    for source in _SOURCES:
        for key, label in source.kinds:
            seen.setdefault(key, label)
    return list(seen.items())


def chronology_entries(
    *, child: Person, kinds: Iterable[str] = (), newest_first: bool = True
) -> list[ChronologyEntry]:
    """Every entry for a child, of the selected kinds (all if none), in date order."""
    wanted = set(kinds)
    entries: list[ChronologyEntry] = []
    for source in _SOURCES:
        source_kinds = {key for key, _label in source.kinds}
        if wanted and source_kinds and not (wanted & source_kinds):
            continue
        entries.extend(
            entry for entry in source.fn(child=child) if not wanted or entry.kind in wanted
        )
    entries.sort(key=lambda e: e.sort_key, reverse=newest_first)
    return entries


# --- Casework's own sources ------------------------------------------------------------------


def _name(user: Any) -> str:
    return str(user) if user is not None else ""


def involvement_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = Involvement.objects.filter(child=child, authority_id=child.authority_id).select_related(
        "team", "started_by", "ended_by"
    )
    href = reverse("casework:involvement", args=[child.pk])
    for involvement in rows:
        yield ChronologyEntry(
            kind="involvement",
            occurred_on=involvement.started_on,
            title=_("Involvement started: %(reason)s")
            % {"reason": involvement.get_reason_display()},
            summary=_("Team: %(team)s") % {"team": involvement.team.name},
            by=_name(involvement.started_by),
            href=href,
            key=f"{involvement.pk}:start",
            rank=10,
        )
        if involvement.ended_on:
            yield ChronologyEntry(
                kind="involvement",
                occurred_on=involvement.ended_on,
                title=_("Involvement ended: %(reason)s")
                % {"reason": involvement.get_end_reason_display()},
                summary=involvement.end_detail,
                by=_name(involvement.ended_by),
                href=href,
                key=f"{involvement.pk}:end",
                rank=90,
            )


def allocation_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = Allocation.objects.filter(child=child, authority_id=child.authority_id).select_related(
        "worker", "team", "reason", "allocated_by"
    )
    href = reverse("casework:involvement", args=[child.pk])
    for allocation in rows:
        summary = _("Team: %(team)s") % {"team": allocation.team.name}
        if allocation.reason is not None:
            summary += ". " + _("Reason for the change: %(reason)s") % {
                "reason": allocation.reason.label
            }
        yield ChronologyEntry(
            kind="allocation",
            occurred_on=allocation.started_on,
            title=_("Allocated to %(worker)s") % {"worker": allocation.worker},
            summary=summary,
            by=_name(allocation.allocated_by),
            href=href,
            tag=_("Change of worker") if allocation.reason_id else "",
            key=str(allocation.pk),
            rank=20,
        )


def case_note_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = CaseNote.objects.filter(child=child, authority_id=child.authority_id).select_related(
        "author"
    )
    for note in rows:
        if note.seen_alone:
            tag = _("Child seen alone")
        elif note.child_seen:
            tag = _("Child seen")
        else:
            tag = _("Child not seen")
        yield ChronologyEntry(
            kind="case_note",
            occurred_on=timezone.localdate(note.occurred_at),
            occurred_at=note.occurred_at,
            title=note.get_kind_display(),
            summary=Truncator(note.narrative).words(60),
            by=_name(note.author),
            href=reverse("casework:note_detail", args=[child.pk, note.pk]),
            tag=tag,
            key=str(note.pk),
        )


def document_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = Document.objects.filter(child=child, authority_id=child.authority_id).select_related(
        "uploaded_by"
    )
    for document in rows:
        yield ChronologyEntry(
            kind="document",
            occurred_on=timezone.localdate(document.created_at),
            occurred_at=document.created_at,
            title=_("Document added: %(title)s") % {"title": document.title},
            summary=f"{document.get_kind_display()} ({document.get_language_display()})",
            by=_name(document.uploaded_by),
            href=reverse("casework:document_download", args=[child.pk, document.pk]),
            key=str(document.pk),
        )


def significant_event_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = SignificantEvent.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("recorded_by")
    for event in rows:
        yield ChronologyEntry(
            kind="significant_event",
            occurred_on=event.occurred_on,
            title=event.get_kind_display(),
            summary=event.summary,
            by=_name(event.recorded_by),
            tag=_("Significant event"),
            key=str(event.pk),
        )


def register_casework_sources() -> None:
    register_chronology_source(
        involvement_entries, kinds=[("involvement", gettext_lazy("Involvement"))]
    )
    register_chronology_source(
        allocation_entries, kinds=[("allocation", gettext_lazy("Allocation"))]
    )
    register_chronology_source(case_note_entries, kinds=[("case_note", gettext_lazy("Case note"))])
    register_chronology_source(document_entries, kinds=[("document", gettext_lazy("Document"))])
    register_chronology_source(
        significant_event_entries,
        kinds=[("significant_event", gettext_lazy("Significant event"))],
    )

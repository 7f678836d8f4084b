import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gofal.casework import chronology, selectors
from gofal.casework.models import AllocationChangeReason
from gofal.casework.tests.factories import (
    AllocationFactory,
    CaseNoteFactory,
    SignificantEventFactory,
)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def history(allocation, worker, team):
    """A child with one of everything, on known dates."""
    child = allocation.child
    allocation.ended_on = dt.date(2025, 3, 1)
    allocation.save()
    AllocationFactory(
        involvement=allocation.involvement,
        started_on=dt.date(2025, 3, 1),
        reason=AllocationChangeReason.objects.get(code="restructure"),
    )
    CaseNoteFactory(child=child, author=worker, occurred_at=at(dt.date(2025, 2, 10), 9))
    CaseNoteFactory(child=child, author=worker, occurred_at=at(dt.date(2025, 2, 10), 16))
    SignificantEventFactory(child=child, occurred_on=dt.date(2025, 2, 20), kind="bereavement")
    return child


@pytest.mark.django_db
class TestChronology:
    def test_entries_from_every_record_newest_first(self, history):
        entries = selectors.chronology_for_child(child=history)
        assert [(e.kind, e.occurred_on) for e in entries] == [
            ("allocation", dt.date(2025, 3, 1)),  # the change of worker
            ("significant_event", dt.date(2025, 2, 20)),
            ("case_note", dt.date(2025, 2, 10)),  # 4pm
            ("case_note", dt.date(2025, 2, 10)),  # 9am
            ("allocation", dt.date(2025, 1, 6)),  # first allocation, after the start
            ("involvement", dt.date(2025, 1, 6)),
        ]
        notes = [e for e in entries if e.kind == "case_note"]
        assert notes[0].occurred_at > notes[1].occurred_at

    def test_oldest_first(self, history):
        entries = selectors.chronology_for_child(child=history, newest_first=False)
        dates = [e.occurred_on for e in entries]
        assert dates == sorted(dates)
        assert entries[0].occurred_on == dt.date(2025, 1, 6)

    def test_filter_by_kind(self, history):
        entries = selectors.chronology_for_child(
            child=history, kinds=["case_note", "significant_event"]
        )
        assert [e.kind for e in entries] == ["significant_event", "case_note", "case_note"]

    def test_a_change_of_worker_says_why(self, history):
        (change,) = [
            e for e in selectors.chronology_for_child(child=history, kinds=["allocation"]) if e.tag
        ]
        assert "Organisational restructure" in change.summary

    def test_one_query_per_source_whatever_the_size(self, history, worker):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                selectors.chronology_for_child(child=history)
            return len(queries)

        before = count()
        for day in range(1, 20):
            CaseNoteFactory(child=history, author=worker, occurred_at=at(dt.date(2025, 4, day)))
            SignificantEventFactory(child=history, occurred_on=dt.date(2025, 4, day))
        assert count() == before == len(chronology._SOURCES)

    def test_filter_skips_sources_that_cannot_match(self, history):
        with CaptureQueriesContext(connection) as queries:
            selectors.chronology_for_child(child=history, kinds=["case_note"])
        assert len(queries) == 1


@pytest.mark.django_db
def test_later_areas_add_their_entries_with_the_registry(history, monkeypatch):
    monkeypatch.setattr(chronology, "_SOURCES", list(chronology._SOURCES))

    def contacts(*, child):
        yield chronology.ChronologyEntry(
            kind="contact", occurred_on=dt.date(2025, 1, 2), title="Contact from school"
        )

    chronology.register_chronology_source(contacts, kinds=[("contact", "Contact")])
    chronology.register_chronology_source(contacts, kinds=[("contact", "Contact")])  # harmless
    assert ("contact", "Contact") in chronology.chronology_kinds()
    entries = selectors.chronology_for_child(child=history, newest_first=False)
    assert entries[0].title == "Contact from school"
    assert [e.kind for e in selectors.chronology_for_child(child=history, kinds=["contact"])] == [
        "contact"
    ]

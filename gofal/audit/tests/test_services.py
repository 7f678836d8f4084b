import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from gofal.audit.models import Action, AuditEvent
from gofal.audit.services import (
    GENESIS,
    INSERT_COLUMNS,
    Entry,
    compute_hash,
    record_create,
    record_delete,
    record_entries,
    record_list,
    record_update,
    record_view,
)
from gofal.authorities.tests.factories import AuthorityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def stored(events):
    return list(AuditEvent.objects.filter(seq__in=[e.seq for e in events]).order_by("seq"))


class TestRecordEntries:
    def test_first_row_links_to_genesis_and_rows_chain(self):
        rows = record_entries(
            actor=None,
            entries=[Entry(action=Action.VIEW, object_type="x.y") for _ in range(3)],
        )
        assert [r.seq for r in rows] == [1, 2, 3]
        assert rows[0].prev_hash == GENESIS
        assert rows[1].prev_hash == rows[0].hash
        assert rows[2].prev_hash == rows[1].hash
        assert len({r.hash for r in rows}) == 3

    def test_next_call_continues_the_chain(self):
        first = record_entries(actor=None, entries=[Entry(action=Action.VIEW, object_type="a")])
        second = record_entries(actor=None, entries=[Entry(action=Action.VIEW, object_type="b")])
        assert second[0].seq == first[0].seq + 1
        assert second[0].prev_hash == first[0].hash

    def test_nothing_to_record_writes_nothing(self, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert record_entries(actor=None, entries=[]) == []

    def test_actor_and_label_recorded(self):
        user = UserFactory(first_name="Nia", last_name="Rees")
        row = record_entries(actor=user, entries=[Entry(action=Action.VIEW, object_type="a")])[0]
        assert row.actor_id == user.pk
        assert row.actor_label == "Nia Rees"

    def test_without_actor_the_label_is_system(self):
        row = record_entries(actor=None, entries=[Entry(action=Action.VIEW, object_type="a")])[0]
        assert row.actor_id is None
        assert row.actor_label == "system"


class TestHashSurvivesTheDatabase:
    """The hash recomputed from the row read back must equal the hash written, on both
    databases, whatever Python values the caller put in the detail."""

    def test_detail_with_dates_uuids_decimals_and_datetimes(self):
        person = uuid.uuid4()
        detail = {
            "changes": {
                "date_of_birth": [date(2015, 2, 28), date(2015, 3, 1)],
                "key_worker": [None, uuid.uuid4()],
                "weight": [Decimal("12.50"), Decimal("13.05")],
                "seen_at": [datetime(2026, 5, 1, 9, 30, 0, 123456, tzinfo=UTC), None],
            },
            "reason": "Cywiriad – dyddiad geni",
            "nested": {"b": [1, 2.5, True], "a": {"z": None}},
        }
        row = record_entries(
            actor=None,
            entries=[Entry(action=Action.UPDATE, object_type="a", person_id=person, detail=detail)],
        )[0]
        again = AuditEvent.objects.get(seq=row.seq)
        assert again.detail == row.detail
        assert compute_hash(again) == again.hash == row.hash

    def test_detail_stored_as_plain_json(self):
        row = record_entries(
            actor=None,
            entries=[Entry(action=Action.UPDATE, object_type="a", detail={"on": date(2026, 1, 2)})],
        )[0]
        assert AuditEvent.objects.get(seq=row.seq).detail == {"on": "2026-01-02"}

    @pytest.mark.parametrize(
        "moment",
        [
            datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=UTC),  # just before clocks go forward
            datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # the repeated hour in October
            datetime(2026, 7, 1, 12, 0, 0, 0, tzinfo=UTC),  # no microseconds
        ],
    )
    def test_occurred_at_round_trip(self, moment):
        with time_machine.travel(moment, tick=False):
            row = record_entries(actor=None, entries=[Entry(action=Action.VIEW, object_type="a")])[
                0
            ]
        again = AuditEvent.objects.get(seq=row.seq)
        assert again.occurred_at == moment
        assert compute_hash(again) == row.hash

    def test_same_moment_in_another_zone_hashes_the_same(self):
        row = record_entries(actor=None, entries=[Entry(action=Action.VIEW, object_type="a")])[0]
        london = AuditEvent.objects.get(seq=row.seq)
        london.occurred_at = london.occurred_at.astimezone(ZoneInfo("Europe/London"))
        assert compute_hash(london) == row.hash
        plus_two = london.occurred_at.astimezone(timezone(timedelta(hours=2)))
        london.occurred_at = plus_two
        assert compute_hash(london) == row.hash

    def test_ids_given_as_text_in_any_case_hash_as_stored(self):
        person = uuid.uuid4()
        row = record_entries(
            actor=None,
            entries=[
                Entry(
                    action=Action.VIEW,
                    object_type="a",
                    person_id=str(person).upper(),  # type: ignore[arg-type]
                    authority_id=person.hex,  # type: ignore[arg-type]
                )
            ],
        )[0]
        again = AuditEvent.objects.get(seq=row.seq)
        assert again.person_id == person
        assert compute_hash(again) == row.hash

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("actor_label", "someone else"),
            ("action", Action.DELETE),
            ("object_id", "other"),
            ("detail", {"context": "changed"}),
            ("occurred_at", datetime(2020, 1, 1, tzinfo=UTC)),
            ("person_id", uuid.UUID(int=1)),
            ("authority_id", uuid.UUID(int=2)),
            ("actor_id", uuid.UUID(int=3)),
            ("prev_hash", "f" * 64),
            ("seq", 99),
        ],
    )
    def test_every_stored_field_is_covered_by_the_hash(self, field, value):
        row = record_entries(
            actor=None,
            entries=[Entry(action=Action.VIEW, object_type="a", detail={"context": "caseload"})],
        )[0]
        setattr(row, field, value)
        assert compute_hash(row) != row.hash


class TestVolume:
    def test_a_caseload_page_of_fifty_rows_costs_three_queries(self, django_assert_num_queries):
        """The lock (PostgreSQL only), the last row, and one insert for all fifty entries."""
        user = UserFactory()
        authority = AuthorityFactory()
        record_entries(actor=None, entries=[Entry(action=Action.VIEW, object_type="a")])
        entries = [
            Entry(
                action=Action.LIST,
                object_type="people.person",
                object_id=str(uuid.uuid4()),
                person_id=uuid.uuid4(),
                authority_id=authority.pk,
                detail={"context": "my caseload"},
            )
            for _ in range(50)
        ]
        expected = 3 if connection.vendor == "postgresql" else 2
        with django_assert_num_queries(expected) as captured:
            rows = record_entries(actor=user, entries=entries)
        sql = [q["sql"] for q in captured.captured_queries]
        if connection.vendor == "postgresql":
            assert "pg_advisory_xact_lock" in sql[0]
        assert sql[-1].startswith("INSERT")
        assert len(rows) == 50
        assert AuditEvent.objects.filter(action=Action.LIST).count() == 50


class TestRecordFunctions:
    """The convenience writers attribute entries to the object, its person and its council."""

    def test_view_of_a_membership_like_object(self):
        membership = MembershipFactory()
        record_view(actor=membership.user, obj=membership)
        event = AuditEvent.objects.get()
        assert event.action == Action.VIEW
        assert event.object_type == "authorities.membership"
        assert event.object_id == str(membership.pk)
        assert event.authority_id == membership.authority_id
        assert event.person_id is None

    def test_list_records_one_entry_per_object_with_context(self):
        memberships = MembershipFactory.create_batch(3)
        record_list(actor=None, objects=memberships, action=Action.SEARCH, context="name: Jon")
        events = list(AuditEvent.objects.all())
        assert [e.action for e in events] == [Action.SEARCH] * 3
        assert all(e.detail == {"context": "name: Jon"} for e in events)

    def test_create_update_delete(self):
        membership = MembershipFactory()
        record_create(actor=None, obj=membership)
        record_update(actor=None, obj=membership, changes={"role": ["a", "b"]})
        record_delete(actor=None, obj=membership, reason="Entered in error")
        events = list(AuditEvent.objects.all())
        assert [e.action for e in events] == [Action.CREATE, Action.UPDATE, Action.DELETE]
        assert events[1].detail == {"changes": {"role": ["a", "b"]}}
        assert events[2].detail == {"reason": "Entered in error"}


def test_the_raw_insert_names_every_column_of_the_audit_table():
    assert list(INSERT_COLUMNS) == [f.column for f in AuditEvent._meta.concrete_fields]

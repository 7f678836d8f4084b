"""`manage.py audit verify`: the whole chain recomputed, breaks reported with their position."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gofal.audit.models import Action, AuditEvent
from gofal.audit.services import GENESIS, Entry, compute_hash, record_entries
from gofal.audit.tests.factories import audit_events
from gofal.audit.tests.helpers import remove, tamper
from gofal.audit.verify import verify_chain

pytestmark = pytest.mark.django_db


def verify(*args):
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def verify_fails(*args):
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify", *args, stdout=out)
    return out.getvalue(), str(failure.value)


class TestIntactChain:
    def test_empty_log_is_intact(self):
        output = verify()
        assert "Verified 0 audit events." in output
        assert "Chain intact." in output
        assert f"Head: position 0, hash {GENESIS}" in output

    def test_intact_chain_passes_across_batches(self):
        events = audit_events(7, detail={"context": "caseload"})
        output = verify("--batch-size", "3")
        assert "Verified 7 audit events." in output
        assert "Chain intact." in output
        assert f"Head: position 7, hash {events[-1].hash}" in output

    def test_result_for_code(self):
        audit_events(4)
        result = verify_chain(batch_size=2)
        assert result.intact
        assert result.verified == 4
        assert result.head_seq == 4


class TestBrokenChain:
    def test_changed_content_is_found_at_its_position(self):
        audit_events(5)
        tamper(3, detail={"context": "nothing to see"})

        output, error = verify_fails("--batch-size", "2")

        assert "Verified 2 audit events." in output
        assert "Chain broken at position 3" in error
        assert "does not match its hash" in error

    def test_changed_actor_label_is_found(self):
        audit_events(3)
        tamper(1, actor_label="Someone Else")
        _, error = verify_fails()
        assert "position 1" in error

    def test_removed_row_is_a_gap(self):
        audit_events(5)
        remove(4)

        output, error = verify_fails()

        assert "Verified 3 audit events." in output
        assert "Chain broken at position 4: position 4 is missing" in error

    def test_rewritten_row_with_a_fresh_hash_breaks_the_next_link(self):
        audit_events(4)
        row = AuditEvent.objects.get(seq=2)
        row.action = Action.PRINT
        tamper(2, action=Action.PRINT, hash=compute_hash(row))

        _, error = verify_fails()

        assert "Chain broken at position 3" in error
        assert "previous-hash link" in error

    def test_first_row_must_link_to_genesis(self):
        audit_events(2)
        tamper(1, prev_hash="1" * 64)
        _, error = verify_fails()
        assert "position 1" in error

    def test_chain_not_starting_at_one(self):
        audit_events(3)
        remove(1)
        _, error = verify_fails()
        assert "position 1 is missing (the next row is at 2)" in error


class TestAnchor:
    def test_anchor_still_in_chain_passes(self):
        events = audit_events(3)
        audit_events(2)
        assert "Chain intact." in verify("--anchor", f"3:{events[-1].hash}")

    def test_emptied_chain_is_caught_by_the_anchor(self):
        events = audit_events(3)
        anchor = f"3:{events[-1].hash}"
        for seq in (3, 2, 1):
            remove(seq)
        record_entries(actor=None, entries=[Entry(action=Action.VIEW, object_type="a")])

        _, error = verify_fails("--anchor", anchor)

        assert "position 3" in error
        assert "no longer in the chain" in error

    def test_rewritten_chain_is_caught_by_the_anchor(self):
        audit_events(3)
        _, error = verify_fails("--anchor", "2:" + "a" * 64)
        assert "position 2" in error
        assert "differs from the anchor" in error

    def test_malformed_anchor(self):
        _, error = verify_fails("--anchor", "three")
        assert "SEQ:HASH" in error

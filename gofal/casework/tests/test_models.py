import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from gofal.authorities.tenancy import acting_as_authority
from gofal.casework.models import (
    Allocation,
    AllocationChangeReason,
    CaseNote,
    CaseNoteRevision,
    Involvement,
)
from gofal.casework.tests.factories import (
    AllocationFactory,
    CaseNoteFactory,
    InvolvementFactory,
)


@pytest.mark.django_db
class TestConstraints:
    def test_a_child_has_at_most_one_open_involvement(self):
        first = InvolvementFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            InvolvementFactory(child=first.child, team=first.team)

    def test_closed_involvements_do_not_count(self):
        first = InvolvementFactory(ended_on=dt.date(2025, 2, 1), end_reason="needs_met")
        InvolvementFactory(child=first.child, team=first.team, started_on=dt.date(2025, 3, 1))
        assert Involvement.objects.filter(child=first.child).count() == 2

    def test_an_ended_involvement_needs_a_reason(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            InvolvementFactory(ended_on=dt.date(2025, 2, 1))

    def test_a_child_has_at_most_one_open_allocation(self):
        first = AllocationFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            AllocationFactory(involvement=first.involvement)

    def test_seen_alone_only_if_seen(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            CaseNoteFactory(child_seen=False, seen_alone=True)

    def test_change_reasons_are_data_in_both_languages(self):
        reasons = list(AllocationChangeReason.objects.all())
        assert len(reasons) == 10
        assert all(r.label_en and r.label_cy for r in reasons)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level security is PostgreSQL's")
def test_row_level_security_hides_another_councils_casework():
    note = CaseNoteFactory()
    allocation = AllocationFactory()
    with acting_as_authority(allocation.authority_id):
        # The filter on council is deliberately left out: the database still refuses.
        assert not CaseNote.objects.filter(pk=note.pk).exists()
        assert not CaseNoteRevision.objects.filter(note_id=note.pk).exists()
        assert Allocation.objects.filter(pk=allocation.pk).exists()
        assert Involvement.objects.filter(pk=allocation.involvement_id).exists()
    with acting_as_authority(note.authority_id):
        assert CaseNote.objects.filter(pk=note.pk).exists()
        assert not Allocation.objects.filter(pk=allocation.pk).exists()

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gofal.audit.models import Action, AuditEvent
from gofal.authorities.models import Notification, Role
from gofal.authorities.records import EditConflict
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.casework import services
from gofal.casework.models import (
    Allocation,
    AllocationChangeReason,
    CaseNote,
    CaseNoteRevision,
    Involvement,
    InvolvementEndReason,
    InvolvementReason,
    SignificantEvent,
)
from gofal.casework.tests.factories import ChildFactory, InvolvementFactory
from gofal.people.models import PersonAccess

TODAY = dt.date(2025, 6, 2)


def reason(code="worker_left_role"):
    return AllocationChangeReason.objects.get(code=code)


@pytest.mark.django_db
class TestInvolvementStart:
    def test_opens_and_audits(self, child, team, manager):
        involvement = services.involvement_start(
            child=child,
            team=team,
            started_on=dt.date(2025, 5, 1),
            reason=InvolvementReason.ACUTE_STRESS,
            started_by=manager,
            as_of=TODAY,
        )
        assert involvement.is_open
        assert AuditEvent.objects.filter(
            action=Action.CREATE, object_id=str(involvement.pk), person_id=child.pk
        ).exists()

    def test_refuses_a_second_open_involvement(self, involvement, team, manager):
        with pytest.raises(ValidationError, match="already has an open involvement"):
            services.involvement_start(
                child=involvement.child,
                team=team,
                started_on=dt.date(2025, 5, 1),
                reason=InvolvementReason.ACUTE_STRESS,
                started_by=manager,
                as_of=TODAY,
            )
        assert Involvement.objects.filter(child=involvement.child).count() == 1

    def test_refuses_another_councils_team(self, child, manager):
        with pytest.raises(ValidationError) as error:
            services.involvement_start(
                child=child,
                team=TeamFactory(),
                started_on=dt.date(2025, 5, 1),
                reason=InvolvementReason.ACUTE_STRESS,
                started_by=manager,
                as_of=TODAY,
            )
        assert "team" in error.value.message_dict

    def test_refuses_a_future_start(self, child, team, manager):
        with pytest.raises(ValidationError) as error:
            services.involvement_start(
                child=child,
                team=team,
                started_on=TODAY + dt.timedelta(days=1),
                reason=InvolvementReason.ACUTE_STRESS,
                started_by=manager,
                as_of=TODAY,
            )
        assert "started_on" in error.value.message_dict


@pytest.mark.django_db
class TestInvolvementEnd:
    def test_closes_involvement_and_its_allocation(self, allocation, manager):
        involvement = allocation.involvement
        services.involvement_end(
            involvement=involvement,
            expected_version=involvement.version,
            ended_on=dt.date(2025, 5, 30),
            end_reason=InvolvementEndReason.NEEDS_MET,
            ended_by=manager,
            as_of=TODAY,
        )
        involvement.refresh_from_db()
        allocation.refresh_from_db()
        assert involvement.ended_on == dt.date(2025, 5, 30)
        assert involvement.end_reason == InvolvementEndReason.NEEDS_MET
        assert allocation.ended_on == dt.date(2025, 5, 30)

    def test_a_new_involvement_may_follow_a_closed_one(self, involvement, team, manager):
        services.involvement_end(
            involvement=involvement,
            expected_version=involvement.version,
            ended_on=dt.date(2025, 3, 1),
            end_reason=InvolvementEndReason.STEPPED_DOWN,
            ended_by=manager,
            as_of=TODAY,
        )
        services.involvement_start(
            child=involvement.child,
            team=team,
            started_on=dt.date(2025, 5, 1),
            reason=InvolvementReason.ABUSE_OR_NEGLECT,
            started_by=manager,
            as_of=TODAY,
        )
        assert Involvement.objects.filter(child=involvement.child).count() == 2

    def test_conflicting_close_is_refused(self, involvement, manager):
        stale = involvement.version
        Involvement.objects.filter(pk=involvement.pk).update(version=stale + 1)
        with pytest.raises(EditConflict):
            services.involvement_end(
                involvement=involvement,
                expected_version=stale,
                ended_on=dt.date(2025, 3, 1),
                end_reason=InvolvementEndReason.NEEDS_MET,
                ended_by=manager,
                as_of=TODAY,
            )


@pytest.mark.django_db
class TestAllocationChange:
    def test_first_allocation_needs_no_reason(self, involvement, worker, manager, team):
        allocation = services.allocation_change(
            child=involvement.child,
            worker=worker,
            team=team,
            started_on=dt.date(2025, 1, 7),
            reason=None,
            changed_by=manager,
            as_of=TODAY,
        )
        assert allocation.reason is None
        assert not allocation.is_change

    def test_change_closes_the_previous_allocation(
        self, allocation, manager, team, django_capture_on_commit_callbacks
    ):
        new_worker = staff(Role.SOCIAL_WORKER, team=team)
        with django_capture_on_commit_callbacks(execute=True):
            new = services.allocation_change(
                child=allocation.child,
                worker=new_worker,
                team=team,
                started_on=dt.date(2025, 4, 1),
                reason=reason(),
                reason_detail="Moved to the fostering team",
                changed_by=manager,
                as_of=TODAY,
            )
        allocation.refresh_from_db()
        assert allocation.ended_on == dt.date(2025, 4, 1)
        assert new.ended_on is None
        assert new.reason.code == "worker_left_role"
        assert Allocation.objects.filter(child=allocation.child, ended_on__isnull=True).get() == new
        audited = AuditEvent.objects.filter(person_id=allocation.child_id)
        assert audited.filter(action=Action.UPDATE, object_id=str(allocation.pk)).exists()
        assert audited.filter(action=Action.CREATE, object_id=str(new.pk)).exists()
        notification = Notification.objects.get(recipient=new_worker)
        assert allocation.child.full_name in notification.subject
        assert str(allocation.child.pk) in notification.link

    def test_a_change_needs_a_reason(self, allocation, manager, team):
        with pytest.raises(ValidationError) as error:
            services.allocation_change(
                child=allocation.child,
                worker=staff(Role.SOCIAL_WORKER, team=team),
                team=team,
                started_on=dt.date(2025, 4, 1),
                reason=None,
                changed_by=manager,
                as_of=TODAY,
            )
        assert "reason" in error.value.message_dict
        allocation.refresh_from_db()
        assert allocation.ended_on is None

    def test_needs_an_open_involvement(self, child, worker, manager, team):
        with pytest.raises(ValidationError, match="Open an involvement"):
            services.allocation_change(
                child=child,
                worker=worker,
                team=team,
                started_on=dt.date(2025, 4, 1),
                reason=None,
                changed_by=manager,
                as_of=TODAY,
            )

    def test_refuses_a_worker_from_another_council(self, involvement, manager, team):
        outsider = staff(Role.SOCIAL_WORKER)
        with pytest.raises(ValidationError) as error:
            services.allocation_change(
                child=involvement.child,
                worker=outsider,
                team=team,
                started_on=dt.date(2025, 4, 1),
                reason=None,
                changed_by=manager,
                as_of=TODAY,
            )
        assert "worker" in error.value.message_dict

    def test_refuses_a_date_before_the_current_allocation(self, allocation, manager, team):
        with pytest.raises(ValidationError) as error:
            services.allocation_change(
                child=allocation.child,
                worker=staff(Role.SOCIAL_WORKER, team=team),
                team=team,
                started_on=allocation.started_on - dt.timedelta(days=1),
                reason=reason(),
                changed_by=manager,
                as_of=TODAY,
            )
        assert "started_on" in error.value.message_dict

    def test_refuses_the_same_worker(self, allocation, manager, team):
        with pytest.raises(ValidationError) as error:
            services.allocation_change(
                child=allocation.child,
                worker=allocation.worker,
                team=team,
                started_on=dt.date(2025, 4, 1),
                reason=reason(),
                changed_by=manager,
                as_of=TODAY,
            )
        assert "worker" in error.value.message_dict

    def test_allocation_end_leaves_child_unallocated(self, allocation, manager):
        services.allocation_end(
            allocation=allocation,
            expected_version=allocation.version,
            ended_on=dt.date(2025, 5, 1),
            ended_by=manager,
            as_of=TODAY,
        )
        allocation.refresh_from_db()
        assert allocation.ended_on == dt.date(2025, 5, 1)


def note_values(**overrides):
    values = {
        "kind": "home_visit",
        "occurred_at": timezone.now() - dt.timedelta(hours=2),
        "child_seen": True,
        "seen_alone": True,
        "narrative": "Cerys showed me her room and talked about school.",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
class TestCaseNoteCreate:
    def test_records_note_first_revision_and_audit(self, child, worker):
        note = services.case_note_create(
            child=child, author=worker, form_token=uuid.uuid4(), now=timezone.now(), **note_values()
        )
        assert note.seen_alone
        assert note.revisions.get().number == 1
        assert AuditEvent.objects.filter(action=Action.CREATE, object_id=str(note.pk)).exists()

    def test_refuses_a_note_in_the_future(self, child, worker):
        now = timezone.now()
        with pytest.raises(ValidationError) as error:
            services.case_note_create(
                child=child,
                author=worker,
                form_token=None,
                now=now,
                **note_values(occurred_at=now + dt.timedelta(days=2)),
            )
        assert error.value.message_dict["occurred_at"] == [
            "Date it happened must be today or in the past"
        ]
        assert not CaseNote.objects.exists()

    def test_refuses_seen_alone_when_not_seen(self, child, worker):
        with pytest.raises(ValidationError) as error:
            services.case_note_create(
                child=child,
                author=worker,
                form_token=None,
                now=timezone.now(),
                **note_values(child_seen=False, seen_alone=True),
            )
        assert "seen_alone" in error.value.message_dict

    def test_same_form_twice_records_one_note(self, child, worker):
        token = uuid.uuid4()
        first = services.case_note_create(
            child=child, author=worker, form_token=token, now=timezone.now(), **note_values()
        )
        second = services.case_note_create(
            child=child, author=worker, form_token=token, now=timezone.now(), **note_values()
        )
        assert first == second
        assert CaseNote.objects.count() == 1


@pytest.mark.django_db
class TestCaseNoteUpdate:
    @pytest.fixture
    def note(self, child, worker):
        return services.case_note_create(
            child=child, author=worker, form_token=None, now=timezone.now(), **note_values()
        )

    def test_keeps_every_revision(self, note, worker):
        services.case_note_update(
            note=note,
            expected_version=note.version,
            edited_by=worker,
            now=timezone.now(),
            **note_values(narrative="Corrected: Cerys showed me her room."),
        )
        note.refresh_from_db()
        assert note.version == 2
        assert note.narrative == "Corrected: Cerys showed me her room."
        revisions = list(CaseNoteRevision.objects.filter(note=note).order_by("number"))
        assert [r.number for r in revisions] == [1, 2]
        assert revisions[0].narrative == "Cerys showed me her room and talked about school."
        event = AuditEvent.objects.get(action=Action.UPDATE, object_id=str(note.pk))
        assert event.detail["changes"]["narrative"] == ["revision 1", "revision 2"]

    def test_detects_a_conflicting_edit(self, note, worker, manager):
        opened_at = note.version
        services.case_note_update(
            note=CaseNote.objects.get(pk=note.pk),
            expected_version=opened_at,
            edited_by=manager,
            now=timezone.now(),
            **note_values(narrative="Manager's correction"),
        )
        with pytest.raises(EditConflict) as error:
            services.case_note_update(
                note=note,
                expected_version=opened_at,
                edited_by=worker,
                now=timezone.now(),
                **note_values(narrative="Worker's correction"),
            )
        assert error.value.current.narrative == "Manager's correction"
        assert error.value.submitted["narrative"] == "Worker's correction"
        assert CaseNote.objects.get(pk=note.pk).narrative == "Manager's correction"
        assert CaseNoteRevision.objects.filter(note=note).count() == 2

    def test_refuses_moving_a_note_into_the_future(self, note, worker):
        now = timezone.now()
        with pytest.raises(ValidationError):
            services.case_note_update(
                note=note,
                expected_version=note.version,
                edited_by=worker,
                now=now,
                **note_values(occurred_at=now + dt.timedelta(days=1)),
            )


@pytest.mark.django_db
class TestSignificantEvent:
    def test_records_and_is_idempotent(self, child, worker):
        token = uuid.uuid4()
        for _ in range(2):
            services.significant_event_record(
                child=child,
                occurred_on=dt.date(2025, 2, 14),
                kind="bereavement",
                summary="Grandmother died.",
                recorded_by=worker,
                form_token=token,
                as_of=TODAY,
            )
        assert SignificantEvent.objects.count() == 1

    def test_refuses_a_future_date(self, child, worker):
        with pytest.raises(ValidationError) as error:
            services.significant_event_record(
                child=child,
                occurred_on=TODAY + dt.timedelta(days=1),
                kind="bereavement",
                summary="x",
                recorded_by=worker,
                form_token=None,
                as_of=TODAY,
            )
        assert "occurred_on" in error.value.message_dict


@pytest.mark.django_db
def test_restricted_childs_new_worker_is_granted_access(involvement, manager, team):
    child = involvement.child
    child.restricted = True
    child.save()
    worker = staff(Role.SOCIAL_WORKER, team=team)
    assert not PersonAccess.objects.filter(person=child, user=worker).exists()
    services.allocation_change(
        child=child,
        worker=worker,
        team=team,
        started_on=dt.date(2025, 4, 1),
        reason=None,
        changed_by=manager,
        as_of=TODAY,
    )
    assert PersonAccess.objects.filter(person=child, user=worker, ends_at__isnull=True).exists()


@pytest.mark.django_db
def test_other_council_child_factory_sanity():
    assert ChildFactory().authority_id != InvolvementFactory().authority_id


@pytest.mark.django_db
def test_a_token_reused_for_another_child_records_a_new_note(child, worker, team):
    token = uuid.uuid4()
    services.case_note_create(
        child=child, author=worker, form_token=token, now=timezone.now(), **note_values()
    )
    sibling = ChildFactory(authority=team.authority)
    other = services.case_note_create(
        child=sibling, author=worker, form_token=token, now=timezone.now(), **note_values()
    )
    assert other.child == sibling
    assert CaseNote.objects.count() == 2

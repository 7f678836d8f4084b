import datetime as dt

import pytest
from django.utils import timezone

from gofal.authorities.acting import acting_for
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.casework import selectors
from gofal.casework.models import AllocationChangeReason
from gofal.casework.tests.factories import (
    AllocationFactory,
    CaseNoteFactory,
    ChildFactory,
    InvolvementFactory,
)
from gofal.people.models import PersonAccess

TODAY = dt.date(2025, 6, 30)


def signed_in(user, as_of=TODAY):
    user.acting = acting_for(user=user, authority_id=None, as_of=as_of)
    return user


def change(previous, *, worker, on, code="worker_left_role"):
    """End `previous` and allocate `worker` from `on`, as the service does."""
    previous.ended_on = on
    previous.save()
    return AllocationFactory(
        involvement=previous.involvement,
        worker=worker,
        started_on=on,
        reason=AllocationChangeReason.objects.get(code=code),
    )


@pytest.mark.django_db
class TestWorkerChanges:
    def test_counts_changes_in_the_period_not_the_first_allocation(self, allocation, team):
        second = change(allocation, worker=staff(team=team), on=dt.date(2025, 3, 1))
        change(second, worker=staff(team=team), on=dt.date(2025, 6, 1))
        child = allocation.child
        since = TODAY - dt.timedelta(days=183)
        assert selectors.worker_changes_for_child(child=child, since=since, until=TODAY) == 2
        assert (
            selectors.worker_changes_for_child(child=child, since=dt.date(2025, 4, 1), until=TODAY)
            == 1
        )
        assert (
            selectors.worker_changes_for_child(
                child=child, since=dt.date(2024, 1, 1), until=dt.date(2025, 2, 1)
            )
            == 0
        )

    def test_by_child_gives_zero_for_children_without_changes(self, allocation):
        other = AllocationFactory()
        counts = selectors.worker_changes_by_child(
            child_ids=[allocation.child_id, other.child_id], since=dt.date(2024, 1, 1), until=TODAY
        )
        assert counts == {allocation.child_id: 0, other.child_id: 0}


@pytest.mark.django_db
class TestMyCaseload:
    def test_lists_only_my_open_allocations_in_my_council(self, allocation, worker, team):
        ended = AllocationFactory(worker=worker, involvement__team=team, ended_on=TODAY)
        someone_elses = AllocationFactory(involvement__team=team)
        rows = selectors.caseload_for_worker(user=signed_in(worker), as_of=TODAY)
        assert [a.pk for a in rows] == [allocation.pk]
        assert ended.pk not in {a.pk for a in rows}
        assert someone_elses.pk not in {a.pk for a in rows}

    def test_another_councils_allocations_are_not_shown(self, allocation, worker):
        elsewhere = TeamFactory()
        # The same person also works for another council, where a child is allocated to them.
        AllocationFactory(worker=worker, involvement__team=elsewhere, membership=False)
        rows = selectors.caseload_for_worker(user=signed_in(worker), as_of=TODAY)
        assert [a.pk for a in rows] == [allocation.pk]

    def test_last_seen_and_seen_alone_come_from_case_notes(self, allocation, worker):
        child = allocation.child
        seen = timezone.make_aware(dt.datetime(2025, 6, 10, 10, 0))
        alone = timezone.make_aware(dt.datetime(2025, 5, 2, 15, 0))
        CaseNoteFactory(child=child, occurred_at=alone, child_seen=True, seen_alone=True)
        CaseNoteFactory(child=child, occurred_at=seen, child_seen=True, seen_alone=False)
        CaseNoteFactory(
            child=child,
            occurred_at=timezone.make_aware(dt.datetime(2025, 6, 20)),
            kind="phone_call",
            child_seen=False,
        )
        (row,) = selectors.caseload_for_worker(user=signed_in(worker), as_of=TODAY)
        assert row.last_seen_at == seen
        assert row.last_seen_alone_at == alone

    def test_restricted_child_without_access_is_not_listed(self, allocation, worker):
        child = allocation.child
        child.restricted = True
        child.save()
        assert selectors.caseload_for_worker(user=signed_in(worker), as_of=TODAY) == []
        PersonAccess.objects.create(
            authority=child.authority,
            person=child,
            user=worker,
            granted_by=worker,
            reason="Allocated",
            starts_at=timezone.now() - dt.timedelta(days=1),
        )
        assert len(selectors.caseload_for_worker(user=signed_in(worker), as_of=TODAY)) == 1


@pytest.mark.django_db
class TestTeamCaseload:
    def test_groups_by_worker_and_finds_unallocated_children(self, allocation, worker, team):
        manager = signed_in(staff(Role.TEAM_MANAGER, team=team))
        idle = staff(Role.SOCIAL_WORKER, team=team)
        waiting = InvolvementFactory(team=team)
        InvolvementFactory(team=TeamFactory(authority=team.authority))  # another team
        caseload = selectors.team_caseload(user=manager, team=team, as_of=TODAY)
        loads = {load.worker: load.count for load in caseload.workers}
        assert loads[worker] == 1
        assert loads[idle] == 0
        assert [i.pk for i in caseload.unallocated] == [waiting.pk]
        assert caseload.allocated_count == 1

    def test_share_of_children_without_a_recent_change(self, allocation, team):
        manager = signed_in(staff(Role.TEAM_MANAGER, team=team))
        change(allocation, worker=staff(team=team), on=dt.date(2025, 5, 1))
        AllocationFactory(involvement__team=team)  # no change
        caseload = selectors.team_caseload(user=manager, team=team, as_of=TODAY)
        assert caseload.allocated_count == 2
        assert caseload.no_recent_change_count == 1
        assert caseload.no_recent_change_percent == 50

    def test_lists_recent_changes_with_the_worker_replaced(self, allocation, worker, team):
        manager = signed_in(staff(Role.TEAM_MANAGER, team=team))
        newcomer = staff(team=team, first_name="Dafydd", last_name="Rees")
        change(allocation, worker=newcomer, on=dt.date(2025, 5, 1))
        caseload = selectors.team_caseload(user=manager, team=team, as_of=TODAY)
        (recent,) = caseload.recent_changes
        assert recent.worker == newcomer
        assert (recent.previous_first_name, recent.previous_last_name) == ("Siân", "Morgan")
        assert recent.reason.code == "worker_left_role"
        assert recent.child == allocation.child

    def test_lists_only_the_chosen_workers_children(self, allocation, worker, team):
        manager = signed_in(staff(Role.TEAM_MANAGER, team=team))
        other = AllocationFactory(involvement__team=team)
        caseload = selectors.team_caseload(user=manager, team=team, as_of=TODAY)
        assert caseload.chosen is None
        assert all(load.allocations == [] for load in caseload.workers)
        caseload = selectors.team_caseload(
            user=manager, team=team, as_of=TODAY, worker_id=worker.pk
        )
        assert caseload.chosen is not None
        assert caseload.chosen.worker == worker
        assert [a.pk for a in caseload.chosen.allocations] == [allocation.pk]
        assert other.pk not in [a.pk for a in caseload.chosen.allocations]
        assert caseload.allocated_count == 2

    def test_counts_a_former_member_still_holding_cases(self, team):
        manager = signed_in(staff(Role.TEAM_MANAGER, team=team))
        left = AllocationFactory(involvement__team=team, membership=False)
        caseload = selectors.team_caseload(user=manager, team=team, as_of=TODAY)
        (load,) = [w for w in caseload.workers if w.worker.pk == left.worker_id]
        assert (load.count, load.member) == (1, False)
        assert str(load.worker) == str(left.worker)

    def test_manager_sees_only_teams_they_manage(self, team):
        manager = signed_in(staff(Role.TEAM_MANAGER, team=team))
        TeamFactory(authority=team.authority)
        assert list(selectors.teams_for_manager(user=manager)) == [team]

    def test_head_of_service_sees_every_team_of_the_council(self, team):
        other = TeamFactory(authority=team.authority)
        head = signed_in(staff(Role.HEAD_OF_SERVICE, team=team))
        assert set(selectors.teams_for_manager(user=head)) == {team, other}

    def test_social_worker_manages_no_team(self, worker):
        assert not selectors.teams_for_manager(user=signed_in(worker)).exists()


@pytest.mark.django_db
class TestChildRecords:
    def test_reads_are_scoped_to_the_childs_council(self, allocation):
        child = allocation.child
        CaseNoteFactory(child=child)
        CaseNoteFactory(child=ChildFactory())
        assert selectors.case_notes_for_child(child=child).count() == 1
        assert selectors.allocation_current(child=child) == allocation
        assert selectors.involvement_current(child=child) == allocation.involvement

    def test_a_note_of_another_child_is_not_found(self, child):
        from django.http import Http404

        other_note = CaseNoteFactory()
        with pytest.raises(Http404):
            selectors.case_note_get(child=child, note_id=other_note.pk)
        with pytest.raises(Http404):
            selectors.case_note_get(child=child, note_id="not-a-uuid")

    def test_allocatable_workers_are_practitioners_of_the_council(self, worker, team):
        staff(Role.BUSINESS_SUPPORT, team=team)
        staff(Role.SOCIAL_WORKER)  # another council
        workers = list(selectors.allocatable_workers(authority_id=team.authority_id, as_of=TODAY))
        assert workers == [worker]

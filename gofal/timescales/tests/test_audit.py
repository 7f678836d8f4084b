"""Changes to the rule registry and decisions on missed deadlines reach the audit log."""

from datetime import date, datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gofal.audit.models import Action, AuditEvent
from gofal.audit.verify import verify_chain
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.timescales import services
from gofal.timescales.calendar import LONDON
from gofal.timescales.models import (
    ClosureDay,
    ExceptionDecision,
    ExceptionReason,
    RegistryChange,
    Rule,
    SourceStatus,
)
from gofal.timescales.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
AT = datetime(2025, 6, 1, 9, tzinfo=LONDON)


def only_event(object_type: str) -> AuditEvent:
    return AuditEvent.objects.get(object_type=object_type)


def test_new_rule_version_is_audited_with_reason():
    admin = staff(Role.SYSTEM_ADMINISTRATOR)
    version = services.rule_version_add(
        rule=Rule.objects.get(code="assessment"),
        jurisdiction="wales",
        effective_from=date(2026, 1, 1),
        duration=35,
        unit="working_days",
        source="A new code of practice",
        status=SourceStatus.CONFIRMED,
        reason="New code in force",
        changed_by=admin,
        at=AT,
    )
    event = only_event("timescales.ruleversion")
    assert event.action == Action.CREATE
    assert event.object_id == str(version.pk)
    assert event.actor_id == admin.pk
    assert event.authority_id is None  # a national rule belongs to no council
    assert event.detail["reason"] == "New code in force"
    assert event.detail["changes"]["duration"] == ["42", "35"]
    assert event.detail["registry_change"] == str(RegistryChange.objects.get().pk)
    assert verify_chain().intact


def test_local_standard_set_and_ended_are_audited_for_the_council():
    authority = AuthorityFactory()
    admin = staff(Role.SYSTEM_ADMINISTRATOR, team=TeamFactory(authority=authority))
    standard = services.local_standard_set(
        authority=authority,
        rule=Rule.objects.get(code="assessment"),
        duration=35,
        unit="working_days",
        effective_from=date(2025, 1, 1),
        reason="Council's own standard",
        set_by=admin,
        at=AT,
    )
    services.local_standard_end(
        standard=standard, ended_on=date(2025, 12, 31), reason="Back to 42", ended_by=admin, at=AT
    )
    events = list(AuditEvent.objects.filter(object_type="timescales.localstandard").order_by("seq"))
    assert [e.action for e in events] == [Action.CREATE, Action.UPDATE]
    assert all(e.authority_id == authority.pk for e in events)
    assert [e.detail["reason"] for e in events] == ["Council's own standard", "Back to 42"]
    assert events[1].detail["changes"]["effective_to"] == [None, "2025-12-31"]


def test_closure_day_added_and_removed_are_audited():
    authority = AuthorityFactory()
    admin = staff(Role.SYSTEM_ADMINISTRATOR, team=TeamFactory(authority=authority))
    closure = services.closure_day_add(
        authority=authority, on=date(2025, 12, 24), reason="Staff training", added_by=admin, at=AT
    )
    closure_id = str(closure.pk)
    services.closure_day_remove(closure=closure, reason="Training moved", removed_by=admin, at=AT)
    events = list(AuditEvent.objects.filter(object_type="timescales.closureday").order_by("seq"))
    assert [e.action for e in events] == [Action.CREATE, Action.DELETE]
    assert [e.detail["reason"] for e in events] == ["Staff training", "Training moved"]
    assert {e.object_id for e in events} == {closure_id}
    assert not ClosureDay.objects.exists()


def test_reminder_setting_is_audited():
    authority = AuthorityFactory()
    services.council_setting_set(
        authority=authority,
        remind_working_days=5,
        reason="Longer warning",
        set_by=staff(Role.SYSTEM_ADMINISTRATOR, team=TeamFactory(authority=authority)),
        at=AT,
    )
    event = only_event("timescales.councilsetting")
    assert event.detail["changes"]["remind_working_days"] == ["2", "5"]


def test_no_reason_means_no_change_and_no_audit():
    authority = AuthorityFactory()
    with pytest.raises(ValidationError):
        services.closure_day_add(
            authority=authority, on=date(2025, 12, 24), reason=" ", added_by=staff(), at=AT
        )
    assert not AuditEvent.objects.filter(object_type__startswith="timescales.").exists()


def test_if_the_audit_cannot_be_written_the_change_is_not_made():
    authority = AuthorityFactory()
    admin = staff(Role.SYSTEM_ADMINISTRATOR, team=TeamFactory(authority=authority))
    with (
        mock.patch(
            "gofal.timescales.services.audit.record_entries", side_effect=RuntimeError("down")
        ),
        pytest.raises(RuntimeError),
    ):
        services.closure_day_add(
            authority=authority, on=date(2025, 12, 24), reason="Training", added_by=admin, at=AT
        )
    assert not ClosureDay.objects.exists()
    assert not RegistryChange.objects.exists()


def test_exception_recorded_and_decided_are_audited_against_the_child():
    child = ChildFactory(authority=AuthorityFactory())
    deadline = services.deadline_start(
        rule_code="assessment",
        authority=child.authority,
        child_id=child.pk,
        started_at=date(2025, 1, 6),
    )
    worker, manager = staff(), staff(Role.TEAM_MANAGER)
    exception = services.deadline_exception_record(
        deadline=deadline,
        reason=ExceptionReason.objects.get(code="family-unavailable"),
        explanation="Family away for three weeks",
        recorded_by=worker,
        at=AT,
    )
    # the same form sent twice: one reason, one audit entry
    services.deadline_exception_record(
        deadline=deadline,
        reason=ExceptionReason.objects.get(code="family-unavailable"),
        explanation="Family away for three weeks",
        recorded_by=worker,
        at=AT,
    )
    status = services.deadline_exception_decide(
        exception=exception,
        decision=ExceptionDecision.APPROVED,
        note="Agreed: family abroad",
        decided_by=manager,
        at=AT,
    )
    recorded = only_event("timescales.deadlineexception")
    assert recorded.action == Action.CREATE
    assert recorded.object_id == str(exception.pk)
    assert recorded.person_id == child.pk
    assert recorded.actor_id == worker.pk
    assert recorded.detail["deadline"] == str(deadline.pk)
    assert recorded.detail["explanation"] == "Family away for three weeks"
    decided = only_event("timescales.deadlineexceptionstatus")
    assert decided.object_id == str(status.pk)
    assert decided.person_id == child.pk
    assert decided.actor_id == manager.pk
    assert decided.detail["decision"] == "approved"
    assert decided.detail["note"] == "Agreed: family abroad"


class TestReadsAreAudited:
    """Queues and deadline pages show children's records: each read is in the audit log."""

    @pytest.fixture
    def setup(self, db):
        team = TeamFactory()
        worker = staff(team=team)
        children = [ChildFactory(authority=team.authority) for _ in range(2)]
        deadlines = [
            services.deadline_start(
                rule_code=code,
                authority=team.authority,
                child_id=child.pk,
                started_at=date(2025, 5, 1),
                worker=worker,
                team=team,
            )
            for child in children
            for code in ("assessment", "referral-decision")
        ]
        return team, worker, children, deadlines

    def reads(self, user, action):
        return list(
            AuditEvent.objects.filter(actor_id=user.pk, action=action).values_list(
                "person_id", "detail"
            )
        )

    def test_my_work_records_one_list_entry_per_child(self, client, setup):
        _team, worker, children, _ = setup
        client.force_login(worker)
        client.get(reverse("timescales:my_work"))
        reads = self.reads(worker, Action.LIST)
        assert sorted(p for p, _ in reads) == sorted(c.pk for c in children)
        assert {d["context"] for _, d in reads} == {"timescales:my_work"}

    def test_team_work_records_the_children_on_the_page(self, client, setup):
        team, _worker, children, _ = setup
        manager = staff(Role.TEAM_MANAGER, team=team)
        client.force_login(manager)
        client.get(reverse("timescales:team_work"))
        assert sorted(p for p, _ in self.reads(manager, Action.LIST)) == sorted(
            c.pk for c in children
        )

    def test_a_deadline_page_records_a_view_of_the_child(self, client, setup):
        _team, worker, children, deadlines = setup
        client.force_login(worker)
        client.get(reverse("timescales:deadline_detail", args=[deadlines[0].pk]))
        event = AuditEvent.objects.get(actor_id=worker.pk, action=Action.VIEW)
        assert event.person_id == children[0].pk
        assert event.object_id == str(deadlines[0].pk)

    def test_a_refused_deadline_page_records_nothing(self, client, setup):
        _team, _worker, _children, deadlines = setup
        stranger = staff(team=TeamFactory(authority=AuthorityFactory()))
        client.force_login(stranger)
        response = client.get(reverse("timescales:deadline_detail", args=[deadlines[0].pk]))
        assert response.status_code == 404
        assert not AuditEvent.objects.filter(actor_id=stranger.pk, action=Action.VIEW).exists()

"""Reminders before a due date and escalation on breach: sent once, however often swept."""

from datetime import date, datetime

import pytest
from django.core import mail
from django.core.management import call_command

from gofal.authorities.models import Notification, Role
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.timescales import services, tasks
from gofal.timescales.calendar import LONDON
from gofal.timescales.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    team = TeamFactory()
    worker = staff(team=team)
    manager = staff(Role.TEAM_MANAGER, team=team)
    child = ChildFactory(authority=team.authority)
    deadline = services.deadline_start(
        rule_code="assessment",
        authority=team.authority,
        child_id=child.pk,
        started_at=date(2025, 3, 25),
        worker=worker,
        team=team,
    )
    assert deadline.due_on == date(2025, 5, 28)
    return worker, manager, deadline


def at(day):
    return datetime.fromisoformat(day).replace(hour=7, tzinfo=LONDON)


def test_no_reminder_before_the_window(setup):
    assert tasks.sweep(as_of=at("2025-05-22")) == tasks.SweepResult(0, 0)


def test_reminder_once_in_the_window(setup, django_capture_on_commit_callbacks):
    worker, manager, deadline = setup
    with django_capture_on_commit_callbacks(execute=True):
        # Two working days before Wednesday 28 May: Friday 23 May (26 May is a bank holiday).
        assert tasks.sweep(as_of=at("2025-05-23")) == tasks.SweepResult(1, 0)
        assert tasks.sweep(as_of=at("2025-05-23")) == tasks.SweepResult(0, 0)
        assert tasks.sweep(as_of=at("2025-05-27")) == tasks.SweepResult(0, 0)
    notes = Notification.objects.filter(recipient=worker)
    assert notes.count() == 1
    assert str(deadline.pk) in notes.get().link
    assert len(mail.outbox) == 1


def test_escalation_to_the_manager_once_on_breach(setup):
    worker, manager, deadline = setup
    assert tasks.sweep(as_of=at("2025-05-29")) == tasks.SweepResult(0, 1)
    assert tasks.sweep(as_of=at("2025-06-05")) == tasks.SweepResult(0, 0)
    assert Notification.objects.get(recipient=manager).kind == "timescale_escalation"
    assert not Notification.objects.filter(recipient=worker).exists()


def test_met_clocks_are_left_alone(setup):
    worker, manager, deadline = setup
    services.deadline_meet(deadline=deadline, met_at=date(2025, 5, 1))
    assert tasks.sweep(as_of=at("2025-05-29")) == tasks.SweepResult(0, 0)


def test_council_setting_changes_the_window(setup):
    worker, manager, deadline = setup
    services.council_setting_set(
        authority=deadline.authority,
        remind_working_days=5,
        reason="Earlier warning",
        set_by=manager,
        at=at("2025-05-01"),
    )
    # Five working days before 28 May: 27, 23, 22, 21, 20 May.
    assert tasks.sweep(as_of=at("2025-05-20")) == tasks.SweepResult(1, 0)


def test_command_and_task_run_the_same_sweep(setup):
    from io import StringIO

    out = StringIO()
    call_command("timescales", "remind", "--as-of", "2025-05-29T08:00", stdout=out)
    assert "escalations sent 1" in out.getvalue()
    result = tasks.reminders_sweep.call(as_of=at("2025-05-29").isoformat())
    assert result == {"reminders": 0, "escalations": 0}


def test_remind_enqueue_puts_the_sweep_on_the_task_queue(setup):
    from io import StringIO

    from django_tasks_db.models import DBTaskResult

    out = StringIO()
    call_command("timescales", "remind", "--enqueue", "--as-of", "2025-05-29T08:00", stdout=out)
    assert "enqueued reminder sweep" in out.getvalue()
    assert DBTaskResult.objects.count() == 1


def test_remind_every_keeps_enqueuing_until_stopped(monkeypatch):
    from io import StringIO

    from django_tasks_db.models import DBTaskResult

    from gofal.timescales.management.commands import timescales as command

    naps = []

    def sleep(seconds):
        naps.append(seconds)
        if len(naps) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(command.time, "sleep", sleep)
    out = StringIO()
    call_command("timescales", "remind", "--enqueue", "--every", "900", stdout=out)
    assert naps == [900, 900, 900]
    assert DBTaskResult.objects.count() == 3
    assert out.getvalue().count("enqueued reminder sweep") == 3


@pytest.mark.parametrize(
    "args",
    [
        ["--every", "900"],
        ["--enqueue", "--every", "30"],
        ["--enqueue", "--every", "900", "--as-of", "2025-05-29T08:00"],
    ],
)
def test_remind_every_refuses_what_it_cannot_schedule(args):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--every needs --enqueue"):
        call_command("timescales", "remind", *args)

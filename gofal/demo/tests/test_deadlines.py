"""The generated council's statutory clocks: a realistic mix, computed by timescales, and the
demo's work queues showing overdue and due-soon clocks that lead to the right children."""

from collections import Counter
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from gofal.authorities.models import User
from gofal.authorities.tenancy import system_access
from gofal.demo.build import generate
from gofal.demo.deadlines import SOURCE_TYPE
from gofal.demo.generator import REFERENCE_DATE
from gofal.demo.tests.test_generator import _wipe
from gofal.people.models import Person
from gofal.timescales.calendar import LONDON, calendar_for
from gofal.timescales.compute import Due, Status, due, met_on_time, status
from gofal.timescales.models import (
    Deadline,
    DeadlineException,
    DeadlineExceptionStatus,
    ExceptionDecision,
)
from gofal.timescales.reconcile import reconcile
from gofal.timescales.registry import RuleRegistry

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 10, tzinfo=LONDON)  # the demo's "today" (REFERENCE_DATE)


def kind_of(d: Deadline, calendar) -> str:
    if d.cancelled_at is not None:
        return "stopped"
    result = status(Due(on=d.due_on, at=d.due_at), met_at=d.met_at, as_of=NOW, calendar=calendar)
    return str(result)


def clocks() -> list[tuple]:
    return list(
        Deadline.objects.filter(source_type=SOURCE_TYPE)
        .order_by("id")
        .values_list("id", "rule__code", "child_id", "worker_id", "started_at", "due_on", "met_at")
    )


def test_tiny_council_clocks_are_the_same_for_the_same_seed_and_match_timescales():
    with system_access():
        generate(seed=5, size="tiny")
        first = clocks()
        assert any(code == "core-group-next" for _, code, *_ in first)
        registry = RuleRegistry()
        calendar = calendar_for(jurisdiction="wales")
        for d in Deadline.objects.filter(source_type=SOURCE_TYPE):
            applied = registry.applied(
                rule=registry.rules_by_id[d.rule_id],
                jurisdiction="wales",
                authority_id=d.authority_id,
                on=d.started_on,
            )
            assert applied.version.pk == d.rule_version_id
            result = due(applied.timescale, d.started_at, calendar)
            assert (result.on, result.at) == (d.due_on, d.due_at)
            if d.met_at is not None:
                assert d.met_on_time == met_on_time(result, d.met_at)
            if d.previous_id is not None:  # a repeat starts when the one before it was met
                assert Deadline.objects.get(pk=d.previous_id).met_at == d.started_at
        assert reconcile().drifted == 0
        # conferences and looked-after reviews are the reviewing officers' clocks
        by_role = Counter(
            (d.rule_version.responsible_role, d.team.kind)
            for d in Deadline.objects.filter(source_type=SOURCE_TYPE).select_related(
                "rule_version", "team"
            )
        )
        assert by_role[("reviewing_officer", "reviewing_officers")] > 0
        assert not [k for k in by_role if k[0] == "reviewing_officer" and k[1] != k[0] + "s"]
        assert not [
            k for k in by_role if k[0] != "reviewing_officer" and k[1] == "reviewing_officers"
        ]
        # the same seed gives the same clocks again
        _wipe()
        generate(seed=5, size="tiny")
        assert clocks() == first


def test_demo_council_mix_and_queues_lead_to_the_children(client):
    assert REFERENCE_DATE == NOW.date()
    with system_access():
        generate(seed=1, size="demo")
        calendar = calendar_for(jurisdiction="wales")
        rows = list(Deadline.objects.filter(source_type=SOURCE_TYPE))
        kinds = Counter(kind_of(d, calendar) for d in rows)
        decisions = Counter(DeadlineExceptionStatus.objects.values_list("decision", flat=True))
        undecided = DeadlineException.objects.filter(statuses__isnull=True).count()
        council_children = set(Person.objects.values_list("pk", flat=True))
    # a realistic mix: mostly on time, some late, some overdue today, some due in the next days
    assert kinds[Status.MET_ON_TIME] > 2 * kinds[Status.MET_LATE] > 0
    for kind in (Status.OVERDUE, Status.DUE_SOON, Status.NOT_YET_DUE, "stopped"):
        assert kinds[kind] > 0, kind
    assert decisions[ExceptionDecision.APPROVED] > decisions[ExceptionDecision.REFUSED] > 0
    assert undecided > 0
    assert all(d.child_id in council_children for d in rows)
    assert sum(d.exception_approved for d in rows) == decisions[ExceptionDecision.APPROVED]

    with time_machine.travel(NOW, tick=False):
        manager = User.objects.get(username="team.manager")
        client.force_login(manager)
        response = client.get(reverse("timescales:team_work"), {"due": "overdue"})
        assert response.status_code == 200
        overdue = response.context["rows"]
        assert overdue
        assert {r.status.value for r in overdue} == {Status.OVERDUE}
        shown = overdue[0]
        assert shown.child_href == reverse("people:person_detail", args=[shown.deadline.child_id])
        assert shown.child_href in response.content.decode()
        page = client.get(shown.child_href)
        assert page.status_code == 200
        assert page.context["person"].pk == shown.deadline.child_id
        # due soon: next in the manager's queue (soonest first), and on the child's own page
        everything = client.get(reverse("timescales:team_work")).context["rows"]
        soon = [r for r in everything if r.status.value == Status.DUE_SOON]
        assert soon
        assert everything[0].status.value == Status.OVERDUE  # overdue first
        child_page = client.get(
            reverse("casework:child_deadlines", args=[soon[0].deadline.child_id])
        )
        assert soon[0].deadline in [r.deadline for r in child_page.context["deadlines"].running]
        assert "Due soon" in child_page.content.decode()
        # the social worker's own queue has overdue work first
        client.force_login(User.objects.get(username="social.worker"))
        groups = client.get(reverse("timescales:my_work")).context["groups"]
        assert groups[0].rows
        assert all(r.status.value == Status.OVERDUE for r in groups[0].rows)

from datetime import date

import nhs_number
import pytest
from django.core.management import call_command

from gofal.authorities.models import Authority, Membership, Role, Team, TeamKind, User
from gofal.authorities.tenancy import system_access
from gofal.demo.build import generate
from gofal.demo.identifiers import (
    nhs_number_is_valid,
    synthetic_upn,
    upn_check_letter,
    upn_is_valid,
)
from gofal.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from gofal.people.models import Person

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple[list[tuple], dict[str, int]]:
    with system_access():
        people = list(
            Person.objects.order_by("id").values_list(
                "id", "given_name", "family_name", "date_of_birth", "nhs_number", "upn"
            )
        )
    counts = {
        "teams": Team.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "people": len(people),
    }
    return people, counts


def _generate(seed: int) -> tuple[list[tuple], dict[str, int]]:
    with system_access():
        generate(seed=seed, size="tiny")
    return _snapshot()


def _wipe_front_door() -> None:
    """Contacts, decisions, feedback, the services directory, early help and the clocks."""
    from gofal.early_help.models import Episode, Handover, Plan, Service
    from gofal.front_door import models as fd
    from gofal.timescales.models import Deadline, DeadlineException, DeadlineExceptionStatus

    for model in (fd.Feedback, fd.DisagreementStep, fd.ThresholdDecision, fd.ContactPerson):
        model.objects.all().delete()
    for model in (Plan, Episode, Handover):
        model.objects.all().delete()
    fd.Contact.objects.all().delete()
    Service.objects.all().delete()
    DeadlineExceptionStatus.objects.all().delete()
    DeadlineException.objects.all().delete()
    Deadline.objects.filter(previous__isnull=False).update(previous=None)
    Deadline.objects.all().delete()


def _wipe_risk() -> None:
    """Risk assessments (versions point at the earlier one) and the flags they raised."""
    from gofal.assessments.models import VulnerabilityFlag
    from gofal.risk import models as risk

    for model in (risk.Harm, risk.RiskAction, risk.RiskSharing, VulnerabilityFlag):
        model.objects.all().delete()
    risk.RiskAssessment.objects.update(previous=None)
    risk.RiskAssessment.objects.all().delete()


def _wipe_assessments() -> None:
    """Assessments, plans and what hangs off them (they protect the people and clocks)."""
    from gofal.assessments import models as am
    from gofal.planning import models as pm

    for model in (
        pm.WrittenAgreementReview, pm.WrittenAgreement, pm.PlanReviewProgress, pm.PlanReview,
        pm.PlanVersion, pm.PlanSharing, pm.PlanAction, pm.PlanOutcome, pm.CareAndSupportPlan,
        am.AssessmentSharing, am.AssessmentStatusChange, am.Assessment,
    ):  # fmt: skip
        model.objects.all().delete()


def _wipe() -> None:
    from gofal.casework.models import (
        Allocation,
        CaseNote,
        CaseNoteRevision,
        Document,
        Involvement,
        SignificantEvent,
    )
    from gofal.people.models import PersonAccess, PersonSearchName

    with system_access():
        _wipe_assessments()
        _wipe_front_door()
        _wipe_risk()
        for model in (CaseNoteRevision, CaseNote, Document, SignificantEvent, Allocation):
            model.objects.all().delete()
        Involvement.objects.all().delete()
        PersonAccess.objects.all().delete()
        PersonSearchName.objects.all().delete()
        Person.objects.all().delete()
        Membership.objects.all().delete()
        User.objects.all().delete()
        Team.objects.all().delete()
        Authority.objects.all().delete()


def test_same_seed_same_council_and_different_seed_another():
    first = _generate(7)
    _wipe()
    again = _generate(7)
    _wipe()
    other = _generate(8)
    assert first == again
    assert first[0] != other[0]
    assert first[1]["people"] > 20


def test_every_team_kind_and_the_demo_logins_exist():
    generate(seed=1, size="tiny")
    authority = Authority.objects.get()
    assert authority.code.startswith("W06")
    assert authority.name_cy
    kinds = set(Team.objects.values_list("kind", flat=True))
    assert kinds == set(TeamKind.values)
    assert all(t.name_cy for t in Team.objects.all())
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        membership = user.memberships.get(ended_on__isnull=True)
        assert membership.role == login.role
        assert (membership.team.kind if membership.team else None) == login.team_kind
    # the team manager manages the social worker's team
    worker_team = Membership.objects.get(user__username="social.worker").team
    manager = Membership.objects.get(user__username="team.manager")
    assert manager.team == worker_team
    assert manager.role == Role.TEAM_MANAGER


def test_identifiers_validate():
    generate(seed=3, size="tiny")
    with system_access():
        people = list(Person.objects.all())
    children = [p for p in people if p.upn]
    assert children
    for person in people:
        if person.nhs_number:
            assert nhs_number.is_valid(person.nhs_number), person.nhs_number
            assert nhs_number_is_valid(person.nhs_number)
        if person.upn:
            assert upn_is_valid(person.upn), person.upn
    welsh = [p for p in people if p.preferred_language == "cy"]
    assert 0 < len(welsh) < len(people)


def test_upn_check_letter_matches_a_worked_example():
    # A201234567890 style: weights 2..13 over the last twelve characters, modulus 23.
    body = "820200100001"
    total = sum(int(c) * w for c, w in zip(body, range(2, 14), strict=True))
    assert upn_check_letter(body) == "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23]
    assert not upn_is_valid("A" + body if upn_check_letter(body) != "A" else "B" + body)
    import random

    upn = synthetic_upn(random.Random(1), la_code="690", year_allocated=2020)
    assert upn_is_valid(upn)
    assert upn[1:4] == "690"


def test_if_empty_does_nothing_the_second_time():
    call_command("gofal_generate", seed=2, size="tiny", if_empty=True)
    people = _snapshot()[1]
    call_command("gofal_generate", seed=2, size="tiny", if_empty=True)
    assert _snapshot()[1] == people


def test_demo_logins_can_sign_in(client):
    generate(seed=1, size="tiny", as_of=date(2026, 11, 20))
    response = client.post(
        "/accounts/login/", {"username": "social.worker", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/", follow=True).status_code == 200


def test_demo_logins_command_lists_them(capsys):
    generate(seed=1, size="tiny")
    call_command("gofal_demo_logins")
    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert login.username in out
    assert DEMO_PASSWORD in out


def test_casework_history_is_consistent():
    from gofal.casework.models import Allocation, CaseNote, Involvement

    with system_access():
        generate(seed=5, size="tiny")
        involvements = list(Involvement.objects.order_by("child_id", "started_on"))
        allocations = list(Allocation.objects.order_by("child_id", "started_on", "created_at"))
        notes = list(CaseNote.objects.all())
    assert involvements
    assert notes
    open_per_child: dict = {}
    for inv in involvements:
        if inv.ended_on is None:
            open_per_child[inv.child_id] = open_per_child.get(inv.child_id, 0) + 1
        else:
            assert inv.end_reason
    assert open_per_child
    assert set(open_per_child.values()) == {1}
    by_child: dict = {}
    for allocation in allocations:
        by_child.setdefault(allocation.child_id, []).append(allocation)
    for rows in by_child.values():
        for before, after in zip(rows, rows[1:], strict=False):
            assert before.ended_on is not None
            assert before.ended_on <= after.started_on
        assert sum(1 for a in rows if a.ended_on is None) <= 1
    by_involvement: dict = {}
    for allocation in allocations:
        by_involvement.setdefault(allocation.involvement_id, []).append(allocation)
    for rows in by_involvement.values():
        assert rows[0].reason_id is None
        assert all(a.reason_id for a in rows[1:])
    for note in notes:
        assert note.child_seen or not note.seen_alone


def test_the_demo_social_worker_has_a_caseload():
    from gofal.casework.models import Allocation

    with system_access():
        generate(seed=1, size="tiny")
        caseload = Allocation.objects.filter(
            worker__username="social.worker", ended_on__isnull=True
        ).count()
    assert caseload > 0


def test_relationships_are_reciprocal_and_parents_hold_responsibility():
    from gofal.people.models import RECIPROCAL, Address, Relationship, RelationshipKind

    with system_access():
        generate(seed=4, size="tiny")
        rows = list(Relationship.objects.all())
        addresses = Address.objects.count()
    assert rows
    assert addresses
    by_pair: dict = {}
    for row in rows:
        by_pair.setdefault(row.pair_id, []).append(row)
    for pair in by_pair.values():
        assert len(pair) == 2
        one, other = pair
        assert (one.person_id, one.related_id) == (other.related_id, other.person_id)
        assert RECIPROCAL[RelationshipKind(one.kind)] == other.kind
    parents = [r for r in rows if r.kind == RelationshipKind.PARENT]
    assert parents
    assert any(r.parental_responsibility for r in parents)
    assert not any(r.parental_responsibility for r in rows if r.kind == RelationshipKind.CHILD)

"""Reads: scoping to the council and restricted children; timeliness by council, team, worker."""

from datetime import date, datetime

import pytest

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.timescales import selectors, services
from gofal.timescales.calendar import LONDON
from gofal.timescales.models import ExceptionReason, Rule
from gofal.timescales.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
AT = datetime(2025, 6, 1, 9, tzinfo=LONDON)


class Acting:
    def __init__(self, authority, roles=()):
        self.authority, self.roles = authority, set(roles)

    def has_role(self, *roles):
        return bool(self.roles & set(roles))


def as_user(user, authority, *roles):
    user.acting = Acting(authority, roles)
    return user


def started(team, worker, start=date(2025, 3, 25), child=None):
    child = child or ChildFactory(authority=team.authority)
    return services.deadline_start(
        rule_code="assessment",
        authority=team.authority,
        child_id=child.pk,
        started_at=start,
        worker=worker,
        team=team,
    )


def test_scoped_to_the_council_and_restricted_children():
    team = TeamFactory()
    worker, colleague = staff(team=team), staff(team=team)
    mine = started(team, worker, child=ChildFactory(authority=team.authority, restricted=True))
    elsewhere = started(TeamFactory(authority=AuthorityFactory()), None)
    seen = set(selectors.deadlines_visible_to(as_user(worker, team.authority)))
    assert mine in seen
    assert elsewhere not in seen
    assert mine not in set(selectors.deadlines_visible_to(as_user(colleague, team.authority)))
    privacy = as_user(staff(Role.PRIVACY_OFFICER, team=team), team.authority, Role.PRIVACY_OFFICER)
    assert mine in set(selectors.deadlines_visible_to(privacy))
    assert not selectors.deadlines_visible_to(object()).exists()


def test_timeliness_by_team_and_worker():
    team_a, team_b = TeamFactory(), None
    team_b = TeamFactory(authority=team_a.authority)
    ann, bob = staff(team=team_a), staff(team=team_b)
    manager = staff(Role.TEAM_MANAGER, team=team_a)
    # Due 28 May 2025. Ann: one on time, one late with an approved reason. Bob: one late.
    on_time, excused, late = started(team_a, ann), started(team_a, ann), started(team_b, bob)
    services.deadline_meet(deadline=on_time, met_at=date(2025, 5, 28))
    services.deadline_meet(deadline=excused, met_at=date(2025, 6, 2))
    services.deadline_meet(deadline=late, met_at=date(2025, 5, 29))
    started(team_a, ann)  # still open: not completed, not counted
    exc = services.deadline_exception_record(
        deadline=excused,
        reason=ExceptionReason.objects.get(code="court-direction"),
        explanation="Hearing moved",
        recorded_by=ann,
        at=AT,
    )
    services.deadline_exception_decide(
        exception=exc, decision="approved", note="", decided_by=manager, at=AT
    )
    kwargs = {
        "authority_id": team_a.authority_id,
        "rule_id": Rule.objects.get(code="assessment").pk,
        "period_start": date(2025, 5, 1),
        "period_end": date(2025, 6, 30),
    }
    (council,) = selectors.timeliness_by(**kwargs)
    assert (council.timeliness.numerator, council.timeliness.denominator) == (1, 3)
    assert (council.late_with_reason, council.late_without_reason) == (1, 1)
    by_team = {r.key: r for r in selectors.timeliness_by(**kwargs, group_by="team")}
    assert by_team[str(team_a.pk)].timeliness.denominator == 2
    assert by_team[str(team_b.pk)].late_without_reason == 1
    by_worker = {r.key: r for r in selectors.timeliness_by(**kwargs, group_by="worker")}
    assert by_worker[str(ann.pk)].timeliness.numerator == 1
    assert by_worker[str(bob.pk)].timeliness.numerator == 0
    # Completed on 2 June falls outside May.
    may = {**kwargs, "period_end": date(2025, 5, 31)}
    (council,) = selectors.timeliness_by(**may)
    assert council.timeliness.denominator == 2
    assert selectors.timeliness_by(**{**kwargs, "period_start": date(2026, 1, 1)}) == []


def test_work_calendar_reads_holidays_closures_and_the_setting_in_one_query(
    django_assert_num_queries,
):
    from django.utils import translation

    from gofal.timescales.models import ClosureDay

    authority, other = AuthorityFactory(), AuthorityFactory()
    ClosureDay.objects.create(authority=authority, on=date(2025, 12, 24), reason="Office move")
    ClosureDay.objects.create(authority=other, on=date(2025, 12, 23), reason="Not ours")
    with django_assert_num_queries(1):
        calendar, soon = selectors.work_calendar(authority=authority)
    assert soon == selectors.DEFAULT_REMIND_WORKING_DAYS
    assert dict(calendar.closures) == {date(2025, 12, 24): "Office move"}
    assert calendar.bank_holidays[date(2025, 12, 25)] == "Christmas Day"
    assert not calendar.is_working_day(date(2025, 12, 24))
    assert calendar.is_working_day(date(2025, 12, 23))  # the other council's closure
    services.council_setting_set(
        authority=authority,
        remind_working_days=5,
        reason="Longer notice",
        set_by=staff(Role.TEAM_MANAGER, team=TeamFactory(authority=authority)),
        at=AT,
    )
    assert selectors.work_calendar(authority=authority)[1] == 5
    assert selectors.work_calendar(authority=other)[1] == selectors.DEFAULT_REMIND_WORKING_DAYS
    with translation.override("cy"):
        welsh, _soon = selectors.work_calendar(authority=authority)
    assert welsh.bank_holidays[date(2025, 12, 25)] == "Dydd Nadolig"

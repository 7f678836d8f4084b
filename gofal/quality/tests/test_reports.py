import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gofal.assessments.models import VulnerabilityFlag
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.casework.tests.factories import InvolvementFactory
from gofal.planning.models import PlanSharing
from gofal.planning.tests.factories import AuthorisedAssessmentFactory, PlanFactory
from gofal.timescales.services import deadline_meet, deadline_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def manager(team):
    return staff(Role.TEAM_MANAGER, team=team)


def _plan(team, **kwargs):
    involvement = InvolvementFactory(team=team)
    return PlanFactory(assessment=AuthorisedAssessmentFactory(involvement=involvement), **kwargs)


def test_report_counts_and_drill_down(client, team, manager):
    shared = _plan(team, family_contribution="Mam will walk her to school")
    PlanSharing.objects.create(
        authority=shared.authority,
        plan=shared,
        shared_on=timezone.localdate(),
        shared_with="Mam",
        method="in_person",
        language="cy",
        recorded_by=manager,
    )
    _plan(team)
    _plan(TeamFactory(authority=AuthorityFactory()))  # another council: never counted
    child = shared.child
    VulnerabilityFlag.objects.create(
        authority=child.authority,
        child=child,
        kind="missing",
        started_on=timezone.localdate() - dt.timedelta(days=3),
        recorded_by=manager,
    )
    today = timezone.localdate()
    on_time = deadline_start(
        rule_code="assessment",
        authority=team.authority,
        child_id=child.pk,
        started_at=today - dt.timedelta(days=20),
        team=team,
    )
    deadline_meet(deadline=on_time, met_at=today)
    client.force_login(manager)
    r = client.get(reverse("quality:reports"))
    report = r.context["report"]
    assert report.plans == {"all": 2, "shared": 1, "family_contribution": 1}
    assert (report.assessments.numerator, report.assessments.denominator) == (1, 1)
    assert ("missing", "Missing", 1) in report.flags
    r = client.get(reverse("quality:report_plans") + "?measure=not_shared")
    assert [p.pk for p in r.context["page_obj"]] != [shared.pk]
    assert len(r.context["page_obj"]) == 1
    r = client.get(reverse("quality:report_flags") + "?kind=missing")
    assert child.full_name in r.content.decode()


def test_a_social_worker_cannot_see_the_reports(client, team):
    worker = staff(Role.SOCIAL_WORKER, team=team)
    client.force_login(worker)
    assert client.get(reverse("quality:reports")).status_code == 403


def test_unknown_measure_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(reverse("quality:report_plans") + "?measure=x").status_code == 404
    assert client.get(reverse("quality:report_flags") + "?kind=x").status_code == 404


def _completed(team, *, days, on_time_days, worker=None):
    """An assessment clock started `days` ago and met today (late if beyond the timescale)."""
    child = InvolvementFactory(team=team).child
    today = timezone.localdate()
    clock = deadline_start(
        rule_code="assessment",
        authority=team.authority,
        child_id=child.pk,
        started_at=today - dt.timedelta(days=days),
        team=team,
        worker=worker,
    )
    deadline_meet(deadline=clock, met_at=today)
    return clock


class TestAssessmentTimeliness:
    def test_numerator_and_denominator_as_pm24_and_drill_down_for_a_team_manager(
        self, client, team, manager
    ):
        on_time = _completed(team, days=10, on_time_days=42)
        late = _completed(team, days=120, on_time_days=42)
        other_team = TeamFactory(authority=team.authority)
        _completed(other_team, days=10, on_time_days=42)
        _completed(TeamFactory(authority=AuthorityFactory()), days=10, on_time_days=42)
        client.force_login(manager)
        report = client.get(reverse("quality:reports")).context["report"]
        assert (report.assessments.numerator, report.assessments.denominator) == (2, 3)
        assert report.assessments_late == 1
        by_team = {row.key: row for row in report.assessments_by_team}
        assert by_team[str(team.pk)].timeliness.denominator == 2
        url = reverse("quality:report_assessments")
        r = client.get(url)
        assert r.status_code == 200
        assert {row.pk for row in r.context["page_obj"]} == {on_time.pk, late.pk} | {
            row.pk for row in r.context["page_obj"] if row.team_id == other_team.pk
        }
        assert len(r.context["page_obj"]) == 3
        r = client.get(url + f"?team={team.pk}&late=1")
        assert [row.pk for row in r.context["page_obj"]] == [late.pk]
        assert late.child.full_name in r.content.decode()

    def test_a_restricted_child_is_counted_but_not_listed_to_those_who_may_not_see_them(
        self, client, team, manager
    ):
        clock = _completed(team, days=10, on_time_days=42)
        clock.child.restricted = True
        clock.child.save(update_fields=["restricted"])
        client.force_login(manager)
        r = client.get(reverse("quality:report_assessments"))
        assert list(r.context["page_obj"]) == []

    def test_a_previous_year_and_a_bad_year(self, client, manager):
        client.force_login(manager)
        this_year = client.get(reverse("quality:reports")).context["year"]
        r = client.get(reverse("quality:reports") + f"?year={this_year - 1}")
        assert r.context["report"].period_start == dt.date(this_year - 1, 4, 1)
        assert r.context["report"].period_end == dt.date(this_year, 3, 31)
        assert client.get(reverse("quality:reports") + "?year=1999").status_code == 404
        assert client.get(reverse("quality:reports") + "?year=x").status_code == 404
        assert client.get(reverse("quality:report_assessments") + "?team=x").status_code == 404


def test_written_agreements_by_team_with_drill_down(client, team, manager):
    from gofal.planning.models import WrittenAgreement, WrittenAgreementReview

    plan = _plan(team)

    def agreement(**kwargs):
        return WrittenAgreement.objects.create(
            authority=plan.authority,
            plan=plan,
            child=plan.child,
            team=team,
            made_on=timezone.localdate(),
            agreed_with="Mam",
            expectations="No visitors after 9pm",
            why_not_child_protection="Concerns are about routines, not harm",
            recorded_by=manager,
            **kwargs,
        )

    awaiting = agreement()
    reviewed = agreement()
    WrittenAgreementReview.objects.create(
        authority=plan.authority,
        agreement=reviewed,
        decision="continue",
        note="Proportionate",
        reviewed_by=manager,
        reviewed_at=timezone.now(),
    )
    ended = agreement(ended_on=timezone.localdate())
    client.force_login(manager)
    report = client.get(reverse("quality:reports")).context["report"]
    (row,) = report.agreements_by_team
    assert (row["active"], row["reviewed"], row["total"]) == (2, 1, 3)
    url = reverse("quality:report_agreements")

    def listed(query):
        return {a.pk for a in client.get(url + query).context["page_obj"]}

    assert listed("?measure=open") == {awaiting.pk, reviewed.pk}
    assert listed("?measure=awaiting") == {awaiting.pk}
    assert listed(f"?measure=reviewed&team={team.pk}") == {reviewed.pk}
    assert listed("?measure=all") == {awaiting.pk, reviewed.pk, ended.pk}
    assert client.get(url + "?measure=x").status_code == 404

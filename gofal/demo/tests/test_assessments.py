"""The demo council's assessments, plans, reviews and written agreements (tiny size only)."""

from datetime import date

import pytest
from django.db.models import Count

from gofal.assessments.models import Assessment, AssessmentStatusChange
from gofal.assessments.sections import submission_gaps
from gofal.authorities.tenancy import system_access
from gofal.demo.build import generate
from gofal.planning.models import (
    CareAndSupportPlan,
    PlanReview,
    PlanSharing,
    WrittenAgreement,
)
from gofal.timescales.models import Deadline

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 20)


@pytest.fixture
def demo():
    with system_access():
        generate(seed=11, size="tiny", as_of=AS_OF)


def test_assessments_mostly_timely_some_late_some_returned(demo):
    with system_access():
        assessments = list(Assessment.objects.select_related("deadline"))
        returned = AssessmentStatusChange.objects.filter(status="returned").exclude(comment="")
        clocks = [a.deadline for a in assessments if a.deadline and a.deadline.met_at]
        assert assessments
        assert clocks
        on_time = sum(1 for d in clocks if d.met_on_time)
        assert on_time >= len(clocks) / 2
        authorised = [a for a in assessments if a.status == "authorised"]
        # Every authorised one was complete: what submission asks for is there.
        assert all(submission_gaps(a) == [] for a in authorised)
        assert returned.count() <= len(authorised)
        for a in assessments:
            if a.kind == "carer":
                assert a.deadline is None


def test_clocks_come_from_the_timescales_rules(demo):
    from gofal.timescales.calendar import calendar_for
    from gofal.timescales.compute import Timescale, due
    from gofal.timescales.services import as_instant

    with system_access():
        clock = (
            Deadline.objects.filter(rule__code="assessment")
            .select_related("rule_version", "authority")
            .first()
        )
        calendar = calendar_for(
            jurisdiction=clock.authority.jurisdiction, authority_id=clock.authority_id
        )
        expected = due(
            Timescale(clock.rule_version.duration, clock.rule_version.unit),
            as_instant(clock.started_on),
            calendar,
        )
        assert clock.due_on == expected.on


def test_plans_with_outcomes_actions_sharing_reviews_and_agreements(demo):
    with system_access():
        plans = CareAndSupportPlan.objects.annotate(
            outcomes_n=Count("outcomes", distinct=True), actions_n=Count("actions", distinct=True)
        )
        assert plans.exists()
        assert all(p.outcomes_n >= 1 and p.actions_n >= 1 for p in plans)
        assert plans.exclude(family_contribution="").exists()
        assert PlanSharing.objects.exists()
        reviews = PlanReview.objects.all()
        for review in reviews:
            assert review.progress.count() >= 2
        review_clocks = Deadline.objects.filter(rule__code="care-support-plan-review")
        assert review_clocks.count() >= plans.filter(status="authorised").count()
        assert WrittenAgreement.objects.count() >= 0

import pytest

from gofal.assessments.models import VulnerabilityFlag
from gofal.authorities.tenancy import system_access
from gofal.demo.build import generate
from gofal.demo.generator import REFERENCE_DATE
from gofal.risk.models import Harm, RiskAction, RiskAssessment, RiskStatus

pytestmark = pytest.mark.django_db


def test_demo_council_has_risk_assessments_of_every_kind():
    with system_access():
        generate(seed=5, size="demo")
        risks = list(RiskAssessment.objects.all())
        statuses = {r.status for r in risks}
        assert statuses == {RiskStatus.DRAFT, RiskStatus.COMPLETED, RiskStatus.REVIEWED}
        completed = [r for r in risks if r.status == RiskStatus.COMPLETED]
        assert {r.overall_level for r in completed} == {"low", "medium", "high"}
        assert any(r.review_on < REFERENCE_DATE for r in completed)  # overdue for review
        assert any(r.review_on >= REFERENCE_DATE for r in completed)
        for risk in risks:
            if risk.status == RiskStatus.REVIEWED:
                later = RiskAssessment.objects.get(previous=risk)
                assert later.number == 2
                assert later.series_id == risk.series_id
            if risk.status != RiskStatus.DRAFT:
                assert risk.level_rationale
                assert risk.completed_at is not None
        assert Harm.objects.count() >= len(risks)
        assert not RiskAction.objects.filter(owner="").exists()
        flags = VulnerabilityFlag.objects.all()
        assert flags.filter(ended_on__isnull=True).exists()
        # every flag was raised by a harm of a risk assessment about the same child
        harmed = set(Harm.objects.values_list("risk_assessment__child_id", "kind"))
        assert all((f.child_id, f.kind) in harmed for f in flags)
        assert all(f.started_on <= REFERENCE_DATE for f in flags)

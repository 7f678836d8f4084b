"""The demo council's early help: episodes with both early help teams, plans, step-ups and
step-downs accepted and returned with reasons, and handovers awaiting acceptance with clocks."""

import pytest
from django.db.models import Count, F

from gofal.authorities.tenancy import system_access
from gofal.demo.build import generate
from gofal.early_help.models import Episode, Handover, Plan


@pytest.mark.django_db
def test_tiny_council_has_early_help_and_handovers():
    with system_access():
        generate(seed=7, size="tiny")
        episodes = Episode.objects.all()
        assert episodes.count() >= 5
        assert episodes.filter(ended_on__isnull=True).exists()
        assert episodes.exclude(outcome="").exists()
        assert len({e.team_id for e in episodes}) == 2  # Families First, Team Around the Family
        assert Plan.objects.exists()
        assert not Plan.objects.exclude(episode__child_id=F("child_id")).exists()
        assert set(Handover.objects.values_list("direction", flat=True)) == {
            "step_up",
            "step_down",
        }
        kinds = dict(Handover.objects.values_list("response").annotate(n=Count("id")).order_by())
        assert kinds.get("accepted", 0) > 0
        assert kinds.get("returned", 0) > 0
        waiting = Handover.objects.filter(response="")
        assert waiting.exists()
        assert not waiting.filter(acceptance_deadline__isnull=True).exists()
        answered = Handover.objects.exclude(response="").select_related("acceptance_deadline")
        for handover in answered:
            clock = handover.acceptance_deadline
            assert clock.rule.code == "handover-acceptance"
            assert clock.met_at == handover.responded_at
            assert clock.met_on_time is not None
            assert clock.due_on >= clock.started_on
        assert not Handover.objects.filter(response="returned", response_reasons="").exists()
        open_twice = (
            Episode.objects.filter(ended_on__isnull=True)
            .values("child_id")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
        )
        assert not open_twice.exists()

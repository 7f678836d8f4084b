import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gofal.assessments import services
from gofal.assessments.models import Assessment, AssessmentStatus, AssessmentStatusChange
from gofal.assessments.sections import submission_gaps
from gofal.assessments.tests.factories import COMPLETE
from gofal.audit.models import AuditEvent
from gofal.authorities.records import EditConflict
from gofal.timescales.models import Deadline
from gofal.timescales.services import deadline_start

TODAY = dt.date(2025, 2, 3)


def _start(child, worker, **kwargs):
    values = {
        "kind": "full",
        "started_on": dt.date(2025, 1, 8),
        "started_by": worker,
        "form_token": uuid.uuid4(),
        "as_of": TODAY,
    }
    values.update(kwargs)
    return services.assessment_start(child=child, **values)


def _fill(assessment, worker, **overrides):
    services.assessment_save(
        assessment=assessment,
        expected_version=assessment.version,
        values={**COMPLETE, **overrides},
        saved_by=worker,
        now=timezone.now(),
    )
    assessment.refresh_from_db()
    return assessment


class TestAssessmentStart:
    def test_starts_the_clock_from_the_involvement_when_none_runs(self, child, worker, involvement):
        assessment = _start(child, worker)
        assert assessment.status == AssessmentStatus.DRAFT
        assert assessment.involvement == involvement
        deadline = assessment.deadline
        assert deadline.rule.code == "assessment"
        assert deadline.started_on == involvement.started_on
        # 42 working days in Wales from Monday 6 January 2025
        assert deadline.due_on == dt.date(2025, 3, 5)
        assert assessment.statuses.get().status == AssessmentStatus.DRAFT

    def test_attaches_to_the_clock_the_front_door_started(self, child, worker, involvement):
        running = deadline_start(
            rule_code="assessment",
            authority=child.authority,
            child_id=child.pk,
            started_at=dt.date(2025, 1, 2),
            source_type="front_door.contact",
            source_id="abc",
        )
        assessment = _start(child, worker)
        assert assessment.deadline == running
        running.refresh_from_db()
        assert running.source_id == "abc"
        assert Deadline.objects.filter(child=child).count() == 1

    def test_refused_without_an_open_involvement(self, child, worker):
        with pytest.raises(ValidationError, match="no open involvement"):
            _start(child, worker)

    def test_refused_before_the_involvement_started(self, child, worker, involvement):
        with pytest.raises(ValidationError) as error:
            _start(child, worker, started_on=dt.date(2025, 1, 1))
        assert "started_on" in error.value.error_dict

    def test_double_submission_starts_one(self, child, worker, involvement):
        token = uuid.uuid4()
        first = _start(child, worker, form_token=token)
        second = _start(child, worker, form_token=token)
        assert first == second
        assert Assessment.objects.count() == 1

    def test_audited(self, child, worker, involvement):
        assessment = _start(child, worker)
        assert AuditEvent.objects.filter(object_id=str(assessment.pk), action="create").exists()


class TestAssessmentSave:
    def test_saves_a_draft_and_bumps_the_version(self, child, worker, involvement):
        assessment = _start(child, worker)
        services.assessment_save(
            assessment=assessment,
            expected_version=assessment.version,
            values={"analysis": "Half a thought"},
            saved_by=worker,
            now=timezone.now(),
        )
        assessment.refresh_from_db()
        assert assessment.analysis == "Half a thought"
        assert assessment.version == 2

    def test_a_conflicting_edit_is_refused_with_both_versions(self, child, worker, involvement):
        assessment = _start(child, worker)
        stale = Assessment.objects.get(pk=assessment.pk)
        _fill(assessment, worker)
        with pytest.raises(EditConflict) as error:
            services.assessment_save(
                assessment=stale,
                expected_version=stale.version,
                values={"analysis": "Mine"},
                saved_by=worker,
                now=timezone.now(),
            )
        assert error.value.current.analysis == COMPLETE["analysis"]
        assert error.value.submitted["analysis"] == "Mine"

    def test_seen_alone_needs_seen(self, child, worker, involvement):
        assessment = _start(child, worker)
        with pytest.raises(ValidationError):
            services.assessment_save(
                assessment=assessment,
                expected_version=assessment.version,
                values={"child_seen": False, "child_seen_alone": True},
                saved_by=worker,
                now=timezone.now(),
            )

    def test_cannot_change_fields_outside_the_sections(self, child, worker, involvement):
        assessment = _start(child, worker)
        with pytest.raises(ValidationError):
            services.assessment_save(
                assessment=assessment,
                expected_version=assessment.version,
                values={"status": "authorised"},
                saved_by=worker,
                now=timezone.now(),
            )


class TestWorkflow:
    def test_cannot_submit_without_analysis(self, child, worker, involvement):
        assessment = _fill(_start(child, worker), worker, analysis="")
        with pytest.raises(ValidationError, match="analysis"):
            services.assessment_submit(
                assessment=assessment, submitted_by=worker, history=[], now=timezone.now()
            )
        assert assessment.status == AssessmentStatus.DRAFT

    def test_cannot_submit_without_the_childs_views_or_a_reason(self, child, worker, involvement):
        assessment = _fill(_start(child, worker), worker, child_views="")
        gaps = [gap.field for gap in submission_gaps(assessment)]
        assert gaps == ["child_views"]
        with pytest.raises(ValidationError):
            services.assessment_submit(
                assessment=assessment, submitted_by=worker, history=[], now=timezone.now()
            )
        assessment = _fill(assessment, worker, views_not_obtained_reason="A baby of 3 months.")
        assert submission_gaps(assessment) == []

    def test_a_plan_needs_the_eligibility_tests_met(self, child, worker, involvement):
        assessment = _fill(_start(child, worker), worker, family_cannot_meet_need=False)
        assert [gap.field for gap in submission_gaps(assessment)] == ["eligibility_domains"]

    def test_no_further_action_needs_the_advice(self, child, worker, involvement):
        assessment = _fill(_start(child, worker), worker, outcome="no_further_action")
        assert [gap.field for gap in submission_gaps(assessment)] == ["outcome_detail"]

    def test_submit_return_resubmit_authorise(self, child, worker, manager, involvement):
        assessment = _fill(_start(child, worker), worker)
        services.assessment_submit(
            assessment=assessment, submitted_by=worker, history=[], now=timezone.now()
        )
        with pytest.raises(ValidationError):
            services.assessment_save(
                assessment=assessment,
                expected_version=assessment.version,
                values={"analysis": "x"},
                saved_by=worker,
                now=timezone.now(),
            )
        with pytest.raises(ValidationError):
            services.assessment_return(
                assessment=assessment, comment=" ", returned_by=manager, now=timezone.now()
            )
        services.assessment_return(
            assessment=assessment,
            comment="Say more about nan's support.",
            returned_by=manager,
            now=timezone.now(),
        )
        assert assessment.status == AssessmentStatus.RETURNED
        _fill(assessment, worker, strengths="Nan visits daily and walks her to school.")
        services.assessment_submit(
            assessment=assessment, submitted_by=worker, history=[], now=timezone.now()
        )
        now = timezone.now()
        services.assessment_authorise(assessment=assessment, authorised_by=manager, now=now)
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.AUTHORISED
        assert assessment.authorised_by == manager
        steps = list(
            AssessmentStatusChange.objects.filter(assessment=assessment).values_list(
                "status", flat=True
            )
        )
        assert steps == ["draft", "submitted", "returned", "submitted", "authorised"]
        deadline = Deadline.objects.get(pk=assessment.deadline_id)
        assert deadline.met_on == timezone.localdate(now)
        assert deadline.met_on_time is False  # due in March 2025, authorised today

    def test_authorised_within_the_timescale_is_on_time(self, child, worker, manager, team):
        from gofal.casework.tests.factories import InvolvementFactory

        today = timezone.localdate()
        InvolvementFactory(child=child, team=team, started_on=today - dt.timedelta(days=10))
        assessment = _fill(_start(child, worker, started_on=today, as_of=today), worker)
        services.assessment_submit(
            assessment=assessment, submitted_by=worker, history=[], now=timezone.now()
        )
        services.assessment_authorise(
            assessment=assessment, authorised_by=manager, now=timezone.now()
        )
        assert Deadline.objects.get(pk=assessment.deadline_id).met_on_time is True

    def test_a_manager_cannot_authorise_their_own(self, child, manager, involvement):
        assessment = _fill(_start(child, manager), manager)
        services.assessment_submit(
            assessment=assessment, submitted_by=manager, history=[], now=timezone.now()
        )
        with pytest.raises(ValidationError):
            services.assessment_authorise(
                assessment=assessment, authorised_by=manager, now=timezone.now()
            )

    def test_cannot_authorise_a_draft(self, child, worker, manager, involvement):
        assessment = _fill(_start(child, worker), worker)
        with pytest.raises(ValidationError):
            services.assessment_authorise(
                assessment=assessment, authorised_by=manager, now=timezone.now()
            )

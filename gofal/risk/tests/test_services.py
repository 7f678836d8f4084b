import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gofal.assessments.models import VulnerabilityFlag
from gofal.audit.models import AuditEvent
from gofal.authorities.records import EditConflict
from gofal.casework.chronology import chronology_entries
from gofal.people.presenters import identity_bar
from gofal.risk import services
from gofal.risk.models import Harm, RiskAction, RiskAssessment, RiskSharing, RiskStatus
from gofal.risk.tests.factories import HARM

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 2, 3)
NOW = timezone.make_aware(dt.datetime(2025, 2, 3, 10, 0))


def _start(child, worker, **kwargs):
    values = {
        "context": "exploitation",
        "started_on": dt.date(2025, 2, 1),
        "started_by": worker,
        "form_token": uuid.uuid4(),
        "as_of": TODAY,
    }
    values.update(kwargs)
    return services.risk_start(child=child, **values)


def _judge(risk, worker, **kwargs):
    values = {
        "overall_level": "high",
        "level_rationale": "Likely and serious; her nan protects her at weekends.",
        "young_person_took_part": True,
        "participation": "At school, with her teacher there.",
        "young_person_knows": True,
        "review_on": TODAY + dt.timedelta(days=90),
    }
    values.update(kwargs)
    services.risk_save(
        risk=risk,
        expected_version=risk.version,
        values=values,
        saved_by=worker,
        now=NOW,
        as_of=TODAY,
    )


def _harm(risk, worker, **kwargs):
    return services.harm_add(
        risk=risk, values={**HARM, **kwargs}, added_by=worker, form_token=uuid.uuid4()
    )


def _action(risk, worker, **kwargs):
    values = {
        "what": "Refer to the police child exploitation team",
        "owner": "Gwent Police",
        "due_on": TODAY + dt.timedelta(days=7),
        "status": "not_started",
        "added_by": worker,
        "form_token": uuid.uuid4(),
    }
    values.update(kwargs)
    return services.action_add(risk=risk, **values)


def _complete(risk, worker):
    risk.refresh_from_db()
    return services.risk_complete(
        risk=risk, expected_version=risk.version, completed_by=worker, now=NOW, as_of=TODAY
    )


def _whole(child, worker):
    risk = _start(child, worker)
    _harm(risk, worker)
    _action(risk, worker)
    _judge(risk, worker)
    return _complete(risk, worker)


class TestStart:
    def test_starts_a_draft_in_the_open_involvement_once_per_form(self, child, worker, involvement):
        token = uuid.uuid4()
        first = _start(child, worker, form_token=token)
        again = _start(child, worker, form_token=token)
        assert first.pk == again.pk
        assert RiskAssessment.objects.count() == 1
        assert (first.status, first.number, first.involvement) == ("draft", 1, involvement)
        assert AuditEvent.objects.filter(object_id=str(first.pk), action="create").exists()

    def test_without_an_involvement_it_still_starts(self, child, worker):
        risk = _start(child, worker, context="standalone")
        assert risk.involvement is None

    def test_bad_context_future_date_and_unknown_link_are_refused(self, child, worker):
        with pytest.raises(ValidationError) as error:
            _start(child, worker, context="nonsense", started_on=TODAY + dt.timedelta(days=1))
        assert {"context", "started_on"} <= set(error.value.error_dict)
        with pytest.raises(ValidationError):
            _start(child, worker, linked_type="planning.plan", linked_id=str(uuid.uuid4()))
        linked = _start(
            child, worker, linked_type="assessments.assessment", linked_id=str(uuid.uuid4())
        )
        assert linked.linked_type == "assessments.assessment"


class TestCompleting:
    def test_cannot_complete_without_a_harm_a_level_and_a_rationale(self, child, worker):
        risk = _start(child, worker)
        with pytest.raises(ValidationError) as error:
            _complete(risk, worker)
        messages = " ".join(error.value.messages)
        assert "Add at least one harm of concern" in messages
        assert "Select the overall level of risk" in messages
        assert "Explain why you chose the overall level" in messages
        _harm(risk, worker)
        _judge(risk, worker, level_rationale="")
        with pytest.raises(ValidationError) as error:
            _complete(risk, worker)
        assert error.value.messages == ["Explain why you chose the overall level"]
        _judge(risk, worker)
        _complete(risk, worker)
        risk.refresh_from_db()
        assert risk.status == RiskStatus.COMPLETED
        assert risk.completed_by == worker

    def test_a_completed_version_is_not_edited_in_place(self, child, worker):
        risk = _whole(child, worker)
        with pytest.raises(ValidationError):
            _judge(risk, worker, overall_level="low")
        with pytest.raises(ValidationError):
            _harm(risk, worker, kind="missing")
        harm = Harm.objects.get(risk_assessment=risk)
        with pytest.raises(ValidationError):
            services.harm_save(
                harm=harm, expected_version=harm.version, values=HARM, saved_by=worker
            )
        with pytest.raises(ValidationError):
            services.harm_remove(harm=harm, removed_by=worker)
        risk.refresh_from_db()
        assert risk.overall_level == "high"

    def test_a_review_date_in_the_past_is_refused(self, child, worker):
        risk = _start(child, worker)
        with pytest.raises(ValidationError) as error:
            _judge(risk, worker, review_on=TODAY)
        assert "review_on" in error.value.error_dict

    def test_a_stale_edit_is_a_conflict_with_both_versions(self, child, worker, manager):
        risk = _start(child, worker)
        stale = risk.version
        _judge(risk, worker)
        with pytest.raises(EditConflict) as conflict:
            services.risk_save(
                risk=RiskAssessment.objects.get(pk=risk.pk),
                expected_version=stale,
                values={"overall_level": "low"},
                saved_by=manager,
                now=NOW,
                as_of=TODAY,
            )
        assert conflict.value.current.overall_level == "high"
        assert conflict.value.submitted["overall_level"] == "low"


class TestActionsAndSharing:
    def test_no_action_without_an_owner_and_a_date(self, child, worker):
        risk = _start(child, worker)
        with pytest.raises(ValidationError) as error:
            _action(risk, worker, owner="  ", due_on=None)
        assert {"owner", "due_on"} <= set(error.value.error_dict)
        assert not RiskAction.objects.exists()

    def test_once_complete_only_the_progress_of_an_action_changes(self, child, worker):
        risk = _whole(child, worker)
        action = RiskAction.objects.get(risk_assessment=risk)
        with pytest.raises(ValidationError):
            services.action_save(
                action=action,
                expected_version=action.version,
                what="Something else",
                owner=action.owner,
                due_on=action.due_on,
                status="done",
                saved_by=worker,
            )
        services.action_save(
            action=action,
            expected_version=action.version,
            what=action.what,
            owner=action.owner,
            due_on=action.due_on,
            status="in_progress",
            saved_by=worker,
        )
        action.refresh_from_db()
        assert action.status == "in_progress"

    def test_sharing_is_appended_once_per_form(self, child, worker):
        risk = _whole(child, worker)
        token = uuid.uuid4()
        for _ in range(2):
            services.sharing_add(
                risk=risk,
                agency="Gwent Police",
                shared_on=TODAY,
                method="secure_email",
                recorded_by=worker,
                form_token=token,
                as_of=TODAY,
            )
        assert RiskSharing.objects.filter(risk_assessment=risk).count() == 1
        with pytest.raises(ValidationError) as error:
            services.sharing_add(
                risk=risk,
                agency="",
                shared_on=TODAY + dt.timedelta(days=1),
                method="pigeon",
                recorded_by=worker,
                form_token=uuid.uuid4(),
                as_of=TODAY,
            )
        assert {"agency", "shared_on", "method"} == set(error.value.error_dict)


class TestReview:
    def test_a_review_makes_the_next_version_and_marks_the_first_reviewed(self, child, worker):
        first = _whole(child, worker)
        draft = services.risk_review_start(risk=first, started_by=worker, as_of=TODAY)
        again = services.risk_review_start(risk=first, started_by=worker, as_of=TODAY)
        assert draft.pk == again.pk
        assert (draft.number, draft.series_id, draft.previous_id) == (2, first.series_id, first.pk)
        assert draft.status == RiskStatus.DRAFT
        assert [h.kind for h in draft.harms.all()] == ["cse"]
        assert draft.actions.count() == 1
        assert draft.young_person_took_part is None  # asked again at every review
        first.refresh_from_db()
        assert first.status == RiskStatus.COMPLETED  # still in force until the review completes
        _judge(draft, worker, overall_level="medium", young_person_took_part=False)
        _complete(draft, worker)
        first.refresh_from_db()
        assert first.status == RiskStatus.REVIEWED
        assert first.reviewed_at == NOW
        assert first.harms.count() == 1  # the earlier version keeps its own harms
        with pytest.raises(ValidationError):
            services.risk_review_start(risk=first, started_by=worker, as_of=TODAY)

    def test_a_draft_cannot_be_reviewed(self, child, worker):
        with pytest.raises(ValidationError):
            services.risk_review_start(risk=_start(child, worker), started_by=worker, as_of=TODAY)


class TestFlagsAndChronology:
    def test_a_harm_raises_its_flag_once_and_it_shows_on_the_identity_bar(self, child, worker):
        risk = _whole(child, worker)
        harm = Harm.objects.get(risk_assessment=risk)
        services.harm_raise_flag(harm=harm, raised_by=worker, as_of=TODAY)
        services.harm_raise_flag(harm=harm, raised_by=worker, as_of=TODAY)
        flags = VulnerabilityFlag.objects.filter(child=child)
        assert [f.kind for f in flags] == ["cse"]
        assert "From the risk assessment" in flags[0].note
        labels = [b.label for b in identity_bar(child, as_of=TODAY).badges]
        assert "Child sexual exploitation" in labels

    def test_a_flag_that_has_ended_is_not_raised_again_silently(self, child, worker):
        from gofal.assessments.services import flag_end

        harm = Harm.objects.get(risk_assessment=_whole(child, worker))
        flag = services.harm_raise_flag(harm=harm, raised_by=worker, as_of=TODAY)
        flag_end(
            flag=flag,
            expected_version=flag.version,
            ended_on=TODAY,
            reason="No contact with the men for three months",
            ended_by=worker,
            as_of=TODAY,
        )
        with pytest.raises(ValidationError) as error:
            services.harm_raise_flag(harm=harm, raised_by=worker, as_of=TODAY)
        assert "has ended" in error.value.messages[0]

    def test_a_harm_without_a_flag_raises_none(self, child, worker):
        risk = _start(child, worker)
        harm = _harm(risk, worker, kind="neglect")
        with pytest.raises(ValidationError):
            services.harm_raise_flag(harm=harm, raised_by=worker, as_of=TODAY)
        assert not VulnerabilityFlag.objects.exists()

    def test_started_and_completed_are_in_the_chronology(self, child, worker):
        _whole(child, worker)
        titles = [e.title for e in chronology_entries(child=child, kinds=["risk_assessment"])]
        assert titles == [
            "Risk assessment completed: high risk",
            "Risk assessment started (Exploitation screening)",
        ]

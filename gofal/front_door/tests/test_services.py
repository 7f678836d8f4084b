import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gofal.casework.models import Involvement, InvolvementReason
from gofal.early_help.tests.factories import ServiceFactory
from gofal.front_door import selectors, services
from gofal.front_door.models import (
    Channel,
    Consent,
    Contact,
    ContactPerson,
    Outcome,
    Source,
    ThresholdDecision,
)
from gofal.front_door.tests.factories import contact_details, make_contact
from gofal.people.tests.factories import ChildFactory
from gofal.timescales.models import Deadline


def _level(authority_id, code):
    return next(
        lv for lv in selectors.threshold_levels(authority_id=authority_id) if lv.code == code
    )


def _decide(contact, by, *, outcome, level="care_and_support", may_authorise=False, **extra):
    details = services.DecisionDetails(
        level=_level(contact.authority_id, level),
        reasons="Third police report in a year; the child is frightened at home.",
        corroboration="School confirms the child has been withdrawn; health visitor consulted.",
        child_perspective="Cerys told the officer she wants the shouting to stop.",
        outcome=outcome,
        **extra,
    )
    return services.threshold_decision_record(
        contact=contact,
        details=details,
        decided_by=by,
        may_authorise=may_authorise,
        form_token=uuid.uuid4(),
        now=timezone.now(),
    )


@pytest.mark.django_db
class TestContactRecord:
    def test_starts_the_decision_clock_from_receipt(self, child, worker, front_door_team):
        # Friday 14:00: one working day later is Monday.
        received = timezone.make_aware(dt.datetime(2026, 11, 20, 14, 0))
        contact = make_contact(
            children=[child], by=worker, team=front_door_team, received_at=received
        )
        row = ContactPerson.objects.get(contact=contact, person=child)
        deadline = row.decision_deadline
        assert deadline.rule.code == "referral-decision"
        assert deadline.started_at == received
        assert deadline.due_on == dt.date(2026, 11, 23)
        assert deadline.team == front_door_team
        assert deadline.child_id == child.pk

    def test_double_submission_records_one_contact(self, child, worker):
        token = uuid.uuid4()
        for _ in range(2):
            services.contact_record(
                authority=child.authority,
                details=contact_details(),
                children=[child],
                team=None,
                recorded_by=worker,
                form_token=token,
                now=timezone.now(),
            )
        assert Contact.objects.count() == 1
        assert Deadline.objects.filter(child=child).count() == 1

    def test_refuses_a_received_time_in_the_future(self, child, worker):
        with pytest.raises(ValidationError) as error:
            services.contact_record(
                authority=child.authority,
                details=contact_details(received_at=timezone.now() + dt.timedelta(hours=2)),
                children=[child],
                team=None,
                recorded_by=worker,
                form_token=None,
                now=timezone.now(),
            )
        assert set(error.value.error_dict) & {"received_on", "received_time"}

    def test_no_child_needs_the_reason(self, authority, worker):
        with pytest.raises(ValidationError) as error:
            services.contact_record(
                authority=authority,
                details=contact_details(),
                children=[],
                team=None,
                recorded_by=worker,
                form_token=None,
                now=timezone.now(),
            )
        assert "unidentified_reason" in error.value.error_dict

    def test_no_child_with_reason_is_listed_until_a_child_is_added(self, authority, worker, child):
        received = timezone.now() - dt.timedelta(hours=3)
        contact = make_contact(
            children=[],
            authority=authority,
            by=worker,
            received_at=received,
            unidentified_reason="Caller gave only the first name, Cerys, and the street.",
        )
        assert contact.child_identified_at is None
        assert not Deadline.objects.filter(child=child).exists()
        services.contact_add_person(
            contact=contact, person=child, role="child", added_by=worker, now=timezone.now()
        )
        contact.refresh_from_db()
        assert contact.child_identified_at is not None
        deadline = Deadline.objects.get(child=child)
        assert deadline.started_at == received

    def test_consent_not_sought_needs_the_reason(self, child, worker):
        with pytest.raises(ValidationError) as error:
            make_contact(children=[child], by=worker, consent=Consent.NOT_SOUGHT)
        assert "consent_reason" in error.value.error_dict

    def test_telephone_report_from_a_practitioner_expects_confirmation_in_24_hours(
        self, child, worker
    ):
        received = timezone.now() - dt.timedelta(hours=1)
        contact = make_contact(children=[child], by=worker, received_at=received)
        assert contact.confirmation_due_at == received + dt.timedelta(hours=24)
        family = make_contact(
            children=[child], by=worker, source=Source.FAMILY, channel=Channel.PHONE
        )
        assert family.confirmation_due_at is None

    def test_another_councils_person_is_refused(self, child, worker):
        stranger = ChildFactory()
        with pytest.raises(ValidationError):
            make_contact(children=[child], adults=[stranger], by=worker)


@pytest.mark.django_db
class TestThresholdDecision:
    def test_assessment_meets_the_clock_opens_involvement_and_starts_assessment_clock(
        self, child, worker, locality
    ):
        received = timezone.now() - dt.timedelta(hours=2)
        contact = make_contact(children=[child], by=worker, received_at=received)
        decision = _decide(
            contact,
            worker,
            outcome=Outcome.ASSESSMENT,
            involvement_team=locality,
            involvement_reason=InvolvementReason.ABUSE_OR_NEGLECT,
        )
        assert not decision.awaiting_authorisation
        clock = ContactPerson.objects.get(contact=contact).decision_deadline
        assert clock.met_at is not None
        assert clock.met_on_time
        involvement = Involvement.objects.get(child=child, ended_on__isnull=True)
        assert involvement.team == locality
        assessment = Deadline.objects.get(child=child, rule__code="assessment")
        assert assessment.started_at == received  # from the point of referral
        assert assessment.team == locality

    def test_strategy_discussion_starts_its_clock_from_the_decision(
        self, child, worker, manager, locality
    ):
        contact = make_contact(children=[child], by=worker)
        decision = _decide(
            contact,
            manager,
            outcome=Outcome.STRATEGY_DISCUSSION,
            level="protection",
            may_authorise=True,
            involvement_team=locality,
            involvement_reason=InvolvementReason.ABUSE_OR_NEGLECT,
        )
        clock = Deadline.objects.get(child=child, rule__code="strategy-discussion")
        assert clock.started_at == decision.authorised_at
        assert Involvement.objects.filter(child=child).count() == 1

    def test_protection_by_a_worker_waits_for_a_manager(self, child, worker, manager, locality):
        contact = make_contact(children=[child], by=worker)
        decision = _decide(
            contact,
            worker,
            outcome=Outcome.STRATEGY_DISCUSSION,
            level="protection",
            involvement_team=locality,
            involvement_reason=InvolvementReason.ABUSE_OR_NEGLECT,
        )
        assert decision.awaiting_authorisation
        assert not Involvement.objects.filter(child=child).exists()
        assert ContactPerson.objects.get(contact=contact).decision_deadline.met_at is None
        services.threshold_decision_authorise(
            decision=decision,
            expected_version=decision.version,
            authorised_by=manager,
            now=timezone.now(),
        )
        assert Involvement.objects.filter(child=child).exists()
        assert ContactPerson.objects.get(contact=contact).decision_deadline.met_at is not None

    def test_an_open_involvement_is_kept(self, child, worker, locality):
        from gofal.casework.tests.factories import InvolvementFactory

        existing = InvolvementFactory(child=child, team=locality, started_on=dt.date(2026, 1, 5))
        contact = make_contact(children=[child], by=worker)
        _decide(
            contact,
            worker,
            outcome=Outcome.ASSESSMENT,
            involvement_team=locality,
            involvement_reason=InvolvementReason.ACUTE_STRESS,
        )
        assert list(Involvement.objects.filter(child=child)) == [existing]

    @pytest.mark.parametrize(
        ("outcome", "field"),
        [
            (Outcome.ADVICE, "what_matters"),
            (Outcome.SIGNPOSTED, "services"),
            (Outcome.EARLY_HELP, "early_help_team"),
            (Outcome.ASSESSMENT, "involvement_team"),
            (Outcome.NO_FURTHER_ACTION, "family_told"),
        ],
    )
    def test_outcome_without_its_details_is_refused(self, child, worker, outcome, field):
        contact = make_contact(children=[child], by=worker)
        with pytest.raises(ValidationError) as error:
            _decide(contact, worker, outcome=outcome)
        assert field in error.value.error_dict
        assert not ThresholdDecision.objects.exists()

    def test_decision_without_reasons_is_refused(self, child, worker):
        contact = make_contact(children=[child], by=worker)
        details = services.DecisionDetails(
            level=_level(contact.authority_id, "universal"),
            reasons="  ",
            corroboration="",
            child_perspective="",
            outcome=Outcome.NO_FURTHER_ACTION,
            family_told="Advised of the parenting line.",
        )
        with pytest.raises(ValidationError) as error:
            services.threshold_decision_record(
                contact=contact,
                details=details,
                decided_by=worker,
                may_authorise=False,
                form_token=None,
                now=timezone.now(),
            )
        assert {"reasons", "corroboration", "child_perspective"} <= set(error.value.error_dict)

    def test_signposting_refuses_a_service_whose_funding_ended(self, child, worker):
        ended = ServiceFactory(
            authority=child.authority, funding_ends_on=timezone.localdate() - dt.timedelta(1)
        )
        contact = make_contact(children=[child], by=worker)
        with pytest.raises(ValidationError) as error:
            _decide(contact, worker, outcome=Outcome.SIGNPOSTED, services=[ended])
        assert "services" in error.value.error_dict

    def test_signposting_records_the_services(self, child, worker):
        service = ServiceFactory(authority=child.authority)
        contact = make_contact(children=[child], by=worker)
        decision = _decide(
            contact, worker, outcome=Outcome.SIGNPOSTED, level="universal", services=[service]
        )
        assert list(decision.services.all()) == [service]

    def test_second_decision_is_refused_but_a_resubmission_returns_the_first(self, child, worker):
        contact = make_contact(children=[child], by=worker)
        token = uuid.uuid4()
        details = services.DecisionDetails(
            level=_level(contact.authority_id, "universal"),
            reasons="Family asked for advice about bedtimes.",
            corroboration="Health visitor agrees there are no concerns.",
            child_perspective="Too young to say; seen happy at nursery.",
            outcome=Outcome.ADVICE,
            what_matters="Sleep routine advice; parenting line number given.",
        )
        kwargs = {
            "contact": contact,
            "details": details,
            "decided_by": worker,
            "may_authorise": False,
            "now": timezone.now(),
        }
        first = services.threshold_decision_record(form_token=token, **kwargs)
        again = services.threshold_decision_record(form_token=token, **kwargs)
        assert again.pk == first.pk
        with pytest.raises(ValidationError):
            services.threshold_decision_record(form_token=uuid.uuid4(), **kwargs)

    def test_no_child_no_decision(self, authority, worker):
        contact = make_contact(
            children=[], authority=authority, by=worker, unidentified_reason="Unknown caller"
        )
        with pytest.raises(ValidationError):
            _decide(contact, worker, outcome=Outcome.ADVICE, what_matters="x")

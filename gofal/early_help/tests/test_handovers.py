import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gofal.authorities.models import Role, TeamKind
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.casework.models import Involvement
from gofal.early_help import services
from gofal.early_help.models import Episode, Handover
from gofal.people.tests.factories import ChildFactory


@pytest.fixture
def locality(db):
    return TeamFactory(kind=TeamKind.LOCALITY, name_en="Tredegar locality")


@pytest.fixture
def families_first(locality):
    return TeamFactory(
        authority=locality.authority, kind=TeamKind.EARLY_HELP, name_en="Families First"
    )


@pytest.fixture
def social_worker(locality):
    return staff(Role.SOCIAL_WORKER, team=locality)


@pytest.fixture
def early_help_worker(families_first):
    return staff(Role.SOCIAL_WORKER, team=families_first)


@pytest.fixture
def child(locality):
    return ChildFactory(authority=locality.authority, given_name="Osian", family_name="Rees")


def _step_down(child, social_worker, locality, families_first, token=None):
    return services.handover_send(
        child=child,
        direction="step_down",
        from_team=locality,
        to_team=families_first,
        reasons="Home conditions have improved; the family want support with routines.",
        information="Assessment of March; school attendance now 94%.",
        sent_by=social_worker,
        form_token=token,
        now=timezone.now(),
    )


@pytest.mark.django_db
class TestHandover:
    def test_step_down_accepted_opens_early_help(
        self, child, social_worker, early_help_worker, locality, families_first
    ):
        handover = _step_down(child, social_worker, locality, families_first)
        services.handover_respond(
            handover=handover,
            expected_version=handover.version,
            response="accepted",
            reasons="",
            responded_by=early_help_worker,
            lead_worker=None,
            now=timezone.now(),
        )
        episode = Episode.objects.get(child=child)
        assert episode.team == families_first
        assert episode.lead_worker == early_help_worker

    def test_step_up_accepted_opens_an_involvement(
        self, child, social_worker, early_help_worker, locality, families_first
    ):
        handover = services.handover_send(
            child=child,
            direction="step_up",
            from_team=families_first,
            to_team=locality,
            reasons="Disclosure at school",
            information="Details of the disclosure",
            sent_by=early_help_worker,
            form_token=None,
            now=timezone.now(),
        )
        services.handover_respond(
            handover=handover,
            expected_version=handover.version,
            response="accepted",
            reasons="",
            responded_by=social_worker,
            lead_worker=None,
            now=timezone.now(),
        )
        assert Involvement.objects.get(child=child).team == locality

    def test_return_needs_reasons(
        self, child, social_worker, early_help_worker, locality, families_first
    ):
        handover = _step_down(child, social_worker, locality, families_first)
        with pytest.raises(ValidationError):
            services.handover_respond(
                handover=handover,
                expected_version=handover.version,
                response="returned",
                reasons=" ",
                responded_by=early_help_worker,
                lead_worker=None,
                now=timezone.now(),
            )

    def test_step_down_must_go_to_early_help(self, child, social_worker, locality):
        other = TeamFactory(authority=locality.authority, kind=TeamKind.LOCALITY)
        with pytest.raises(ValidationError) as error:
            _step_down(child, social_worker, locality, other)
        assert "to_team" in error.value.error_dict

    def test_double_submission_sends_one(self, child, social_worker, locality, families_first):
        token = uuid.uuid4()
        _step_down(child, social_worker, locality, families_first, token)
        _step_down(child, social_worker, locality, families_first, token)
        assert Handover.objects.count() == 1
        with pytest.raises(ValidationError):
            _step_down(child, social_worker, locality, families_first)

    def test_returned_step_down_shows_on_the_senders_queue(
        self, client, child, social_worker, early_help_worker, locality, families_first
    ):
        handover = _step_down(child, social_worker, locality, families_first)
        client.force_login(early_help_worker)
        body = client.get(reverse("early_help:handovers")).content.decode()
        assert "Osian Rees" in body
        url = reverse("early_help:handover_detail", args=[handover.pk])
        response = client.post(url, {"version": handover.version, "response": "returned"})
        assert "Enter why the handover is being returned" in response.content.decode()
        response = client.post(
            url,
            {
                "version": handover.version,
                "response": "returned",
                "reasons": "Risks are too high for early help: the father has returned home.",
            },
        )
        assert response.status_code == 302
        client.force_login(social_worker)
        body = client.get(reverse("early_help:handovers")).content.decode()
        assert "the father has returned home" in body
        client.force_login(staff(Role.SOCIAL_WORKER, team=TeamFactory()))
        assert client.get(url).status_code == 404


@pytest.mark.django_db
class TestEpisodePages:
    def test_start_plan_and_end(self, client, child, early_help_worker, families_first):
        client.force_login(early_help_worker)
        base = reverse("early_help:child", args=[child.pk])
        assert client.get(base).status_code == 200
        today = timezone.localdate()
        response = client.post(
            reverse("early_help:episode_start", args=[child.pk]),
            {
                "team": families_first.pk,
                "lead_worker": early_help_worker.pk,
                "started_on_day": today.day,
                "started_on_month": today.month,
                "started_on_year": today.year,
            },
        )
        assert response.status_code == 302
        review = today + dt.timedelta(days=60)
        response = client.post(
            reverse("early_help:plan_new", args=[child.pk]),
            {
                "assessment": "Parents struggling with bedtimes",
                "outcomes": "Calm evenings",
                "actions": "Parenting group weekly",
                "review_on_day": review.day,
                "review_on_month": review.month,
                "review_on_year": review.year,
            },
        )
        assert response.status_code == 302
        assert "Calm evenings" in client.get(base).content.decode()
        episode = Episode.objects.get()
        response = client.post(
            reverse("early_help:episode_end", args=[child.pk]),
            {
                "version": episode.version,
                "ended_on_day": today.day,
                "ended_on_month": today.month,
                "ended_on_year": today.year,
                "outcome": "outcomes_met",
            },
        )
        assert response.status_code == 302
        episode.refresh_from_db()
        assert episode.ended_on == today


@pytest.mark.django_db
class TestHandoverClock:
    def test_rule_is_a_local_standard_marked_unconfirmed(self):
        from gofal.timescales.models import RuleVersion

        versions = RuleVersion.objects.filter(rule__code="handover-acceptance")
        assert {v.jurisdiction for v in versions} == {"wales", "england"}
        for version in versions:
            assert (version.duration, version.unit, version.status) == (
                2,
                "working_days",
                "unconfirmed",
            )
            assert version.source.startswith("Local practice standard")
        assert not versions.filter(rule__name_cy="").exists()

    def test_sending_starts_the_clock_and_answering_meets_it(
        self, child, social_worker, early_help_worker, locality, families_first
    ):
        # Sent on Friday 19 December 2025: 2 working days (Christmas and Boxing Day are bank
        # holidays in Wales) make it due on Tuesday 23 December.
        sent = timezone.make_aware(dt.datetime(2025, 12, 19, 15, 0))
        handover = services.handover_send(
            child=child,
            direction="step_down",
            from_team=locality,
            to_team=families_first,
            reasons="Improved",
            information="Assessment",
            sent_by=social_worker,
            form_token=None,
            now=sent,
        )
        clock = handover.acceptance_deadline
        assert clock.rule.code == "handover-acceptance"
        assert clock.team == families_first
        assert clock.due_on == dt.date(2025, 12, 23)
        assert clock.is_open
        services.handover_respond(
            handover=handover,
            expected_version=handover.version,
            response="returned",
            reasons="Risks too high",
            responded_by=early_help_worker,
            lead_worker=None,
            now=sent + dt.timedelta(days=5),
        )
        clock.refresh_from_db()
        assert clock.met_on == dt.date(2025, 12, 24)
        assert clock.met_on_time is False

    def test_queue_shows_each_team_with_due_and_overdue(
        self, client, child, social_worker, early_help_worker, locality, families_first
    ):
        old = services.handover_send(
            child=child,
            direction="step_down",
            from_team=locality,
            to_team=families_first,
            reasons="Improved",
            information="Assessment",
            sent_by=social_worker,
            form_token=None,
            now=timezone.now() - dt.timedelta(days=10),
        )
        fresh_child = ChildFactory(
            authority=locality.authority, given_name="Cerys", family_name="Lloyd"
        )
        services.handover_send(
            child=fresh_child,
            direction="step_down",
            from_team=locality,
            to_team=families_first,
            reasons="Improved",
            information="Assessment",
            sent_by=social_worker,
            form_token=None,
            now=timezone.now(),
        )
        client.force_login(early_help_worker)
        body = client.get(reverse("early_help:handovers")).content.decode()
        assert "Families First" in body
        assert "1 overdue" in body
        osian = body.index("Osian Rees")
        cerys = body.index("Cerys Lloyd")
        assert osian < cerys  # earliest due first
        assert "Overdue" in body[osian:cerys]
        assert "Overdue" not in body[cerys:]
        assert old.acceptance_deadline.due_on.strftime("%Y") in body

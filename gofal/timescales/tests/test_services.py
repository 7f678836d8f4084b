"""Deadline services, the registry and reconcile, against the seeded rules and calendar."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import (
    AuthorityFactory,
    EnglishAuthorityFactory,
    TeamFactory,
    staff,
)
from gofal.timescales import services
from gofal.timescales.calendar import LONDON
from gofal.timescales.models import (
    ClosureDay,
    Deadline,
    ExceptionDecision,
    ExceptionReason,
    LocalStandard,
    RegistryChange,
    Rule,
    RuleVersion,
    SourceStatus,
)
from gofal.timescales.reconcile import reconcile
from gofal.timescales.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
AT = datetime(2025, 6, 1, 9, tzinfo=LONDON)

EXPECTED_CODES = {
    "referral-decision",
    "assessment",
    "strategy-discussion",
    "initial-conference",
    "conference-outline-plan",
    "core-group-first",
    "core-group-next",
    "review-conference-first",
    "review-conference-next",
    "lac-plan",
    "placement-plan",
    "lac-visit-first",
    "lac-visit-next",
    "lac-review-first",
    "lac-review-second",
    "lac-review-next",
    "gp-registration",
    "dental-check",
    "health-assessment",
    "return-interview",
    "care-leaver-assessment",
    "pathway-plan-review",
    "handover-acceptance",  # a local practice standard (early help step-up and step-down)
    "care-support-plan-review",
}


class TestLoadedRules:
    def test_every_listed_code_in_both_jurisdictions(self):
        assert EXPECTED_CODES <= set(Rule.objects.values_list("code", flat=True))
        for jurisdiction in ("wales", "england"):
            codes = set(
                RuleVersion.objects.filter(jurisdiction=jurisdiction).values_list(
                    "rule__code", flat=True
                )
            )
            assert EXPECTED_CODES <= codes
        assert not Rule.objects.filter(name_cy="").exists()

    @pytest.mark.parametrize(
        ("code", "jurisdiction", "duration", "unit", "status"),
        [
            ("assessment", "wales", 42, "working_days", SourceStatus.CONFIRMED),
            ("assessment", "england", 45, "working_days", SourceStatus.UNCONFIRMED),
            ("strategy-discussion", "wales", 24, "hours", SourceStatus.UNCONFIRMED),
            ("initial-conference", "wales", 15, "working_days", SourceStatus.PREDECESSOR),
            ("core-group-next", "wales", 6, "weeks", SourceStatus.CONFIRMED),
            ("lac-review-first", "wales", 20, "working_days", SourceStatus.UNCONFIRMED),
            ("lac-review-second", "wales", 3, "months", SourceStatus.UNCONFIRMED),
            ("return-interview", "england", 72, "hours", SourceStatus.CONFIRMED),
            ("return-interview", "wales", 72, "hours", SourceStatus.UNCONFIRMED),
            ("health-assessment", "wales", 14, "working_days", SourceStatus.PREDECESSOR),
            ("pathway-plan-review", "wales", 6, "months", SourceStatus.PREDECESSOR),
            ("care-support-plan-review", "wales", 6, "months", SourceStatus.UNCONFIRMED),
            ("care-support-plan-review", "england", 6, "months", SourceStatus.UNCONFIRMED),
        ],
    )
    def test_figures_and_status_as_the_reference_gives_them(
        self, code, jurisdiction, duration, unit, status
    ):
        version = RuleVersion.objects.get(rule__code=code, jurisdiction=jurisdiction)
        assert (version.duration, version.unit, version.status) == (duration, unit, status)
        assert version.source


def start(code="assessment", authority=None, child=None, when=date(2025, 1, 6), **kw):
    child = child or ChildFactory(authority=authority or AuthorityFactory())
    return services.deadline_start(
        rule_code=code, authority=child.authority, child_id=child.pk, started_at=when, **kw
    )


class TestDeadlineStart:
    def test_wales_and_england_differ(self):
        assert start().due_on == date(2025, 3, 5)
        assert start(authority=EnglishAuthorityFactory()).due_on == date(2025, 3, 10)

    def test_hour_rule_needs_a_time(self):
        with pytest.raises(ValidationError, match="hours"):
            start("strategy-discussion")
        d = start("strategy-discussion", when=datetime(2025, 3, 29, 10, tzinfo=LONDON))
        assert d.due_at.astimezone(LONDON).isoformat() == "2025-03-30T11:00:00+01:00"

    def test_unknown_rule(self):
        with pytest.raises(ValidationError, match="no timescale"):
            start("nonsense")

    def test_council_closure_days_count(self):
        authority = AuthorityFactory()
        ClosureDay.objects.create(authority=authority, on=date(2025, 12, 24), reason="Closed")
        assert start("referral-decision", authority, when=date(2025, 12, 23)).due_on == date(
            2025, 12, 29
        )


class TestVersions:
    def test_version_in_force_on_the_start_day_applies(self):
        admin = staff(Role.SYSTEM_ADMINISTRATOR)
        services.rule_version_add(
            rule=Rule.objects.get(code="assessment"),
            jurisdiction="wales",
            effective_from=date(2026, 1, 1),
            duration=35,
            unit="working_days",
            source="A new code of practice",
            status=SourceStatus.CONFIRMED,
            reason="New code in force",
            changed_by=admin,
            at=AT,
        )
        authority = AuthorityFactory()
        # 42 working days from 31 Dec 2025, counted by hand: 2 Jan is day 1 ... 2 March.
        assert start(authority=authority, when=date(2025, 12, 31)).due_on == date(2026, 3, 2)
        # 35 working days from 1 Jan 2026 (a bank holiday): 2 Jan is day 1 ... 19 February.
        assert start(authority=authority, when=date(2026, 1, 1)).due_on == date(2026, 2, 19)
        old = RuleVersion.objects.get(
            rule__code="assessment", jurisdiction="wales", effective_from=date(2000, 1, 1)
        )
        assert old.effective_to == date(2025, 12, 31)
        change = RegistryChange.objects.get()
        assert change.reason == "New code in force"
        assert change.changes["duration"] == ["42", "35"]

    def test_a_version_must_start_after_the_current_one(self):
        with pytest.raises(ValidationError, match="must start after"):
            services.rule_version_add(
                rule=Rule.objects.get(code="assessment"),
                jurisdiction="wales",
                effective_from=date(1999, 1, 1),
                duration=35,
                unit="working_days",
                source="x",
                status=SourceStatus.CONFIRMED,
                reason="x",
                changed_by=staff(Role.SYSTEM_ADMINISTRATOR),
                at=AT,
            )


class TestLocalStandard:
    def _set(self, authority, duration, unit="working_days", code="assessment"):
        return services.local_standard_set(
            authority=authority,
            rule=Rule.objects.get(code=code),
            duration=duration,
            unit=unit,
            effective_from=date(2025, 1, 1),
            reason="Council's own standard",
            set_by=staff(Role.SYSTEM_ADMINISTRATOR),
            at=AT,
        )

    def test_a_stricter_standard_applies(self):
        authority = AuthorityFactory()
        self._set(authority, 35)
        # 35 working days from Monday 6 January 2025: 7-10 Jan are days 1-4, then five a
        # week: 7 February is day 24, 21 February day 34, Monday 24 February day 35.
        d = start(authority=authority)
        assert d.due_on == date(2025, 2, 24)
        assert d.local_standard is not None
        assert RegistryChange.objects.filter(kind="local_standard").count() == 1

    @pytest.mark.parametrize(
        ("duration", "unit"), [(42, "working_days"), (50, "working_days"), (30, "calendar_days")]
    )
    def test_a_laxer_or_different_standard_is_refused(self, duration, unit):
        with pytest.raises(ValidationError, match="only be stricter"):
            self._set(AuthorityFactory(), duration, unit)
        assert not LocalStandard.objects.exists()

    def test_english_council_compares_with_the_english_figure(self):
        authority = EnglishAuthorityFactory()
        self._set(authority, 44)  # laxer than Wales's 42 but stricter than England's 45
        assert start(authority=authority).due_on == date(2025, 3, 7)


class TestMeetAndRepeat:
    def test_meeting_a_repeating_clock_starts_the_next(self):
        worker = staff()
        first = start("core-group-first", when=date(2025, 6, 2), worker=worker)
        assert first.due_on == date(2025, 6, 16)
        nxt = services.deadline_meet(deadline=first, met_at=date(2025, 6, 13))
        first.refresh_from_db()
        assert first.met_on_time is True
        assert nxt.rule.code == "core-group-next"
        assert nxt.previous == first
        assert nxt.worker == worker
        assert nxt.due_on == date(2025, 7, 25)  # 13 June + 6 weeks
        after = services.deadline_meet(deadline=nxt, met_at=date(2025, 7, 28))
        nxt.refresh_from_db()
        assert nxt.met_on_time is False
        assert after.rule.code == "core-group-next"

    def test_a_clock_that_does_not_repeat(self):
        d = start()
        assert services.deadline_meet(deadline=d, met_at=date(2025, 3, 5)) is None
        with pytest.raises(ValidationError, match="already"):
            services.deadline_meet(deadline=d, met_at=date(2025, 3, 6))

    def test_lac_reviews_chain_first_second_next(self):
        d = start("lac-review-first", when=date(2025, 6, 2))
        second = services.deadline_meet(deadline=d, met_at=date(2025, 6, 20))
        assert second.rule.code == "lac-review-second"
        assert second.due_on == date(2025, 9, 20)
        third = services.deadline_meet(deadline=second, met_at=date(2025, 9, 1))
        assert third.rule.code == "lac-review-next"
        assert third.due_on == date(2026, 3, 1)


class TestCorrectionsAndReallocation:
    def test_correcting_the_start_recomputes(self):
        d = start()
        services.deadline_correct_start(deadline=d, started_at=date(2025, 3, 25))
        d.refresh_from_db()
        assert (d.started_on, d.due_on, d.version) == (date(2025, 3, 25), date(2025, 5, 28), 2)

    def test_reassign_moves_only_open_clocks_of_that_child(self):
        child = ChildFactory()
        done = start(child=child)
        services.deadline_meet(deadline=done, met_at=date(2025, 2, 1))
        running = start("referral-decision", child=child)
        other = start(authority=child.authority)
        team = TeamFactory(authority=child.authority)
        worker = staff(team=team)
        n = services.deadlines_reassign(
            authority=child.authority, child_id=child.pk, worker=worker, team=team
        )
        assert n == 1
        running.refresh_from_db()
        done.refresh_from_db()
        other.refresh_from_db()
        assert (running.worker, running.team) == (worker, team)
        assert done.worker is None
        assert other.worker is None

    def test_cancel(self):
        d = start()
        services.deadline_cancel(deadline=d, cancelled_at=AT, reason="Plan ended")
        assert not Deadline.objects.open().exists()


class TestExceptions:
    def test_recorded_then_approved(self):
        d = start()
        worker, manager = staff(), staff(Role.TEAM_MANAGER)
        reason = ExceptionReason.objects.get(code="family-unavailable")
        exc = services.deadline_exception_record(
            deadline=d, reason=reason, explanation="Family away", recorded_by=worker, at=AT
        )
        services.deadline_exception_decide(
            exception=exc,
            decision=ExceptionDecision.APPROVED,
            note="",
            decided_by=manager,
            at=AT,
        )
        d.refresh_from_db()
        assert d.exception_approved
        with pytest.raises(ValidationError, match="already decided"):
            services.deadline_exception_decide(
                exception=exc, decision="refused", note="", decided_by=manager, at=AT
            )

    def test_needs_words(self):
        with pytest.raises(ValidationError, match="explanation"):
            services.deadline_exception_record(
                deadline=start(),
                reason=ExceptionReason.objects.first(),
                explanation="  ",
                recorded_by=staff(),
                at=AT,
            )


class TestReconcile:
    def test_reports_and_fixes_drift(self):
        good = start()
        bad = start()
        Deadline.objects.filter(pk=bad.pk).update(due_on=date(2025, 3, 1))
        report = reconcile()
        assert (report.checked, report.drifted, report.fixed) == (2, 1, 0)
        assert report.samples[0].deadline_id == bad.pk
        report = reconcile(fix=True)
        assert report.fixed == 1
        bad.refresh_from_db()
        assert bad.due_on == date(2025, 3, 5)
        assert reconcile().drifted == 0
        good.refresh_from_db()
        assert good.due_on == date(2025, 3, 5)

    def test_a_new_closure_day_is_drift_until_fixed(self):
        d = start("referral-decision", when=date(2025, 12, 23))
        ClosureDay.objects.create(authority=d.authority, on=date(2025, 12, 24), reason="Closed")
        assert reconcile(fix=True).fixed == 1
        d.refresh_from_db()
        assert d.due_on == date(2025, 12, 29)


class TestExplainCommand:
    def run(self, *args):
        from io import StringIO

        out = StringIO()
        call_command("timescales", "explain", *args, stdout=out)
        return out.getvalue().splitlines()

    def test_working_days_across_christmas(self):
        lines = self.run("referral-decision", "--jurisdiction", "wales", "--start", "2021-12-24")
        assert "Status: Confirmed" in lines
        assert "Skipped 2021-12-27: bank holiday: Christmas Day (observed)" in lines
        assert "Skipped 2021-12-28: bank holiday: Boxing Day (observed)" in lines
        assert lines[-1] == "due: 2021-12-29"

    def test_england_assessment(self):
        lines = self.run("assessment", "--jurisdiction", "england", "--start", "2025-01-06")
        assert "National timescale: 45 working days" in lines
        assert "Status: Unconfirmed" in lines
        assert lines[-1] == "due: 2025-03-10"

    def test_hours_across_the_clock_change(self):
        lines = self.run(
            "strategy-discussion", "--jurisdiction", "wales", "--start", "2025-03-29T10:00"
        )
        assert lines[-1] == "due: 2025-03-30T11:00:00+01:00"
        lines = self.run(
            "return-interview", "--jurisdiction", "england", "--start", "2025-10-24T18:00"
        )
        assert lines[-1] == "due: 2025-10-27T17:00:00+00:00"

    def test_month_end(self):
        lines = self.run(
            "review-conference-first", "--jurisdiction", "wales", "--start", "2025-11-30"
        )
        assert lines[-1] == "due: 2026-02-28"

    def test_council_closures_and_standard(self):
        authority = AuthorityFactory(code="W06000099")
        ClosureDay.objects.create(authority=authority, on=date(2025, 12, 24), reason="Office move")
        lines = self.run(
            "referral-decision",
            "--jurisdiction",
            "wales",
            "--start",
            "2025-12-23",
            "--authority",
            "W06000099",
        )
        assert "Skipped 2025-12-24: council closure: Office move" in lines
        assert lines[-1] == "due: 2025-12-29"

    def test_unknown_rule_is_an_error(self):
        from django.core.management import CommandError

        with pytest.raises(CommandError):
            self.run("nonsense", "--jurisdiction", "wales", "--start", "2025-01-01")


def test_holidays_command_extends(db):
    from io import StringIO

    from gofal.timescales.models import BankHoliday

    call_command(
        "timescales", "holidays", "--from-year", "2041", "--until", "2042", stdout=StringIO()
    )
    row = BankHoliday.objects.get(jurisdiction="wales", on=date(2041, 12, 25))
    assert row.name_cy == "Dydd Nadolig"

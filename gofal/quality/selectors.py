"""Reads of quality records and the practice reports, scoped to the acting council."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from gofal.assessments.models import Assessment, AssessmentStatus, FlagKind
from gofal.people.models import Person
from gofal.people.selectors import persons_visible_to
from gofal.planning.selectors import agreements_by_team, plan_figures
from gofal.quality.models import OversightEntry
from gofal.quality.risk_profile import flag_counts
from gofal.timescales.compute import Timeliness
from gofal.timescales.models import Deadline, Rule
from gofal.timescales.selectors import completed_in_period, timeliness_by

ASSESSMENT_RULE = "assessment"


def oversight_for_child(*, child: Person) -> QuerySet[OversightEntry]:
    return OversightEntry.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("recorded_by")


@dataclass(frozen=True)
class PracticeReport:
    period_start: date
    period_end: date
    assessment_rule_id: Any
    assessments: Timeliness
    assessments_late: int
    assessments_by_team: list[Any]
    plans: dict[str, int]
    agreements_active: int
    agreements_reviewed: int
    agreements_by_team: list[dict[str, Any]]
    flags: list[tuple[str, str, int]]


def financial_year(year: int) -> tuple[date, date]:
    """The reporting year the Welsh measures use: 1 April to 31 March."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def current_year(as_of: date) -> int:
    return as_of.year if as_of >= date(as_of.year, 4, 1) else as_of.year - 1


def report_period(*, year: int, as_of: date) -> tuple[date, date]:
    """The year's start and its end, or `as_of` for the year still running."""
    start, end = financial_year(year)
    return start, min(end, as_of)


def practice_report(*, user: Any, as_of: date, year: int | None = None) -> PracticeReport:
    """The figures of the practice report for a reporting year (1 April to 31 March; the
    current one to `as_of` by default).

    Assessment timeliness is `gofal.timescales.selectors.timeliness_by` for the `assessment`
    rule, counted as PM24 counts it: assessments completed in the year (the clock met) whose
    clock from the referral was met within the timescale, over all completed in the year.
    CH/012 reports the numerator as a count. Never recounted here.
    """
    authority = user.acting.authority
    start, as_of = report_period(year=current_year(as_of) if year is None else year, as_of=as_of)
    rule = Rule.objects.get(code=ASSESSMENT_RULE)
    council = timeliness_by(
        authority_id=authority.pk, rule_id=rule.pk, period_start=start, period_end=as_of
    )
    by_team = timeliness_by(
        authority_id=authority.pk,
        rule_id=rule.pk,
        period_start=start,
        period_end=as_of,
        group_by="team",
    )
    teams = agreements_by_team(user=user)
    counts = flag_counts(user=user, as_of=as_of)  # the risk profile's population
    return PracticeReport(
        period_start=start,
        period_end=as_of,
        assessment_rule_id=rule.pk,
        assessments=council[0].timeliness if council else Timeliness(0, 0),
        assessments_late=(
            council[0].late_with_reason + council[0].late_without_reason if council else 0
        ),
        assessments_by_team=by_team,
        plans=plan_figures(user=user),
        agreements_active=sum(row["active"] for row in teams),
        agreements_reviewed=sum(row["reviewed"] for row in teams),
        agreements_by_team=teams,
        flags=[(kind, str(label), counts.get(kind, 0)) for kind, label in FlagKind.choices],
    )


def assessments_completed(
    *,
    user: Any,
    period_start: date,
    period_end: date,
    team_id: Any = None,
    late_only: bool = False,
) -> QuerySet[Deadline]:
    """Drill-down: the assessment clocks completed in the period (the PM24 denominator), for
    the children the user may see, each with the assessment that completed it."""
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return Deadline.objects.none()
    rule = Rule.objects.get(code=ASSESSMENT_RULE)
    rows = completed_in_period(
        authority_id=acting.authority.pk,
        rule_id=rule.pk,
        period_start=period_start,
        period_end=period_end,
    ).filter(child__in=persons_visible_to(user))
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    if late_only:
        rows = rows.filter(met_on_time=False)
    completing = Assessment.objects.filter(
        deadline=OuterRef("pk"), status=AssessmentStatus.AUTHORISED
    ).order_by("-authorised_at")
    return (
        rows.annotate(
            assessment_id=Subquery(completing.values("pk")[:1]),
            assessment_kind=Subquery(completing.values("kind")[:1]),
        )
        .select_related("child", "team", "worker")
        .order_by("met_on", "pk")
    )

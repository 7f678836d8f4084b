"""Reads of quality records and the practice reports, scoped to the acting council."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet

from gofal.assessments.models import FlagKind
from gofal.people.models import Person
from gofal.planning.selectors import agreements_by_team, plan_figures
from gofal.quality.models import OversightEntry
from gofal.quality.risk_profile import flag_counts
from gofal.timescales.compute import Timeliness
from gofal.timescales.models import Rule
from gofal.timescales.selectors import timeliness_by

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
    assessments_by_team: list[Any]
    plans: dict[str, int]
    agreements_active: int
    agreements_reviewed: int
    agreements_by_team: list[dict[str, Any]]
    flags: list[tuple[str, str, int]]


def practice_report(*, user: Any, as_of: date) -> PracticeReport:
    """The figures of the practice report for the 12 months to `as_of`.

    Assessment timeliness is `gofal.timescales.selectors.timeliness_by` for the `assessment`
    rule (completed in the period, met within timescale over completed), never recounted here.
    """
    authority = user.acting.authority
    start = as_of - timedelta(days=364)
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
        assessments_by_team=by_team,
        plans=plan_figures(user=user),
        agreements_active=sum(row["active"] for row in teams),
        agreements_reviewed=sum(row["reviewed"] for row in teams),
        agreements_by_team=teams,
        flags=[(kind, str(label), counts.get(kind, 0)) for kind, label in FlagKind.choices],
    )

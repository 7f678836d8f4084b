"""Reads of risk assessments. Pages about a child start from a child already fetched with
`person_get_for_user` (access checked); every query still filters by the child's council."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from gofal.casework.models import Allocation
from gofal.people.models import Person
from gofal.people.selectors import persons_visible_to
from gofal.risk.models import Harm, RiskAction, RiskAssessment, RiskSharing, RiskStatus

# Reviews due within this many days show on the queue as "due soon".
DUE_SOON_DAYS = 28


def risks_for_child(*, child: Person) -> QuerySet[RiskAssessment]:
    return RiskAssessment.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("worker")


def risk_get(*, child: Person, risk_id: uuid.UUID | str) -> RiskAssessment:
    """One of the child's risk assessments, or Http404."""
    try:
        return (
            risks_for_child(child=child).select_related("completed_by", "previous").get(pk=risk_id)
        )
    except (RiskAssessment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def harm_get(*, risk: RiskAssessment, harm_id: uuid.UUID | str) -> Harm:
    try:
        return Harm.objects.get(risk_assessment=risk, authority_id=risk.authority_id, pk=harm_id)
    except (Harm.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def action_get(*, risk: RiskAssessment, action_id: uuid.UUID | str) -> RiskAction:
    try:
        return RiskAction.objects.get(
            risk_assessment=risk, authority_id=risk.authority_id, pk=action_id
        )
    except (RiskAction.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass(frozen=True)
class RiskSeries:
    """A risk assessment and its versions, latest first."""

    latest: RiskAssessment
    versions: list[RiskAssessment]

    @property
    def current(self) -> RiskAssessment | None:
        """The version in force: the latest completed one (None while only a draft exists)."""
        for version in self.versions:
            if version.status == RiskStatus.COMPLETED:
                return version
        return None


def series_for_child(*, child: Person) -> list[RiskSeries]:
    """The child's risk assessments grouped into series, most recently started first
    (one query)."""
    groups: dict[uuid.UUID, list[RiskAssessment]] = {}
    for risk in risks_for_child(child=child).order_by("-started_on", "-number", "-created_at"):
        groups.setdefault(risk.series_id, []).append(risk)
    series = [
        RiskSeries(latest=max(versions, key=lambda r: r.number), versions=versions)
        for versions in groups.values()
    ]
    for item in series:
        item.versions.sort(key=lambda r: -r.number)
    return series


def versions_of(*, risk: RiskAssessment) -> list[RiskAssessment]:
    return list(
        RiskAssessment.objects.filter(series_id=risk.series_id, authority_id=risk.authority_id)
        .select_related("worker", "completed_by")
        .order_by("-number")
    )


def harms_of(*, risk: RiskAssessment) -> list[Harm]:
    return list(Harm.objects.filter(risk_assessment=risk, authority_id=risk.authority_id))


def actions_of(*, risk: RiskAssessment) -> list[RiskAction]:
    return list(RiskAction.objects.filter(risk_assessment=risk, authority_id=risk.authority_id))


def sharings_of(*, risk: RiskAssessment) -> list[RiskSharing]:
    return list(
        RiskSharing.objects.filter(
            risk_assessment=risk, authority_id=risk.authority_id
        ).select_related("recorded_by")
    )


def reviews_due(*, user: Any, as_of: date, mine: bool = False) -> QuerySet[RiskAssessment]:
    """Completed risk assessments (the version in force) whose review date has passed or
    falls within `DUE_SOON_DAYS`, for the children this user may see, soonest first; with
    `mine`, only those the user wrote or about children allocated to them now.

    The review date is the one the worker set: no statutory timescale applies to it.
    """
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return RiskAssessment.objects.none()
    risks = RiskAssessment.objects.all()
    if mine:
        allocated = Allocation.objects.filter(
            authority=acting.authority, worker=user, started_on__lte=as_of
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        risks = risks.filter(Q(worker=user) | Q(child__in=allocated.values("child_id")))
    return (
        risks.filter(
            authority=acting.authority,
            status=RiskStatus.COMPLETED,
            review_on__lte=as_of + timedelta(days=DUE_SOON_DAYS),
            child__in=persons_visible_to(user),
        )
        .select_related("child", "worker", "involvement__team")
        .order_by("review_on", "pk")
    )

"""Reads of assessments, for a child already fetched with `person_get_for_user` (so access has
been checked); every query still filters by the child's council."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gofal.assessments.models import (
    Assessment,
    AssessmentSharing,
    AssessmentStatus,
    AssessmentStatusChange,
    VulnerabilityFlag,
)
from gofal.casework.chronology import ChronologyEntry, chronology_entries, chronology_kinds
from gofal.people.models import Person
from gofal.people.selectors import persons_visible_to

# Chronology kinds that are not history to weigh (day-to-day recording).
NOT_HISTORY = frozenset({"case_note", "document", "allocation"})
# Kinds that should prompt a reassessment when recorded after the last authorised assessment.
SIGNIFICANT_KINDS = ("significant_event", "contact", "registration", "placement_ended")


def assessments_for_child(*, child: Person) -> QuerySet[Assessment]:
    return Assessment.objects.filter(child=child, authority_id=child.authority_id).select_related(
        "worker", "deadline", "authorised_by"
    )


def assessment_get(*, child: Person, assessment_id: uuid.UUID | str) -> Assessment:
    """One of the child's assessments, or Http404."""
    try:
        return (
            assessments_for_child(child=child).select_related("involvement").get(pk=assessment_id)
        )
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def assessment_sharings(*, assessment: Assessment) -> QuerySet[AssessmentSharing]:
    return AssessmentSharing.objects.filter(
        assessment=assessment, authority_id=assessment.authority_id
    ).select_related("recorded_by")


def assessment_steps(*, assessment: Assessment) -> QuerySet[AssessmentStatusChange]:
    return AssessmentStatusChange.objects.filter(
        assessment=assessment, authority_id=assessment.authority_id
    ).select_related("changed_by")


def assessment_last_return(*, assessment: Assessment) -> AssessmentStatusChange | None:
    return (
        assessment_steps(assessment=assessment)
        .filter(status=AssessmentStatus.RETURNED)
        .order_by("-changed_at")
        .first()
    )


def history_for_child(*, child: Person) -> list[ChronologyEntry]:
    """The chronology a worker weighs: contacts, involvements, assessments, registrations,
    placements and significant events (not case notes, documents or allocations)."""
    kinds = [key for key, _label in chronology_kinds() if key not in NOT_HISTORY]
    return chronology_entries(child=child, kinds=kinds)


def reassessment_prompt(*, child: Person) -> list[ChronologyEntry]:
    """Significant events recorded since the child's last authorised assessment (empty if
    there is none, or nothing has happened since)."""
    last = (
        Assessment.objects.filter(
            child=child, authority_id=child.authority_id, status=AssessmentStatus.AUTHORISED
        )
        .order_by("-authorised_at")
        .values_list("authorised_at", flat=True)
        .first()
    )
    if last is None:
        return []
    since: date = timezone.localdate(last)
    known = {key for key, _label in chronology_kinds()}
    kinds = [kind for kind in SIGNIFICANT_KINDS if kind in known]
    if not kinds:
        return []
    return [e for e in chronology_entries(child=child, kinds=kinds) if e.occurred_on > since]


def flags_for_child(*, child: Person) -> QuerySet[VulnerabilityFlag]:
    return VulnerabilityFlag.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("recorded_by", "ended_by")


def flag_get(*, child: Person, flag_id: uuid.UUID | str) -> VulnerabilityFlag:
    try:
        return flags_for_child(child=child).get(pk=flag_id)
    except (VulnerabilityFlag.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def flag_kinds_current(*, child: Person, as_of: date) -> list[str]:
    """The kinds of flag current for the child on `as_of` (one query)."""
    return flag_kinds_current_by_child(children=[child], as_of=as_of)[child.pk]


def flag_kinds_current_by_child(
    *, children: Sequence[Person], as_of: date
) -> dict[uuid.UUID, list[str]]:
    """Each child's kinds of flag current on `as_of`, in order of kind: one query for all the
    children (each looked up in their own council)."""
    found: dict[uuid.UUID, list[str]] = {child.pk: [] for child in children}
    if not children:
        return found
    council = {child.pk: child.authority_id for child in children}
    rows = (
        VulnerabilityFlag.objects.filter(
            child_id__in=list(council),
            authority_id__in=set(council.values()),
            started_on__lte=as_of,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .order_by("child_id", "kind")
        .values_list("child_id", "authority_id", "kind")
        .distinct()
    )
    for child_id, authority_id, kind in rows:
        if council[child_id] == authority_id:
            found[child_id].append(kind)
    return found


def _visible_current_flags(*, user: Any, as_of: date) -> QuerySet[VulnerabilityFlag]:
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return VulnerabilityFlag.objects.none()
    return VulnerabilityFlag.objects.filter(
        authority=acting.authority,
        child__in=persons_visible_to(user),
        started_on__lte=as_of,
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))


def flags_by_kind(*, user: Any, as_of: date) -> dict[str, int]:
    """How many children carry each flag on `as_of`, in the acting council (one query)."""
    rows = (
        _visible_current_flags(user=user, as_of=as_of)
        .order_by()
        .values("kind")
        .annotate(children=Count("child_id", distinct=True))
    )
    return {row["kind"]: row["children"] for row in rows}


def flags_of_kind(*, user: Any, kind: str, as_of: date) -> QuerySet[VulnerabilityFlag]:
    """The current flags of one kind, with their children (drill-down)."""
    return (
        _visible_current_flags(user=user, as_of=as_of)
        .filter(kind=kind)
        .select_related("child")
        .order_by("started_on", "pk")
    )

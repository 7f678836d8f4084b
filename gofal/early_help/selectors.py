"""Reads of early help records, scoped to the council the user acts for."""

import uuid
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from gofal.authorities.models import Team, TeamKind
from gofal.early_help.models import Episode, Handover, Plan, Response, Service, funded_on
from gofal.people.selectors import persons_visible_to


def _authority_id(user: Any) -> uuid.UUID | None:
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return None
    return acting.authority.pk


def services_visible_to(user: Any) -> QuerySet[Service]:
    authority_id = _authority_id(user)
    if authority_id is None:
        return Service.objects.none()
    return Service.objects.filter(authority_id=authority_id).order_by("name_en")


def service_get_for_user(*, user: Any, service_id: uuid.UUID | str) -> Service:
    try:
        return services_visible_to(user).get(pk=service_id)
    except (Service.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def services_choosable(*, authority_id: uuid.UUID, as_of: date) -> QuerySet[Service]:
    """Services that can be chosen for signposting: this council's, still funded."""
    return Service.objects.filter(funded_on(as_of), authority_id=authority_id).order_by("name_en")


def services_funding_ended(*, user: Any, as_of: date) -> QuerySet[Service]:
    """Services whose funding has ended: flagged to administrators to update or remove."""
    return services_visible_to(user).filter(funding_ends_on__lt=as_of)


# --- Episodes and handovers ------------------------------------------------------------------


def episodes_for_child(*, child: Any) -> QuerySet[Episode]:
    return (
        Episode.objects.filter(child=child, authority_id=child.authority_id)
        .select_related("team", "lead_worker")
        .prefetch_related(Prefetch("plans", queryset=Plan.objects.select_related("recorded_by")))
        .order_by("-started_on")
    )


def handovers_for_child(*, child: Any) -> QuerySet[Handover]:
    return (
        Handover.objects.filter(child=child, authority_id=child.authority_id)
        .select_related("from_team", "to_team", "sent_by", "responded_by")
        .order_by("-sent_at")
    )


def _my_team_ids(user: Any) -> list[uuid.UUID] | None:
    """The user's teams; None if they see the whole council."""
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return []
    if acting.sees_whole_council:
        return None
    return list(acting.team_ids)


def _scoped(user: Any, rows: QuerySet[Handover]) -> QuerySet[Handover]:
    authority_id = _authority_id(user)
    if authority_id is None:
        return rows.none()
    return rows.filter(authority_id=authority_id, child__in=persons_visible_to(user))


def handovers_awaiting_acceptance(*, user: Any) -> QuerySet[Handover]:
    """Handovers sent to the user's teams, waiting for an answer: oldest first."""
    rows = _scoped(user, Handover.objects.filter(response=""))
    team_ids = _my_team_ids(user)
    if team_ids is not None:
        rows = rows.filter(to_team_id__in=team_ids)
    return rows.select_related(
        "child", "from_team", "to_team", "sent_by", "acceptance_deadline"
    ).order_by("acceptance_deadline__due_on", "sent_at")


def handovers_returned(*, user: Any, since: datetime) -> QuerySet[Handover]:
    """Handovers the user's teams sent that came back, with the reasons: newest first."""
    rows = _scoped(
        user, Handover.objects.filter(response=Response.RETURNED, responded_at__gte=since)
    )
    team_ids = _my_team_ids(user)
    if team_ids is not None:
        rows = rows.filter(from_team_id__in=team_ids)
    return rows.select_related("child", "from_team", "to_team", "responded_by").order_by(
        "-responded_at"
    )


def handovers_sent_between(*, user: Any, since: datetime, until: datetime) -> QuerySet[Handover]:
    """Handovers sent in a period, council-wide (for reports), about children the user may see."""
    return _scoped(user, Handover.objects.filter(sent_at__gte=since, sent_at__lt=until))


def handover_get_for_user(*, user: Any, handover_id: uuid.UUID | str) -> Handover:
    try:
        return (
            _scoped(user, Handover.objects.all())
            .select_related(
                "child",
                "from_team",
                "to_team",
                "sent_by",
                "responded_by",
                "acceptance_deadline",
                "authority",
            )
            .get(pk=handover_id)
        )
    except (Handover.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def early_help_teams(*, authority_id: uuid.UUID) -> QuerySet[Team]:
    return Team.objects.filter(
        authority_id=authority_id, kind=TeamKind.EARLY_HELP, closed_on__isnull=True
    ).order_by("name_en")

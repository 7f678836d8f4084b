"""Reads of deadlines, scoped to the acting council and to restricted records."""

import uuid
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from gofal.authorities.models import Role
from gofal.timescales.models import Deadline


def _acting(user: Any) -> Any:
    return getattr(user, "acting", None)


def deadlines_visible_to(user: Any) -> QuerySet[Deadline]:
    """Every deadline this user may see in the council they act for.

    A restricted child's deadlines are seen only by the worker responsible and privacy officers.
    """
    acting = _acting(user)
    if acting is None or acting.authority is None:
        return Deadline.objects.none()
    rows = Deadline.objects.filter(authority=acting.authority)
    if not acting.has_role(Role.PRIVACY_OFFICER):
        rows = rows.filter(Q(child__restricted=False) | Q(worker=user))
    return rows


def deadline_get_for_user(*, user: Any, deadline_id: uuid.UUID | str) -> Deadline:
    """One deadline, or Http404 whether it does not exist or the user may not see it."""
    try:
        return (
            deadlines_visible_to(user)
            .select_related("rule", "rule_version", "local_standard", "child", "worker", "team")
            .get(pk=deadline_id)
        )
    except (Deadline.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

"""Reads of early help records, scoped to the council the user acts for."""

import uuid
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gofal.early_help.models import Service, funded_on


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

"""Changes to early help records, audited."""

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gofal.audit import services as audit
from gofal.authorities.models import Authority, User
from gofal.early_help.models import Service

SERVICE_FIELDS = (
    "name_en",
    "name_cy",
    "description_en",
    "description_cy",
    "provider",
    "eligibility",
    "area",
    "contact",
    "funding_source",
    "funding_ends_on",
)


@transaction.atomic
def service_add(
    *,
    authority: Authority,
    values: dict[str, Any],
    added_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> Service:
    """Add a service to the council's directory (once per form, whatever the clicks)."""
    if form_token is not None:
        existing = Service.objects.filter(form_token=form_token, authority=authority).first()
        if existing is not None:
            return existing
    if Service.objects.filter(authority=authority, name_en=values["name_en"].strip()).exists():
        raise ValidationError({"name_en": _("A service with this name is already listed")})
    try:
        with transaction.atomic():
            service = Service.objects.create(
                authority=authority,
                form_token=form_token,
                **{name: values.get(name) for name in SERVICE_FIELDS},
            )
    except IntegrityError:
        return Service.objects.get(form_token=form_token, authority=authority)
    audit.record_create(actor=added_by, obj=service, detail={"name": service.name_en})
    return service

"""Changes to quality records. Each validates, writes and audits in a transaction."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gofal.audit import services as audit
from gofal.authorities.models import User
from gofal.people.models import Person
from gofal.quality.models import OversightEntry, OversightKind


@transaction.atomic
def oversight_record(
    *,
    child: Person,
    kind: str,
    decided_on: date,
    decision: str,
    rationale: str,
    recorded_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> OversightEntry:
    """Record a manager's decision on a child's case, with the rationale.

    Submitting the same form twice (same token) records it once.
    """
    if form_token is not None:
        existing = OversightEntry.objects.filter(form_token=form_token, child=child).first()
        if existing is not None:
            return existing
    errors: dict[str, str] = {}
    if kind not in OversightKind.values:
        errors["kind"] = _("Select the kind of decision")
    if decided_on > as_of:
        errors["decided_on"] = _("The date of the decision must be today or in the past")
    if not decision.strip():
        errors["decision"] = _("Enter the decision")
    if not rationale.strip():
        errors["rationale"] = _("Enter the rationale: why you made this decision")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            entry = OversightEntry.objects.create(
                authority_id=child.authority_id,
                child=child,
                kind=kind,
                decided_on=decided_on,
                decision=decision.strip(),
                rationale=rationale.strip(),
                recorded_by=recorded_by,
                form_token=form_token,
            )
    except IntegrityError:
        return OversightEntry.objects.get(form_token=form_token, child=child)
    audit.record_create(actor=recorded_by, obj=entry, detail={"kind": kind})
    return entry

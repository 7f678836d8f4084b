"""Factories for front-door records. Contacts made here go through the service, so each child
gets the decision clock exactly as in use."""

import uuid
from datetime import datetime
from typing import Any

from django.utils import timezone

from gofal.authorities.models import Authority, Team, User
from gofal.front_door import services
from gofal.front_door.models import Channel, Consent, Contact, Source, Urgency
from gofal.people.models import Person


def contact_details(**overrides: Any) -> services.ContactDetails:
    values: dict[str, Any] = {
        "received_at": timezone.now(),
        "channel": Channel.PHONE,
        "source": Source.POLICE,
        "concerns": "Police attended a domestic incident; the child was in the house.",
        "consent": Consent.OBTAINED,
        "urgency": Urgency.TODAY,
        "referrer_name": "PC Dafydd Rees",
        "referrer_organisation": "Heddlu Gwent Police",
        "referrer_email": "dafydd.rees@example.org",
    }
    values.update(overrides)
    return services.ContactDetails(**values)


def make_contact(
    *,
    children: list[Person],
    by: User,
    authority: Authority | None = None,
    team: Team | None = None,
    received_at: datetime | None = None,
    adults: list[Person] | None = None,
    unidentified_reason: str = "",
    now: datetime | None = None,
    **details: Any,
) -> Contact:
    authority = authority or (children[0].authority if children else None)
    assert authority is not None
    received_at = received_at or timezone.now()
    return services.contact_record(
        authority=authority,
        details=contact_details(received_at=received_at, **details),
        children=children,
        adults=adults or [],
        unidentified_reason=unidentified_reason,
        team=team,
        recorded_by=by,
        form_token=uuid.uuid4(),
        now=now or max(received_at, timezone.now()),
    )

"""Contacts in a child's chronology: one query, whatever the size of the record."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gofal.casework.chronology import ChronologyEntry
from gofal.front_door.models import ContactPerson, CouncilNotification
from gofal.people.models import Person


def contact_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = ContactPerson.objects.filter(
        person=child, authority_id=child.authority_id
    ).select_related("contact", "contact__recorded_by", "contact__decision")
    for row in rows:
        contact = row.contact
        decision = getattr(contact, "decision", None)
        summary = Truncator(contact.concerns).words(40)
        if decision is not None:
            summary = _("Outcome: %(outcome)s. %(concerns)s") % {
                "outcome": decision.get_outcome_display(),
                "concerns": summary,
            }
        yield ChronologyEntry(
            kind="contact",
            occurred_on=contact.received_at.date(),
            occurred_at=contact.received_at,
            title=_("Contact from %(source)s (%(channel)s)")
            % {"source": contact.get_source_display(), "channel": contact.get_channel_display()},
            summary=summary,
            by=str(contact.recorded_by),
            href=reverse("front_door:contact_detail", args=[contact.pk]),
            tag=_("Front door"),
            key=str(row.pk),
        )


def notification_entries(*, child: Person) -> Iterable[ChronologyEntry]:
    rows = CouncilNotification.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("recorded_by")
    for row in rows:
        yield ChronologyEntry(
            kind="council_notification",
            occurred_on=row.received_on,
            title=_("Notification from %(council)s: %(kind)s")
            % {"council": row.from_council, "kind": row.get_kind_display()},
            summary=Truncator(row.details).words(40),
            by=str(row.recorded_by),
            href=reverse("front_door:person_contacts", args=[child.pk]),
            tag=_("Another council"),
            key=str(row.pk),
        )

"""Reads of quality records, for a child already fetched with `person_get_for_user`."""

from django.db.models import QuerySet

from gofal.people.models import Person
from gofal.quality.models import OversightEntry


def oversight_for_child(*, child: Person) -> QuerySet[OversightEntry]:
    return OversightEntry.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("recorded_by")

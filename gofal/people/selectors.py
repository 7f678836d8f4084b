"""Reads of people, always scoped to the acting council and to restricted-record access."""

import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gofal.people.models import Person


def persons_visible_to(user: Any) -> QuerySet[Person]:
    """Every person this user may see in the council they are acting for."""
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return Person.objects.none()
    return Person.objects.filter(authority=acting.authority)


def person_get_for_user(*, user: Any, person_id: uuid.UUID | str) -> Person:
    """One person, or Http404 whether it does not exist or the user may not see it."""
    try:
        return persons_visible_to(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

"""Where each child stands in the other areas of practice, for pages that show it for several
children at once (the front door's history panel).

An area of practice that holds a status registers a provider for its topic in its
AppConfig.ready():

    from gofal.casework.statuses import Topic, register_status_provider
    register_status_provider(Topic.REGISTER, registrations_current)

A provider takes the children's ids and the day, and returns each child's current statuses,
in a fixed number of queries whatever the number of children. Pages list every topic: with no
provider registered for a topic the page says the status is not held in Gofal, rather than
implying there is none.
"""

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    REGISTER = "register", _("Child protection register")
    LOOKED_AFTER = "looked_after", _("Looked after")


@dataclass(frozen=True)
class ChildStatus:
    label: str  # "On the child protection register: neglect"
    since: date | None = None
    detail: str = ""
    href: str = ""


StatusProvider = Callable[[Sequence[uuid.UUID], date], Mapping[uuid.UUID, Sequence[ChildStatus]]]
_PROVIDERS: dict[str, list[StatusProvider]] = {}


def register_status_provider(topic: str, provider: StatusProvider) -> StatusProvider:
    """Add a provider for a topic. Registering the same one twice is harmless."""
    providers = _PROVIDERS.setdefault(str(topic), [])
    if provider not in providers:
        providers.append(provider)
    return provider


def unregister_status_provider(topic: str, provider: StatusProvider) -> None:
    if provider in _PROVIDERS.get(str(topic), []):
        _PROVIDERS[str(topic)].remove(provider)


def has_provider(topic: str) -> bool:
    return bool(_PROVIDERS.get(str(topic)))


def statuses_for(
    *, topic: str, child_ids: Sequence[uuid.UUID], as_of: date
) -> dict[uuid.UUID, list[ChildStatus]]:
    """Each child's statuses on a topic from every registered provider."""
    found: dict[uuid.UUID, list[ChildStatus]] = {pk: [] for pk in child_ids}
    if not child_ids:
        return found
    for provider in _PROVIDERS.get(str(topic), []):
        for pk, rows in provider(child_ids, as_of).items():
            found.setdefault(pk, []).extend(rows)
    return found

"""Reads of front-door records, scoped to the council the user acts for and the children they
may see: a contact about a child the user may not see is not found, like a missing one."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from gofal.authorities.models import Team, TeamKind
from gofal.casework import selectors as casework_selectors
from gofal.casework import statuses as child_statuses
from gofal.casework.models import Allocation, Involvement
from gofal.front_door.models import (
    PROFESSIONAL_SOURCES,
    Contact,
    ContactPerson,
    CouncilNotification,
    DisagreementStep,
    Feedback,
    FeedbackKind,
    PersonRole,
    ThresholdDecision,
    ThresholdDescriptor,
    ThresholdLevel,
)
from gofal.people.models import Person, Relationship, Warning
from gofal.people.presenters import Badge, provider_badges
from gofal.people.selectors import persons_visible_to, warnings_current

REPEAT_WINDOW_DAYS = 365
REPEAT_AT = 3  # the third contact about a child in 12 months is a repeat


def _authority_id(user: Any) -> uuid.UUID | None:
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None:
        return None
    return acting.authority.pk


def contacts_visible_to(user: Any) -> QuerySet[Contact]:
    """Contacts of the acting council about no one this user may not see."""
    authority_id = _authority_id(user)
    if authority_id is None:
        return Contact.objects.none()
    # Correlated on each person's key (an index lookup a person), not `person__in` the whole
    # council's visible people, which PostgreSQL would build as a hash of every person first.
    hidden = ContactPerson.objects.filter(contact=OuterRef("pk")).exclude(
        Exists(persons_visible_to(user).filter(pk=OuterRef("person_id")))
    )
    return Contact.objects.filter(authority_id=authority_id).filter(~Exists(hidden))


def _people_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "persons",
        queryset=ContactPerson.objects.select_related("person", "decision_deadline").order_by(
            "role", "created_at"
        ),
    )


def _everyone_visible(user: Any, *, rows: list[ContactPerson], authority_id: uuid.UUID) -> bool:
    """Whether the user may see every person on a contact, as `contacts_visible_to` decides it.

    Everyone acting for a council may see its people who are not restricted, so only the
    restricted ones are asked of `persons_visible_to` (one query, and none when the contact
    has no restricted person): compiling the whole visibility subquery into the contact's own
    query cost more than the contact's other queries together.
    """
    if any(row.person.authority_id != authority_id for row in rows):
        return False
    restricted = {row.person_id for row in rows if row.person.restricted}
    if not restricted:
        return True
    return persons_visible_to(user).filter(pk__in=restricted).count() == len(restricted)


def contact_get_for_user(*, user: Any, contact_id: uuid.UUID | str) -> Contact:
    """One contact with its people, feedback and decision (with the decision's descriptors,
    services and any disagreement with it), or Http404 (missing and forbidden alike): a
    contact of another council, or about anyone the user may not see, is not found."""
    authority_id = _authority_id(user)
    if authority_id is None:
        raise Http404
    try:
        contact = (
            Contact.objects.filter(authority_id=authority_id)
            .select_related(
                "team",
                "decision",
                "decision__level",
                "decision__decided_by",
                "decision__authorised_by",
                "decision__early_help_team",
                "decision__involvement_team",
                "authority",
            )
            .prefetch_related(_people_prefetch())
            .get(pk=contact_id)
        )
    except (Contact.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
    if not _everyone_visible(user, rows=list(contact.persons.all()), authority_id=authority_id):
        raise Http404
    related: list[Any] = [Prefetch("feedback", queryset=Feedback.objects.select_related("sent_by"))]
    if getattr(contact, "decision", None) is not None:  # nothing to disagree with before
        related += [
            "decision__descriptors",
            "decision__services",
            Prefetch(
                "disagreement", queryset=DisagreementStep.objects.select_related("recorded_by")
            ),
        ]
    prefetch_related_objects([contact], *related)
    return contact


def contacts_awaiting_decision(*, user: Any) -> QuerySet[Contact]:
    """Contacts with a child identified and no decision yet, oldest first (the front door's
    queue; each child's clock comes with it)."""
    return (
        contacts_visible_to(user)
        .filter(decision__isnull=True, child_identified_at__isnull=False)
        .select_related("team")
        .prefetch_related(_people_prefetch())
        .order_by("received_at")
    )


def contacts_child_unidentified(*, user: Any) -> QuerySet[Contact]:
    """Contacts recorded with no child identified: listed until one is added."""
    return (
        contacts_visible_to(user)
        .filter(child_identified_at__isnull=True)
        .select_related("team")
        .order_by("received_at")
    )


def decisions_awaiting_authorisation(*, user: Any) -> QuerySet[ThresholdDecision]:
    return (
        ThresholdDecision.objects.filter(
            contact__in=contacts_visible_to(user),
            level__requires_authorisation=True,
            authorised_at__isnull=True,
        )
        .select_related("contact", "level", "decided_by")
        .prefetch_related(
            Prefetch(
                "contact__persons",
                queryset=ContactPerson.objects.filter(role=PersonRole.CHILD).select_related(
                    "person"
                ),
            )
        )
        .order_by("decided_at")
    )


def confirmations_outstanding(*, user: Any) -> QuerySet[Contact]:
    """Telephone reports from practitioners still awaiting their written confirmation."""
    return (
        contacts_visible_to(user)
        .filter(confirmation_due_at__isnull=False, confirmation_received_at__isnull=True)
        .order_by("confirmation_due_at")
    )


def contacts_for_person(*, user: Any, person: Person) -> QuerySet[Contact]:
    return (
        contacts_visible_to(user)
        .filter(persons__person=person)
        .select_related("decision", "decision__level")
        .order_by("-received_at")
        .distinct()
    )


def relationships_among(*, people: list[Person]) -> dict[tuple[uuid.UUID, uuid.UUID], str]:
    """Open relationships already recorded between these people (one query): (person,
    related) -> what `related` is to `person`, as shown."""
    ids = [p.pk for p in people]
    if len(ids) < 2:
        return {}
    rows = Relationship.objects.filter(
        person_id__in=ids, related_id__in=ids, ended_on__isnull=True
    ).only("person_id", "related_id", "kind")
    return {(r.person_id, r.related_id): r.get_kind_display() for r in rows}


# --- Threshold framework ---------------------------------------------------------------------


def threshold_levels(*, authority_id: uuid.UUID) -> list[ThresholdLevel]:
    """The council's own framework if it has one, otherwise the default (two queries)."""
    levels = ThresholdLevel.objects.filter(active=True).prefetch_related(
        Prefetch(
            "descriptors",
            queryset=ThresholdDescriptor.objects.filter(active=True).order_by("order", "text_en"),
        )
    )
    own = list(levels.filter(authority_id=authority_id).order_by("order"))
    if own:
        return own
    return list(levels.filter(authority__isnull=True).order_by("order"))


def _successor_id(model: type[Any], row_id: uuid.UUID) -> uuid.UUID | None:
    """The row that now stands for a retired one (following `replaces` on), if any."""
    seen = {row_id}
    while found := model.objects.filter(replaces_id=row_id).values_list("pk", flat=True).first():
        if found in seen:
            return None
        seen.add(found)
        row_id = found
    return row_id if len(seen) > 1 else None


def threshold_level_for_edit(*, authority_id: uuid.UUID, level_id: uuid.UUID) -> ThresholdLevel:
    """A level of the framework the council uses now (its own, or the default), or 404.

    A level someone changed while it was open (retired and replaced, because decisions relied
    on it) answers with its replacement, whose version has moved on: the edit conflict shows
    both versions instead of losing what was typed."""
    levels = threshold_levels(authority_id=authority_id)
    wanted = {level_id, _successor_id(ThresholdLevel, level_id)}
    for level in levels:
        if level.pk in wanted:
            return level
    raise Http404


def threshold_descriptor_for_edit(
    *, authority_id: uuid.UUID, descriptor_id: uuid.UUID
) -> ThresholdDescriptor:
    """A descriptor of the framework in use, or its replacement (as for levels), or 404."""
    wanted = {descriptor_id, _successor_id(ThresholdDescriptor, descriptor_id)}
    for level in threshold_levels(authority_id=authority_id):
        for descriptor in level.descriptors.all():
            if descriptor.pk in wanted:
                return descriptor
    raise Http404


def framework_is_default(*, authority_id: uuid.UUID) -> bool:
    return not ThresholdLevel.objects.filter(authority_id=authority_id).exists()


# --- History panel ---------------------------------------------------------------------------


def notifications_for_child(*, child: Person) -> QuerySet[CouncilNotification]:
    """Notifications from other councils about a child the caller has already found (scoped)."""
    return CouncilNotification.objects.filter(
        child=child, authority_id=child.authority_id
    ).select_related("recorded_by")


@dataclass
class TopicStatus:
    """One status topic in the history check (on the register, looked after): what the area
    that holds it says, and what other councils told us."""

    topic: str
    label: str
    held: bool  # an area of practice in Gofal holds this status
    statuses: list[child_statuses.ChildStatus] = field(default_factory=list)
    notified: list[CouncilNotification] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EarlierContact:
    """An earlier contact about a child, as the history check lists it."""

    contact_id: uuid.UUID
    received_at: datetime
    source: str
    outcome: str | None  # the decision's outcome; None if not decided yet


@dataclass
class ChildHistory:
    row: ContactPerson
    previous: list[EarlierContact] = field(default_factory=list)  # newest first
    contacts_in_year: int = 1
    involvement: Involvement | None = None
    allocation: Allocation | None = None
    warnings: list[Warning] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    notifications: list[CouncilNotification] = field(default_factory=list)
    topics: list[TopicStatus] = field(default_factory=list)

    @property
    def person(self) -> Person:
        return self.row.person

    @property
    def is_repeat(self) -> bool:
        return self.contacts_in_year >= REPEAT_AT


def contact_history(*, contact: Contact, as_of: date) -> list[ChildHistory]:
    """For each child on the contact: earlier contacts (with the repeat flag), the open
    involvement and worker, warnings, register and looked-after status (from the areas that
    hold them, through `gofal.casework.statuses`), and notifications from other councils.
    A fixed number of queries (one more for each badge provider), whatever the number of
    children and the size of their records."""
    children = [row for row in contact.persons.all() if row.role == PersonRole.CHILD]
    if not children:
        return []
    ids = [row.person_id for row in children]
    # Plain values, not model instances: a child can have many earlier contacts.
    earlier = (
        ContactPerson.objects.filter(
            person_id__in=ids,
            authority_id=contact.authority_id,
            contact__received_at__lt=contact.received_at,
        )
        .exclude(contact=contact)
        .order_by("-contact__received_at")
        .values_list(
            "person_id",
            "contact_id",
            "contact__received_at",
            "contact__source",
            "contact__decision__id",
            "contact__decision__outcome",
        )
    )
    by_child: dict[uuid.UUID, list[EarlierContact]] = {}
    for person_id, contact_id, received_at, source, decision_id, outcome in earlier:
        by_child.setdefault(person_id, []).append(
            EarlierContact(
                contact_id=contact_id,
                received_at=received_at,
                source=source,
                outcome=outcome if decision_id is not None else None,
            )
        )
    warnings: dict[uuid.UUID, list[Warning]] = {}
    for warning in warnings_current(Warning.objects.filter(person_id__in=ids), as_of=as_of):
        warnings.setdefault(warning.person_id, []).append(warning)
    notified: dict[uuid.UUID, list[CouncilNotification]] = {}
    for notification in CouncilNotification.objects.filter(
        child_id__in=ids, authority_id=contact.authority_id
    ).order_by("-received_on", "-recorded_at"):
        notified.setdefault(notification.child_id, []).append(notification)
    held = {
        topic: child_statuses.statuses_for(topic=topic, child_ids=ids, as_of=as_of)
        for topic in child_statuses.Topic.values
        if child_statuses.has_provider(topic)
    }
    involvements, allocations = casework_selectors.current_for_children(
        authority_id=contact.authority_id, child_ids=ids
    )
    badges = provider_badges([row.person for row in children], as_of=as_of)
    year_ago = contact.received_at - timedelta(days=REPEAT_WINDOW_DAYS)
    history = []
    for row in children:
        previous = by_child.get(row.person_id, [])
        history.append(
            ChildHistory(
                row=row,
                previous=previous,
                contacts_in_year=1 + sum(1 for p in previous if p.received_at >= year_ago),
                involvement=involvements.get(row.person_id),
                allocation=allocations.get(row.person_id),
                warnings=warnings.get(row.person_id, []),
                badges=badges.get(row.person_id, []),
                notifications=notified.get(row.person_id, []),
                topics=[
                    TopicStatus(
                        topic=topic,
                        label=str(label),
                        held=topic in held,
                        statuses=held.get(topic, {}).get(row.person_id, []),
                        notified=[n for n in notified.get(row.person_id, []) if n.topic == topic],
                    )
                    for topic, label in child_statuses.Topic.choices
                ],
            )
        )
    return history


# --- Teams -----------------------------------------------------------------------------------


def front_door_team_for(*, user: Any) -> Team | None:
    """The front-door team the user works in (contacts they record are received there)."""
    acting = getattr(user, "acting", None)
    if acting is None or not acting.team_ids:
        return None
    return (
        Team.objects.filter(pk__in=acting.team_ids, kind=TeamKind.FRONT_DOOR)
        .order_by("name_en")
        .first()
    )


def teams_of_kind(*, authority_id: uuid.UUID, kind: str) -> QuerySet[Team]:
    return casework_selectors.teams_of_council(authority_id=authority_id).filter(kind=kind)


# --- Feedback --------------------------------------------------------------------------------


def feedback_outstanding(*, user: Any, team_id: uuid.UUID | None = None) -> QuerySet[Contact]:
    """Professional referrals still owed an acknowledgement, or an outcome once decided."""
    sent = Feedback.objects.filter(contact=OuterRef("pk"))
    decided = Q(decision__isnull=False) & (
        Q(decision__level__requires_authorisation=False) | Q(decision__authorised_at__isnull=False)
    )
    rows = (
        contacts_visible_to(user)
        .filter(source__in=PROFESSIONAL_SOURCES)
        .annotate(
            acknowledged=Exists(sent.filter(kind=FeedbackKind.ACKNOWLEDGEMENT)),
            outcome_sent=Exists(sent.filter(kind=FeedbackKind.OUTCOME)),
        )
        .filter(Q(acknowledged=False) | (decided & Q(outcome_sent=False)))
        .select_related("team", "decision")
        .order_by("received_at")
    )
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    return rows

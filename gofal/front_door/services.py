"""Changes to front-door records. Each validates, writes, keeps the clocks and audits."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gofal.audit import services as audit
from gofal.authorities.models import Authority, Team, User
from gofal.authorities.records import EditConflict, save_versioned
from gofal.casework import selectors as casework_selectors
from gofal.casework import services as casework
from gofal.early_help.models import Service
from gofal.front_door.models import (
    OPENS_INVOLVEMENT,
    OUTCOME_REQUIRES,
    PROFESSIONAL_SOURCES,
    Channel,
    Consent,
    Contact,
    ContactPerson,
    CouncilNotification,
    NotificationKind,
    Outcome,
    PersonRole,
    ThresholdDecision,
    ThresholdDescriptor,
    ThresholdLevel,
)
from gofal.people import services as people
from gofal.people.models import Person, Relationship
from gofal.timescales import services as timescales

SOURCE_TYPE = "front_door.contact"
CONFIRMATION_HOURS = 24


@dataclass
class ContactDetails:
    """What the referrer told us (the contact form's fields, parsed)."""

    received_at: datetime
    channel: str
    source: str
    concerns: str
    consent: str
    urgency: str
    concern_categories: list[str] = field(default_factory=list)
    consent_reason: str = ""
    child_said: str = ""
    referrer_name: str = ""
    referrer_organisation: str = ""
    referrer_role: str = ""
    referrer_phone: str = ""
    referrer_email: str = ""
    referrer_address: str = ""
    referrer_language: str = "en"


@dataclass(frozen=True)
class FamilyLink:
    """`related` is `person`'s `kind` (a parent, a sibling), as the worker chose it."""

    person: Person
    related: Person
    kind: str


def _link_family(
    *, contact: Contact, links: Sequence[FamilyLink], recorded_by: User, now: datetime
) -> None:
    """Record each chosen relationship both ways, unless the two are already linked."""
    on_contact = {row.person_id for row in ContactPerson.objects.filter(contact=contact)}
    day = timezone.localdate(now)
    for link in links:
        if not {link.person.pk, link.related.pk} <= on_contact:
            raise ValidationError(_("Only people on the contact can be linked to each other"))
        already = Relationship.objects.filter(
            person__in=(link.person, link.related),
            related__in=(link.person, link.related),
            ended_on__isnull=True,
        ).exists()
        if already:
            continue
        people.relationship_create(
            person=link.person,
            related=link.related,
            kind=link.kind,
            related_has_parental_responsibility=False,
            person_has_parental_responsibility=False,
            started_on=None,
            recorded_by=recorded_by,
            as_of=day,
            description=_("Recorded with the contact of %(date)s")
            % {"date": timezone.localtime(contact.received_at).strftime("%d/%m/%Y")},
        )


def _check_details(details: ContactDetails, *, now: datetime) -> dict[str, str]:
    errors: dict[str, str] = {}
    if details.received_at > now:
        if timezone.localdate(details.received_at) > timezone.localdate(now):
            errors["received_on"] = _("Date received must be today or in the past")
        else:
            errors["received_time"] = _("Time received must be now or in the past")
    if not details.concerns.strip():
        errors["concerns"] = _("Enter the concerns in the referrer’s words")
    if details.consent != Consent.OBTAINED and not details.consent_reason.strip():
        errors["consent_reason"] = _("Enter why consent was not obtained or not sought")
    if details.source in PROFESSIONAL_SOURCES and not details.referrer_name.strip():
        errors["referrer_name"] = _("Enter the referrer’s name")
    return errors


def _start_clock(*, contact: Contact, row: ContactPerson) -> None:
    deadline = timescales.deadline_start(
        rule_code="referral-decision",
        authority=contact.authority,
        child_id=row.person_id,
        started_at=contact.received_at,
        team=contact.team,
        source_type=SOURCE_TYPE,
        source_id=str(contact.pk),
    )
    row.decision_deadline = deadline
    row.save(update_fields=["decision_deadline"])


def _add_person(*, contact: Contact, person: Person, role: str, added_by: User) -> ContactPerson:
    if person.authority_id != contact.authority_id:
        raise ValidationError(_("Select a person recorded by this council"))
    try:
        with transaction.atomic():
            row = ContactPerson.objects.create(
                authority_id=contact.authority_id,
                contact=contact,
                person=person,
                role=role,
                added_by=added_by,
            )
    except IntegrityError:
        raise ValidationError(_("This person is already on the contact")) from None
    if role == PersonRole.CHILD and not hasattr(contact, "decision"):
        _start_clock(contact=contact, row=row)
    audit.record_create(actor=added_by, obj=row, detail={"contact": str(contact.pk), "role": role})
    return row


@transaction.atomic
def contact_record(
    *,
    authority: Authority,
    details: ContactDetails,
    children: Sequence[Person],
    adults: Sequence[Person] = (),
    family: Sequence[FamilyLink] = (),
    unidentified_reason: str = "",
    team: Team | None,
    recorded_by: User,
    form_token: uuid.UUID | None,
    now: datetime,
) -> Contact:
    """Record a contact and start each child's decision clock from the time it was received.

    A contact with no child identified is allowed only with the reason (it stays listed until
    a child is added). The people on it are linked as a family as the worker chose (`family`),
    both ways, without duplicating a relationship already recorded. Submitting the same form
    twice (same token) records it once.
    """
    if form_token is not None:
        existing = Contact.objects.filter(form_token=form_token, authority=authority).first()
        if existing is not None:
            return existing
    errors = _check_details(details, now=now)
    if not children and not unidentified_reason.strip():
        errors["unidentified_reason"] = _("Enter why the child is not yet identified")
    if errors:
        raise ValidationError(errors)
    telephone_report = details.channel == Channel.PHONE and details.source in PROFESSIONAL_SOURCES
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                authority=authority,
                team=team,
                recorded_by=recorded_by,
                form_token=form_token,
                unidentified_reason="" if children else unidentified_reason.strip(),
                child_identified_at=now if children else None,
                confirmation_due_at=(
                    details.received_at + timedelta(hours=CONFIRMATION_HOURS)
                    if telephone_report
                    else None
                ),
                **{
                    **details.__dict__,
                    "consent_reason": ""
                    if details.consent == Consent.OBTAINED
                    else details.consent_reason.strip(),
                },
            )
    except IntegrityError:
        return Contact.objects.get(form_token=form_token, authority=authority)
    audit.record_create(
        actor=recorded_by,
        obj=contact,
        detail={"source": details.source, "channel": details.channel, "children": len(children)},
    )
    for child in children:
        _add_person(contact=contact, person=child, role=PersonRole.CHILD, added_by=recorded_by)
    for adult in adults:
        _add_person(contact=contact, person=adult, role=PersonRole.ADULT, added_by=recorded_by)
    _link_family(contact=contact, links=family, recorded_by=recorded_by, now=now)
    return contact


@transaction.atomic
def contact_add_person(
    *, contact: Contact, person: Person, role: str, added_by: User, now: datetime
) -> ContactPerson:
    """Add a child or adult. The first child identifies the contact's child and starts the
    decision clock, still from the time the contact was received."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    row = _add_person(contact=contact, person=person, role=role, added_by=added_by)
    if role == PersonRole.CHILD and contact.child_identified_at is None:
        contact.child_identified_at = now
        contact.version += 1
        contact.save(update_fields=["child_identified_at", "version"])
        audit.record_update(
            actor=added_by, obj=contact, changes={"child_identified_at": [None, now.isoformat()]}
        )
    return row


@transaction.atomic
def contact_link_family(
    *, contact: Contact, links: Sequence[FamilyLink], by: User, now: datetime
) -> None:
    """Say how the people on a contact are related after it was recorded (for people added
    later): each answer recorded both ways, never duplicating a relationship."""
    _link_family(contact=contact, links=links, recorded_by=by, now=now)


@transaction.atomic
def contact_confirmation_receive(
    *, contact: Contact, expected_version: int, received_at: datetime, by: User, now: datetime
) -> Contact:
    """The referrer's written confirmation of a telephone report has arrived."""
    if contact.confirmation_received_at is not None:
        raise ValidationError(_("The written confirmation has already been recorded."))
    if received_at > now:
        raise ValidationError({"received_on": _("Date received must be today or in the past")})
    if received_at < contact.received_at:
        raise ValidationError(
            {"received_on": _("Date received must be on or after the contact was received")}
        )
    changes = save_versioned(
        contact,
        expected_version=expected_version,
        changes={"confirmation_received_at": received_at},
    )
    audit.record_update(actor=by, obj=contact, changes=changes)
    return contact


# ---------------------------------------------------------------------------------------------
# Threshold decision


@dataclass
class DecisionDetails:
    level: ThresholdLevel
    reasons: str
    corroboration: str
    child_perspective: str
    outcome: str
    descriptors: list[ThresholdDescriptor] = field(default_factory=list)
    what_matters: str = ""
    services: list[Service] = field(default_factory=list)
    early_help_team: Team | None = None
    involvement_team: Team | None = None
    involvement_reason: str = ""
    family_told: str = ""


MISSING = {
    "what_matters": gettext_lazy("Enter what was said in the ‘what matters’ conversation"),
    "services": gettext_lazy("Select the services the family was signposted to"),
    "early_help_team": gettext_lazy("Select the early help team"),
    "involvement_team": gettext_lazy("Select the team that will do the work"),
    "involvement_reason": gettext_lazy("Select the reason for the council’s involvement"),
    "family_told": gettext_lazy("Enter what the family was told and advised"),
}


def _check_outcome(contact: Contact, details: DecisionDetails, now: datetime) -> dict[str, str]:
    """The details each outcome needs (OUTCOME_REQUIRES), and that what was chosen is usable."""
    errors: dict[str, str] = {}
    for name in OUTCOME_REQUIRES.get(details.outcome, ()):
        value = getattr(details, name)
        if not value or (isinstance(value, str) and not value.strip()):
            errors[name] = str(MISSING[name])
    day = timezone.localdate(now)
    if any(not s.funded_on(day) for s in details.services):
        errors["services"] = _("A service whose funding has ended cannot be chosen")
    if any(s.authority_id != contact.authority_id for s in details.services):
        errors["services"] = _("Select services from this council’s directory")
    for team_field in ("early_help_team", "involvement_team"):
        team = getattr(details, team_field)
        if team is not None and team.authority_id != contact.authority_id:
            errors[team_field] = _("Select a team of this council")
    return errors


def _check_decision(
    contact: Contact, details: DecisionDetails, children: list[ContactPerson], now: datetime
) -> None:
    errors: dict[str, str] = {}
    if not children:
        raise ValidationError(_("Identify the child before recording a decision."))
    if details.level.authority_id not in (None, contact.authority_id):
        errors["level"] = _("Select a level of this council’s threshold framework")
    if not details.level.active:
        errors["level"] = _("Select a level of this council’s threshold framework")
    if any(d.level_id != details.level.pk or not d.active for d in details.descriptors):
        errors["descriptors"] = _("Select descriptors of the level you chose")
    if not details.reasons.strip():
        errors["reasons"] = _("Enter the reasons for the decision")
    if not details.corroboration.strip():
        errors["corroboration"] = _(
            "Enter what corroboration was sought, beyond the parent’s account"
        )
    if not details.child_perspective.strip():
        errors["child_perspective"] = _(
            "Enter the child’s perspective, or why it could not be sought"
        )
    errors.update(_check_outcome(contact, details, now))
    if errors:
        raise ValidationError(errors)


def _carry_out(*, decision: ThresholdDecision, children: list[ContactPerson], by: User) -> None:
    """The decision takes effect: meet each child's decision clock, open the work it starts."""
    contact = decision.contact
    met_at = decision.authorised_at or decision.decided_at
    context = timescales.Context.for_authority(contact.authority)
    for row in children:
        if row.decision_deadline is not None and row.decision_deadline.is_open:
            timescales.deadline_meet(
                deadline=row.decision_deadline,
                met_at=met_at,
                source_type=SOURCE_TYPE,
                source_id=str(contact.pk),
                context=context,
            )
        if decision.outcome not in OPENS_INVOLVEMENT:
            continue
        team = decision.involvement_team
        assert team is not None
        if casework_selectors.involvement_current(child=row.person) is None:
            casework.involvement_start(
                child=row.person,
                team=team,
                started_on=timezone.localdate(met_at),
                reason=decision.involvement_reason,
                reason_detail=_("From the front door decision on the contact of %(date)s")
                % {"date": timezone.localtime(contact.received_at).strftime("%d/%m/%Y")},
                started_by=by,
                as_of=timezone.localdate(met_at),
            )
        if decision.outcome == Outcome.ASSESSMENT:
            timescales.deadline_start(
                rule_code="assessment",
                authority=contact.authority,
                child_id=row.person_id,
                started_at=contact.received_at,
                team=team,
                source_type=SOURCE_TYPE,
                source_id=str(contact.pk),
                context=context,
            )
        else:
            timescales.deadline_start(
                rule_code="strategy-discussion",
                authority=contact.authority,
                child_id=row.person_id,
                started_at=met_at,
                team=team,
                source_type=SOURCE_TYPE,
                source_id=str(contact.pk),
                context=context,
            )


def _children(contact: Contact) -> list[ContactPerson]:
    return list(
        ContactPerson.objects.filter(contact=contact, role=PersonRole.CHILD).select_related(
            "person", "decision_deadline"
        )
    )


@transaction.atomic
def threshold_decision_record(
    *,
    contact: Contact,
    details: DecisionDetails,
    decided_by: User,
    may_authorise: bool,
    form_token: uuid.UUID | None,
    now: datetime,
) -> ThresholdDecision:
    """Record the decision on a contact against the council's threshold framework.

    At a level that needs a manager's authorisation, a decision by someone who may not
    authorise waits for it; otherwise it takes effect at once: the decision clocks are met and
    an assessment or strategy discussion opens an involvement and starts its own clock.
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    existing = ThresholdDecision.objects.filter(contact=contact).first()
    if existing is not None:
        if form_token is not None and str(existing.form_token) == str(form_token):
            return existing
        raise ValidationError(_("A decision has already been recorded on this contact."))
    children = _children(contact)
    _check_decision(contact, details, children, now)
    authorised = may_authorise or not details.level.requires_authorisation
    decision = ThresholdDecision.objects.create(
        authority_id=contact.authority_id,
        contact=contact,
        level=details.level,
        reasons=details.reasons.strip(),
        corroboration=details.corroboration.strip(),
        child_perspective=details.child_perspective.strip(),
        outcome=details.outcome,
        what_matters=details.what_matters.strip(),
        early_help_team=details.early_help_team,
        involvement_team=details.involvement_team if details.outcome in OPENS_INVOLVEMENT else None,
        involvement_reason=details.involvement_reason
        if details.outcome in OPENS_INVOLVEMENT
        else "",
        family_told=details.family_told.strip(),
        decided_by=decided_by,
        decided_at=now,
        authorised_by=decided_by if authorised and details.level.requires_authorisation else None,
        authorised_at=now if authorised and details.level.requires_authorisation else None,
        form_token=form_token,
    )
    decision.descriptors.set(details.descriptors)
    if details.outcome == Outcome.SIGNPOSTED:
        decision.services.set(details.services)
    audit.record_create(
        actor=decided_by,
        obj=decision,
        detail={
            "contact": str(contact.pk),
            "level": details.level.code,
            "outcome": details.outcome,
        },
    )
    if authorised:
        _carry_out(decision=decision, children=children, by=decided_by)
    return decision


@transaction.atomic
def threshold_decision_authorise(
    *, decision: ThresholdDecision, expected_version: int, authorised_by: User, now: datetime
) -> ThresholdDecision:
    """A manager authorises a decision at a level that needs it; then it takes effect."""
    if not decision.awaiting_authorisation:
        raise ValidationError(_("This decision does not need authorising."))
    changes = save_versioned(
        decision,
        expected_version=expected_version,
        changes={"authorised_by": authorised_by, "authorised_at": now},
    )
    audit.record_update(actor=authorised_by, obj=decision, changes=changes)
    _carry_out(decision=decision, children=_children(decision.contact), by=authorised_by)
    return decision


# ---------------------------------------------------------------------------------------------
# Notifications from other councils


@dataclass
class NotificationDetails:
    kind: str
    from_council: str
    received_on: date
    details: str
    their_contact: str = ""
    their_reference: str = ""
    applies_from: date | None = None


@transaction.atomic
def council_notification_record(
    *,
    child: Person,
    notification: NotificationDetails,
    recorded_by: User,
    form_token: uuid.UUID | None,
    now: datetime,
) -> CouncilNotification:
    """Record, on receipt, what another council told us about a child (on its child protection
    register and moving here, looked after by it and placed here, a transfer in). It shows in
    the front door's history check, the child's chronology and the child's contacts."""
    if form_token is not None:
        existing = CouncilNotification.objects.filter(
            form_token=form_token, authority_id=child.authority_id
        ).first()
        if existing is not None:
            return existing
    errors: dict[str, str] = {}
    if notification.kind not in NotificationKind.values:
        errors["kind"] = _("Select what the notification is about")
    if not notification.from_council.strip():
        errors["from_council"] = _("Enter the council that sent it")
    if notification.received_on > timezone.localdate(now):
        errors["received_on"] = _("Date received must be today or in the past")
    if not notification.details.strip():
        errors["details"] = _("Enter what the other council told us")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            row = CouncilNotification.objects.create(
                authority_id=child.authority_id,
                child=child,
                kind=notification.kind,
                from_council=notification.from_council.strip(),
                their_contact=notification.their_contact.strip(),
                their_reference=notification.their_reference.strip(),
                received_on=notification.received_on,
                applies_from=notification.applies_from,
                details=notification.details.strip(),
                recorded_by=recorded_by,
                recorded_at=now,
                form_token=form_token,
            )
    except IntegrityError:
        return CouncilNotification.objects.get(form_token=form_token)
    audit.record_create(
        actor=recorded_by,
        obj=row,
        detail={"kind": notification.kind, "from_council": row.from_council},
    )
    return row


# ---------------------------------------------------------------------------------------------
# The council's threshold framework


@dataclass
class LevelValues:
    name_en: str
    name_cy: str
    summary_en: str = ""
    summary_cy: str = ""
    order: int = 100
    requires_authorisation: bool = False


LEVEL_FIELDS = ("name_en", "name_cy", "summary_en", "summary_cy", "order", "requires_authorisation")


def _adopt_default(*, authority: Authority, by: User) -> dict[uuid.UUID, Any]:
    """Give the council its own copy of the default framework (the first time it edits it).
    Returns each default level's and descriptor's id mapped to the council's copy."""
    if ThresholdLevel.objects.filter(authority=authority).exists():
        return {}
    copies: dict[uuid.UUID, Any] = {}
    defaults = ThresholdLevel.objects.filter(authority__isnull=True, active=True).order_by("order")
    for level in defaults:
        own = ThresholdLevel.objects.create(
            authority=authority,
            code=level.code,
            **{name: getattr(level, name) for name in LEVEL_FIELDS},
        )
        copies[level.pk] = own
        audit.record_create(actor=by, obj=own, detail={"copied_from_default": level.code})
        for descriptor in ThresholdDescriptor.objects.filter(level=level, active=True):
            copy = ThresholdDescriptor.objects.create(
                level=own, text_en=descriptor.text_en, text_cy=descriptor.text_cy,
                order=descriptor.order,
            )  # fmt: skip
            copies[descriptor.pk] = copy
            audit.record_create(actor=by, obj=copy, detail={"level": own.code})
    return copies


def _check_level(values: LevelValues) -> None:
    errors: dict[str, str] = {}
    if not values.name_en.strip():
        errors["name_en"] = _("Enter the name in English")
    if not values.name_cy.strip():
        errors["name_cy"] = _("Enter the name in Welsh")
    if errors:
        raise ValidationError(errors)


def _unchanged_since(
    obj: ThresholdLevel | ThresholdDescriptor,
    expected_version: int | None,
    submitted: dict[str, Any],
) -> None:
    """Lock the stored row the form was built from; if someone saved it since (its version
    moved on), raise `EditConflict` with both versions. No version (a form from before the
    version was sent) checks nothing."""
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current=current, submitted=submitted)
    obj.version = current.version


def _relied_on_level(level: ThresholdLevel) -> bool:
    return ThresholdDecision.objects.filter(level=level).exists()


def _relied_on_descriptor(descriptor: ThresholdDescriptor) -> bool:
    return ThresholdDecision.descriptors.through.objects.filter(
        thresholddescriptor_id=descriptor.pk
    ).exists()


def _new_code(authority: Authority, name: str) -> str:
    base = (slugify(name).replace("-", "_") or "level")[:36]
    taken = set(
        ThresholdLevel.objects.filter(authority=authority, active=True).values_list(
            "code", flat=True
        )
    )
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


@transaction.atomic
def threshold_level_save(
    *,
    authority: Authority,
    level: ThresholdLevel | None,
    values: LevelValues,
    by: User,
    expected_version: int | None = None,
) -> ThresholdLevel:
    """Add a level to the council's framework, or change one.

    A level that decisions relied on is not changed: it is retired and replaced by a new row
    (same code, its descriptors carried over), so past decisions keep what they relied on.
    Raises `EditConflict` if someone saved the level after `expected_version`."""
    _check_level(values)
    cleaned = {
        **values.__dict__,
        **{
            k: getattr(values, k).strip()
            for k in ("name_en", "name_cy", "summary_en", "summary_cy")
        },
    }
    if level is not None:
        _unchanged_since(level, expected_version, cleaned)
    copies = _adopt_default(authority=authority, by=by)
    if level is None:
        created = ThresholdLevel.objects.create(
            authority=authority, code=_new_code(authority, values.name_en), **cleaned
        )
        audit.record_create(actor=by, obj=created, detail={"code": created.code})
        return created
    level = copies.get(level.pk, level)
    if level.authority_id != authority.pk or not level.active:
        raise ValidationError(_("Select a level of this council’s threshold framework"))
    changes = {k: [getattr(level, k), v] for k, v in cleaned.items() if getattr(level, k) != v}
    if not changes:
        return level
    level.version += 1
    if not _relied_on_level(level):
        for name, (_old, new) in changes.items():
            setattr(level, name, new)
        level.save(update_fields=[*changes, "version"])
        audit.record_update(actor=by, obj=level, changes=changes)
        return level
    level.active = False
    level.save(update_fields=["active", "version"])
    # the replacement carries the version on, so a form opened on the old row conflicts
    replacement = ThresholdLevel.objects.create(
        authority=authority, code=level.code, replaces=level, version=level.version, **cleaned
    )
    for descriptor in ThresholdDescriptor.objects.filter(level=level, active=True):
        ThresholdDescriptor.objects.create(
            level=replacement, text_en=descriptor.text_en, text_cy=descriptor.text_cy,
            order=descriptor.order, replaces=descriptor, version=descriptor.version + 1,
        )  # fmt: skip
    audit.record_update(actor=by, obj=level, changes={"active": [True, False]})
    audit.record_create(
        actor=by, obj=replacement, detail={"replaces": str(level.pk), "changes": list(changes)}
    )
    return replacement


@transaction.atomic
def threshold_level_retire(
    *, authority: Authority, level: ThresholdLevel, by: User, expected_version: int | None = None
) -> None:
    """Take a level out of the council's framework (decisions made at it keep it); not if
    someone saved it after `expected_version` (`EditConflict`)."""
    _unchanged_since(level, expected_version, {"active": False})
    copies = _adopt_default(authority=authority, by=by)
    level = copies.get(level.pk, level)
    if level.authority_id != authority.pk or not level.active:
        raise ValidationError(_("Select a level of this council’s threshold framework"))
    if ThresholdLevel.objects.filter(authority=authority, active=True).count() <= 1:
        raise ValidationError(_("The framework must keep at least one level"))
    level.active = False
    level.version += 1
    level.save(update_fields=["active", "version"])
    audit.record_update(actor=by, obj=level, changes={"active": [True, False]})


@transaction.atomic
def threshold_descriptor_save(
    *,
    authority: Authority,
    level: ThresholdLevel,
    descriptor: ThresholdDescriptor | None,
    text_en: str,
    text_cy: str,
    order: int,
    by: User,
    expected_version: int | None = None,
) -> ThresholdDescriptor:
    """Add a descriptor to a level, or change one; one that decisions relied on is retired and
    replaced, never changed. Raises `EditConflict` if someone saved the descriptor after
    `expected_version`."""
    errors: dict[str, str] = {}
    if not text_en.strip():
        errors["text_en"] = _("Enter the descriptor in English")
    if not text_cy.strip():
        errors["text_cy"] = _("Enter the descriptor in Welsh")
    if errors:
        raise ValidationError(errors)
    values = {"text_en": text_en.strip(), "text_cy": text_cy.strip(), "order": order}
    if descriptor is not None:
        _unchanged_since(descriptor, expected_version, values)
    copies = _adopt_default(authority=authority, by=by)
    level = copies.get(level.pk, level)
    if level.authority_id != authority.pk or not level.active:
        raise ValidationError(_("Select a level of this council’s threshold framework"))
    if descriptor is None:
        created = ThresholdDescriptor.objects.create(level=level, **values)
        audit.record_create(actor=by, obj=created, detail={"level": level.code})
        return created
    descriptor = copies.get(descriptor.pk, descriptor)
    if descriptor.level_id != level.pk or not descriptor.active:
        raise ValidationError(_("Select a descriptor of this level"))
    changes = {
        k: [getattr(descriptor, k), v] for k, v in values.items() if getattr(descriptor, k) != v
    }
    if not changes:
        return descriptor
    descriptor.version += 1
    if not _relied_on_descriptor(descriptor):
        for name, (_old, new) in changes.items():
            setattr(descriptor, name, new)
        descriptor.save(update_fields=[*changes, "version"])
        audit.record_update(actor=by, obj=descriptor, changes=changes)
        return descriptor
    descriptor.active = False
    descriptor.save(update_fields=["active", "version"])
    replacement = ThresholdDescriptor.objects.create(
        level=level, replaces=descriptor, version=descriptor.version, **values
    )
    audit.record_update(actor=by, obj=descriptor, changes={"active": [True, False]})
    audit.record_create(actor=by, obj=replacement, detail={"replaces": str(descriptor.pk)})
    return replacement


@transaction.atomic
def threshold_descriptor_retire(
    *,
    authority: Authority,
    descriptor: ThresholdDescriptor,
    by: User,
    expected_version: int | None = None,
) -> None:
    _unchanged_since(descriptor, expected_version, {"active": False})
    copies = _adopt_default(authority=authority, by=by)
    descriptor = copies.get(descriptor.pk, descriptor)
    if descriptor.level.authority_id != authority.pk or not descriptor.active:
        raise ValidationError(_("Select a descriptor of this council’s threshold framework"))
    descriptor.active = False
    descriptor.version += 1
    descriptor.save(update_fields=["active", "version"])
    audit.record_update(actor=by, obj=descriptor, changes={"active": [True, False]})

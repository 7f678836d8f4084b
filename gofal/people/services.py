"""Changes to people's records. Every change is validated, audited and keeps search current.

Creates take an optional `submission_token` (the one-time token of the form that asked for
them): a second submission with the same token returns the record the first one made.
"""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import F, Func
from django.urls import reverse
from django.utils.translation import gettext as _

from gofal.audit import services as audit
from gofal.audit.models import Action
from gofal.authorities.models import Authority, Membership, Role, User
from gofal.authorities.records import save_versioned
from gofal.authorities.services import notification_send
from gofal.people import search
from gofal.people.models import (
    RECIPROCAL,
    AccessReason,
    Address,
    ContactDetail,
    Disability,
    EthnicityCode,
    Language,
    Person,
    PersonAccess,
    PersonName,
    PersonSearchName,
    Relationship,
    RelationshipKind,
    Sex,
    Warning,
)
from gofal.people.selectors import restricted_person_by_identifier
from gofal.people.validators import clean_nhs_number, clean_upn

M = TypeVar("M", bound=models.Model)

# The fields of Person a create or edit may set (everything else is kept by services).
PERSON_FIELDS = (
    "given_name",
    "middle_names",
    "family_name",
    "date_of_birth",
    "date_of_birth_estimated",
    "expected_on",
    "died_on",
    "sex",
    "gender",
    "ethnicity",
    "religion",
    "first_language",
    "disability",
    "disability_description",
    "preferred_language",
    "preferred_language_other",
    "interpreter_needed",
    "active_offer_made_on",
    "active_offer_made_by",
    "nhs_number",
    "upn",
    "restricted",
)
_NAME_FIELDS = {"given_name", "family_name"}
BREAK_GLASS_HOURS = getattr(settings, "GOFAL_BREAK_GLASS_HOURS", 4)


def _existing(model: type[M], authority_id: Any, token: uuid.UUID | None) -> M | None:
    if token is None:
        return None
    return model._default_manager.filter(authority_id=authority_id, submission_token=token).first()


# --- Person --------------------------------------------------------------------------------


def _clean_identifiers(cleaned: dict[str, Any], add: Any) -> None:
    for name, cleaner in (("nhs_number", clean_nhs_number), ("upn", clean_upn)):
        if name in cleaned:
            try:
                cleaned[name] = cleaner(cleaned[name] or "")
            except ValidationError as error:
                add(name, error.messages[0])
    for name in ("given_name", "middle_names", "family_name", "gender", "religion"):
        if name in cleaned:
            cleaned[name] = " ".join((cleaned[name] or "").split())


def _check_dates(cleaned: dict[str, Any], add: Any, as_of: date) -> None:
    born, expected = cleaned.get("date_of_birth"), cleaned.get("expected_on")
    if born and expected:
        add("expected_on", _("Enter either a date of birth or an expected date, not both"))
    if born and born > as_of:
        add("date_of_birth", _("Date of birth must be today or in the past"))
    if expected and expected < as_of - timedelta(days=60):
        add("expected_on", _("Expected date must be recent or in the future"))
    died = cleaned.get("died_on")
    if died and born and died < born:
        add("died_on", _("Date of death must be on or after the date of birth"))
    if died and died > as_of:
        add("died_on", _("Date of death must be today or in the past"))
    offered = cleaned.get("active_offer_made_on")
    if offered and offered > as_of:
        add("active_offer_made_on", _("The date of the active offer must be today or in the past"))


def _check_details(cleaned: dict[str, Any], add: Any) -> None:
    if "given_name" in cleaned and not (
        cleaned.get("given_name") or cleaned.get("family_name") or cleaned.get("expected_on")
    ):
        add("family_name", _("Enter a first name or last name"))
    if cleaned.get("preferred_language") == Language.OTHER and not cleaned.get(
        "preferred_language_other"
    ):
        add("preferred_language_other", _("Enter the language"))
    if cleaned.get("disability") == Disability.YES and not cleaned.get("disability_description"):
        add("disability_description", _("Describe the disability"))
    if cleaned.get("sex") and cleaned["sex"] not in Sex.values:
        add("sex", _("Select sex"))
    ethnicity = cleaned.get("ethnicity")
    if ethnicity is not None and not isinstance(ethnicity, EthnicityCode):
        add("ethnicity", _("Select ethnicity"))


def _clean_person(
    fields: dict[str, Any], *, authority_id: Any, person_id: Any, as_of: date
) -> dict[str, Any]:
    """Normalise and check a person's details; raise ValidationError keyed by field."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Not person fields: {sorted(unknown)}")
    cleaned = dict(fields)
    errors: dict[str, list[Any]] = {}

    def add(name: str, message: Any) -> None:
        errors.setdefault(name, []).append(message)

    _clean_identifiers(cleaned, add)
    _check_dates(cleaned, add, as_of)
    _check_details(cleaned, add)
    nhs = cleaned.get("nhs_number")
    if nhs and "nhs_number" not in errors:
        clash = Person.objects.filter(authority_id=authority_id, nhs_number=nhs)
        if person_id is not None:
            clash = clash.exclude(pk=person_id)
        if clash.exists():
            add("nhs_number", _("This NHS number is already recorded for another person"))
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def person_create(
    *,
    authority: Authority,
    created_by: User,
    details: Mapping[str, Any],
    as_of: date,
    submission_token: uuid.UUID | None = None,
) -> Person:
    """Record a new person (or an unborn child, with `expected_on`)."""
    existing = _existing(Person, authority.pk, submission_token)
    if existing is not None:
        return existing
    cleaned = _clean_person(dict(details), authority_id=authority.pk, person_id=None, as_of=as_of)
    person = Person.objects.create(
        authority=authority, submission_token=submission_token, **cleaned
    )
    _index_person(person)
    audit.record_create(actor=created_by, obj=person, detail={"fields": sorted(cleaned)})
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    expected_version: int,
    changes: Mapping[str, Any],
    updated_by: User,
    as_of: date,
) -> dict[str, list[Any]]:
    """Edit a person's details. Raises `EditConflict` if someone else saved first."""
    cleaned = _clean_person(
        dict(changes), authority_id=person.authority_id, person_id=person.pk, as_of=as_of
    )
    diff = save_versioned(person, expected_version=expected_version, changes=cleaned)
    if diff:
        if {*_NAME_FIELDS, "restricted"} & set(diff):
            _index_person(person)
        audit.record_update(actor=updated_by, obj=person, changes=diff)
    return diff


# --- Names, addresses, contact details, warnings ------------------------------------------


def _check_period(started_on: date | None, ended_on: date | None, *, as_of: date) -> None:
    errors: dict[str, str] = {}
    if started_on and started_on > as_of:
        errors["started_on"] = _("The start date must be today or in the past")
    if ended_on and started_on and ended_on < started_on:
        errors["ended_on"] = _("The end date must be on or after the start date")
    if errors:
        raise ValidationError(errors)


def _end(row: Any, *, ended_on: date, ended_by: User, as_of: date) -> None:
    if row.ended_on is not None:
        raise ValidationError(_("This has already ended"))
    if ended_on > as_of:
        raise ValidationError({"ended_on": _("The end date must be today or in the past")})
    started = getattr(row, "started_on", None)
    if started and ended_on < started:
        raise ValidationError({"ended_on": _("The end date must be on or after the start date")})
    diff = save_versioned(row, expected_version=row.version, changes={"ended_on": ended_on})
    audit.record_update(actor=ended_by, obj=row, changes=diff)


@transaction.atomic
def person_name_add(
    *,
    person: Person,
    kind: str,
    given_name: str,
    family_name: str,
    started_on: date | None,
    ended_on: date | None,
    recorded_by: User,
    as_of: date,
    submission_token: uuid.UUID | None = None,
) -> PersonName:
    """Record another name: known-as, alias, previous name or name at birth."""
    existing = _existing(PersonName, person.authority_id, submission_token)
    if existing is not None:
        return existing
    if not (given_name.strip() or family_name.strip()):
        raise ValidationError({"family_name": _("Enter a first name or last name")})
    _check_period(started_on, ended_on, as_of=as_of)
    name = PersonName.objects.create(
        authority_id=person.authority_id,
        person=person,
        kind=kind,
        given_name=" ".join(given_name.split()),
        family_name=" ".join(family_name.split()),
        started_on=started_on,
        ended_on=ended_on,
        recorded_by=recorded_by,
        submission_token=submission_token,
    )
    _index_person(person)
    audit.record_create(actor=recorded_by, obj=name)
    return name


@transaction.atomic
def person_name_end(*, name: PersonName, ended_on: date, ended_by: User, as_of: date) -> None:
    """Stop using a name. It stays in the history and in search (people search old names)."""
    _end(name, ended_on=ended_on, ended_by=ended_by, as_of=as_of)


@transaction.atomic
def address_add(
    *,
    person: Person,
    line_1: str,
    line_2: str,
    town: str,
    county: str,
    postcode: str,
    started_on: date,
    recorded_by: User,
    as_of: date,
    end_current: bool = True,
    submission_token: uuid.UUID | None = None,
) -> Address:
    """Record where a person lives from `started_on`; the address they leave ends then."""
    existing = _existing(Address, person.authority_id, submission_token)
    if existing is not None:
        return existing
    _check_period(started_on, None, as_of=as_of)
    postcode = " ".join(postcode.upper().split())
    if end_current:
        for current in Address.objects.filter(person=person, ended_on__isnull=True):
            if current.started_on <= started_on:
                _end(current, ended_on=started_on, ended_by=recorded_by, as_of=as_of)
    address = Address.objects.create(
        authority_id=person.authority_id,
        person=person,
        line_1=line_1.strip(),
        line_2=line_2.strip(),
        town=town.strip(),
        county=county.strip(),
        postcode=postcode,
        started_on=started_on,
        recorded_by=recorded_by,
        submission_token=submission_token,
    )
    audit.record_create(actor=recorded_by, obj=address)
    return address


@transaction.atomic
def address_end(*, address: Address, ended_on: date, ended_by: User, as_of: date) -> None:
    _end(address, ended_on=ended_on, ended_by=ended_by, as_of=as_of)


@transaction.atomic
def contact_detail_add(
    *,
    person: Person,
    channel: str,
    kind: str,
    value: str,
    preferred: bool,
    started_on: date,
    recorded_by: User,
    as_of: date,
    submission_token: uuid.UUID | None = None,
) -> ContactDetail:
    """Record a telephone number or email address. A new preferred one replaces the old."""
    existing = _existing(ContactDetail, person.authority_id, submission_token)
    if existing is not None:
        return existing
    _check_period(started_on, None, as_of=as_of)
    if preferred:
        for other in ContactDetail.objects.filter(
            person=person, preferred=True, ended_on__isnull=True
        ):
            diff = save_versioned(
                other, expected_version=other.version, changes={"preferred": False}
            )
            audit.record_update(actor=recorded_by, obj=other, changes=diff)
    detail = ContactDetail.objects.create(
        authority_id=person.authority_id,
        person=person,
        channel=channel,
        kind=kind,
        value=value.strip(),
        preferred=preferred,
        started_on=started_on,
        recorded_by=recorded_by,
        submission_token=submission_token,
    )
    audit.record_create(actor=recorded_by, obj=detail)
    return detail


@transaction.atomic
def contact_detail_end(
    *, contact: ContactDetail, ended_on: date, ended_by: User, as_of: date
) -> None:
    _end(contact, ended_on=ended_on, ended_by=ended_by, as_of=as_of)


@transaction.atomic
def warning_add(
    *,
    person: Person,
    kind: str,
    description: str,
    started_on: date,
    raised_by: User,
    as_of: date,
    submission_token: uuid.UUID | None = None,
) -> Warning:
    """Raise a warning staff must see before meeting the person (such as risk to staff)."""
    existing = _existing(Warning, person.authority_id, submission_token)
    if existing is not None:
        return existing
    if not description.strip():
        raise ValidationError({"description": _("Describe the warning")})
    _check_period(started_on, None, as_of=as_of)
    warning = Warning.objects.create(
        authority_id=person.authority_id,
        person=person,
        kind=kind,
        description=description.strip(),
        started_on=started_on,
        raised_by=raised_by,
        submission_token=submission_token,
    )
    audit.record_create(actor=raised_by, obj=warning)
    return warning


@transaction.atomic
def warning_end(*, warning: Warning, ended_on: date, ended_by: User, as_of: date) -> None:
    _end(warning, ended_on=ended_on, ended_by=ended_by, as_of=as_of)


# --- Relationships -------------------------------------------------------------------------


@transaction.atomic
def relationship_create(
    *,
    person: Person,
    related: Person,
    kind: str,
    related_has_parental_responsibility: bool,
    person_has_parental_responsibility: bool,
    started_on: date | None,
    recorded_by: User,
    as_of: date,
    description: str = "",
    submission_token: uuid.UUID | None = None,
) -> Relationship:
    """Record how `related` is related to `person` (`kind`), and the reciprocal, as a pair.

    Parental responsibility is recorded per direction: whether `related` holds it for
    `person`, and whether `person` holds it for `related`. Returns `person`'s row.
    """
    existing = _existing(Relationship, person.authority_id, submission_token)
    if existing is not None:
        return existing
    if person.pk == related.pk:
        raise ValidationError({"related": _("A person cannot be related to themselves")})
    if person.authority_id != related.authority_id:
        raise ValidationError({"related": _("Select a person in this council")})
    if kind not in RelationshipKind.values:
        raise ValidationError({"kind": _("Select the relationship")})
    _check_period(started_on, None, as_of=as_of)
    open_pair = Relationship.objects.filter(
        person=person, related=related, kind=kind, ended_on__isnull=True
    )
    if open_pair.exists():
        raise ValidationError(_("This relationship is already recorded"))
    pair_id = uuid.uuid4()
    common = {
        "authority_id": person.authority_id,
        "started_on": started_on,
        "pair_id": pair_id,
        "recorded_by": recorded_by,
        "description": description.strip(),
    }
    forward = Relationship.objects.create(
        person=person,
        related=related,
        kind=kind,
        parental_responsibility=related_has_parental_responsibility,
        submission_token=submission_token,
        **common,
    )
    backward = Relationship.objects.create(
        person=related,
        related=person,
        kind=RECIPROCAL[RelationshipKind(kind)],
        parental_responsibility=person_has_parental_responsibility,
        **common,
    )
    audit.record_create(actor=recorded_by, obj=forward)
    audit.record_create(actor=recorded_by, obj=backward)
    return forward


@transaction.atomic
def relationship_end(
    *, relationship: Relationship, ended_on: date, ended_by: User, as_of: date
) -> None:
    """End both directions of a relationship."""
    for row in Relationship.objects.filter(pair_id=relationship.pair_id).order_by("created_at"):
        _end(row, ended_on=ended_on, ended_by=ended_by, as_of=as_of)


# --- Access to restricted records ----------------------------------------------------------


@transaction.atomic
def person_access_grant(
    *,
    person: Person,
    user: User,
    granted_by: User,
    reason: str,
    as_of: datetime,
    until: datetime | None = None,
    kind: str = AccessReason.DECISION,
) -> PersonAccess:
    """Let `user` open `person`'s restricted record from `as_of` (until `until`, if given).

    Idempotent: a user who already holds a current grant ending at the same time (or open-ended)
    keeps that one grant, so a form sent twice records one grant.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Enter the reason for access")})
    if until is not None and until <= as_of:
        raise ValidationError({"until": _("Access must end after it starts")})
    same_end = models.Q(ends_at__isnull=True) if until is None else models.Q(ends_at=until)
    held = PersonAccess.objects.filter(
        same_end, person=person, user=user, starts_at__lte=as_of
    ).first()
    if held is not None:
        return held
    grant = PersonAccess.objects.create(
        authority_id=person.authority_id,
        person=person,
        user=user,
        granted_by=granted_by,
        kind=kind,
        reason=reason.strip(),
        starts_at=as_of,
        ends_at=until,
    )
    audit.record_create(actor=granted_by, obj=grant, detail={"user": str(user.pk), "kind": kind})
    return grant


@transaction.atomic
def person_access_revoke(
    *, person: Person, user: User, revoked_by: User, reason: str, as_of: datetime
) -> int:
    """End every current grant `user` holds for `person`. Returns how many were ended."""
    grants = PersonAccess.objects.filter(person=person, user=user, starts_at__lte=as_of).filter(
        models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=as_of)
    )
    ended = 0
    for grant in grants:
        diff = save_versioned(grant, expected_version=grant.version, changes={"ends_at": as_of})
        audit.record_update(
            actor=revoked_by, obj=grant, changes={**diff, "reason": [None, reason.strip()]}
        )
        ended += 1
    return ended


@transaction.atomic
def person_break_glass(
    *, user: User, identifier: str, reason: str, as_of: datetime, link: str = ""
) -> PersonAccess:
    """Open a restricted record found by its exact identifier, giving a reason.

    Creates a grant for a few hours (settings.GOFAL_BREAK_GLASS_HOURS), audits it as
    BREAK_GLASS and alerts every privacy officer of the council. Raises ValidationError if the
    reason is missing, or if no restricted record the user may break into matches.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Enter why you need to open this record now")})
    person = restricted_person_by_identifier(user=user, text=identifier)
    if person is None:
        raise ValidationError(_("No restricted record matches that identifier"))
    grant = person_access_grant(
        person=person,
        user=user,
        granted_by=user,
        reason=reason,
        as_of=as_of,
        until=as_of + timedelta(hours=BREAK_GLASS_HOURS),
        kind=AccessReason.BREAK_GLASS,
    )
    audit.record_entries(
        actor=user,
        entries=[audit.entry_for(person, Action.BREAK_GLASS, {"reason": reason.strip()})],
    )
    officers = (
        User.objects.filter(
            memberships__in=Membership.objects.current(as_of.date()).filter(
                authority_id=person.authority_id, role=Role.PRIVACY_OFFICER
            )
        )
        .distinct()
        .order_by("pk")
    )
    authority = Authority.objects.get(pk=person.authority_id)
    for officer in officers:
        notification_send(
            recipient=officer,
            authority=authority,
            kind="break_glass",
            subject=_("A restricted record was opened in an emergency"),
            body=_("%(user)s opened a restricted record. Reason given: %(reason)s")
            % {"user": user, "reason": reason.strip()},
            link=link or reverse("people:person_detail", args=[person.pk]),
            dedupe_key=f"break-glass:{grant.pk}",
            at=as_of,
        )
    return grant


# --- The search index ----------------------------------------------------------------------


def _search_rows(person: Person, names: Iterable[PersonName]) -> list[PersonSearchName]:
    rows = []
    sources: list[tuple[bool, str, str]] = [(True, person.given_name, person.family_name)]
    sources += [(False, n.given_name, n.family_name) for n in names]
    seen: set[tuple[str, str]] = set()
    for is_current, given_raw, family_raw in sources:
        given, family = search.fold(given_raw), search.fold(family_raw)
        if not (given or family) or (given, family) in seen:
            continue
        seen.add((given, family))
        given_code = search.sound_key(search.first_word(given))
        family_code = search.sound_key(search.last_word(family))
        rows.append(
            PersonSearchName(
                authority_id=person.authority_id,
                person=person,
                is_current=is_current,
                restricted=person.restricted,
                full_name=f"{given} {family}".strip(),
                given_name=given,
                family_name=family,
                given_sound=given_code,
                given_sound_alt=given_code,
                family_sound=family_code,
                family_sound_alt=family_code,
            )
        )
    return rows


def _sqlite_fts_delete(where: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM people_search_fts WHERE rowid IN "
            f"(SELECT rowid FROM people_personsearchname WHERE {where})",
            params,
        )


def _sqlite_fts_insert(where: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT OR REPLACE INTO people_search_fts (rowid, full_name) SELECT rowid, full_name "
            f"FROM people_personsearchname WHERE {where}",
            params,
        )


def _postgres_sounds(rows: models.QuerySet[PersonSearchName]) -> None:
    """Double metaphone codes computed by fuzzystrmatch, on the first given and last family word."""

    def code(function: str, word_sql: str, column: str) -> Func:
        template = f"{function}({word_sql.format(col='%(expressions)s')})"
        return Func(F(column), function=function, template=template)

    first, last = search.FIRST_WORD_SQL, search.LAST_WORD_SQL
    rows.update(
        given_sound=code("dmetaphone", first, "given_name"),
        given_sound_alt=code("dmetaphone_alt", first, "given_name"),
        family_sound=code("dmetaphone", last, "family_name"),
        family_sound_alt=code("dmetaphone_alt", last, "family_name"),
    )


def person_search_index_update(*, person: Person) -> None:
    """Bring one person's search rows up to date (for loaders that write persons directly)."""
    _index_person(person)


def _index_person(person: Person) -> None:
    """Rewrite one person's search rows (current name and every other name)."""
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        _sqlite_fts_delete("person_id = %s", [person.pk.hex])
    PersonSearchName.objects.filter(person=person).delete()
    rows = _search_rows(person, PersonName.objects.filter(person=person))
    PersonSearchName.objects.bulk_create(rows)
    if sqlite:
        _sqlite_fts_insert("person_id = %s", [person.pk.hex])
    elif connection.vendor == "postgresql":
        _postgres_sounds(PersonSearchName.objects.filter(person=person))


_PG_REBUILD = """
INSERT INTO people_personsearchname
    (id, version, created_at, authority_id, person_id, is_current, restricted, full_name,
     given_name, family_name, given_sound, given_sound_alt, family_sound, family_sound_alt)
SELECT gen_random_uuid(), 1, now(), authority_id, person_id, is_current, restricted,
       btrim(given || ' ' || family), given, family,
       coalesce(dmetaphone({first_given}), ''), coalesce(dmetaphone_alt({first_given}), ''),
       coalesce(dmetaphone({last_family}), ''), coalesce(dmetaphone_alt({last_family}), '')
FROM (
    SELECT DISTINCT ON (person_id, given, family)
           authority_id, person_id, is_current, restricted, given, family
    FROM (
        SELECT authority_id, id AS person_id, true AS is_current, restricted,
               {fold_given} AS given, {fold_family} AS family
        FROM people_person WHERE {where}
        UNION ALL
        SELECT n.authority_id, n.person_id, false, p.restricted,
               {fold_n_given}, {fold_n_family}
        FROM people_personname n JOIN people_person p ON p.id = n.person_id
        WHERE {n_where}
    ) AS names
    WHERE given <> '' OR family <> ''
    ORDER BY person_id, given, family, is_current DESC
) AS distinct_names
"""


@transaction.atomic
def person_search_index_rebuild(*, authority_id: uuid.UUID | str | None = None) -> int:
    """Rebuild the search index for one council (or all), after bulk loads. Returns row count.

    On PostgreSQL this runs as SQL in the database (fast at national scale); the caller must be
    allowed to see the rows (the demo generator runs inside `system_access()`).
    """
    scope = (
        PersonSearchName.objects.filter(authority_id=authority_id)
        if authority_id
        else PersonSearchName.objects.all()
    )
    if connection.vendor == "postgresql":
        scope.delete()
        where = "authority_id = %s" if authority_id else "true"
        sql = _PG_REBUILD.format(
            first_given=search.FIRST_WORD_SQL.format(col="given"),
            last_family=search.LAST_WORD_SQL.format(col="family"),
            fold_given=search.fold_sql("given_name"),
            fold_family=search.fold_sql("family_name"),
            fold_n_given=search.fold_sql("n.given_name"),
            fold_n_family=search.fold_sql("n.family_name"),
            where=where,
            n_where="n.authority_id = %s" if authority_id else "true",
        )
        params = [str(authority_id)] * 2 if authority_id else []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            count = int(cursor.rowcount)
            # fresh statistics, so the planner uses the trigram and sound indexes at once
            cursor.execute("ANALYZE people_personsearchname")
            cursor.execute("ANALYZE people_person")
        return count
    if connection.vendor == "sqlite":
        if authority_id:
            _sqlite_fts_delete("authority_id = %s", [uuid.UUID(str(authority_id)).hex])
        else:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM people_search_fts")
    scope.delete()
    people = Person.objects.all()
    names = PersonName.objects.all()
    if authority_id:
        people = people.filter(authority_id=authority_id)
        names = names.filter(authority_id=authority_id)
    by_person: dict[uuid.UUID, list[PersonName]] = {}
    for name in names.iterator(chunk_size=5000):
        by_person.setdefault(name.person_id, []).append(name)
    batch: list[PersonSearchName] = []
    total = 0
    for person in people.iterator(chunk_size=5000):
        batch.extend(_search_rows(person, by_person.get(person.pk, [])))
        if len(batch) >= 5000:
            PersonSearchName.objects.bulk_create(batch)
            total += len(batch)
            batch = []
    PersonSearchName.objects.bulk_create(batch)
    total += len(batch)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # rows left behind by writes that bypassed services
            cursor.execute(
                "DELETE FROM people_search_fts WHERE rowid NOT IN "
                "(SELECT rowid FROM people_personsearchname)"
            )
        if authority_id:
            _sqlite_fts_insert("authority_id = %s", [uuid.UUID(str(authority_id)).hex])
        else:
            _sqlite_fts_insert("1 = 1", [])
    return total

"""Reads of people, always scoped to the acting council and to restricted-record access.

`persons_visible_to(user)` is the one door to person records: the council the user acts for,
never partner agency users, and restricted records only for privacy officers and staff with a
current `PersonAccess` grant (`visible_among` applies the same rule to people already read).
Anything else answers 404, exactly like a record that does not exist (`person_get_for_user`).
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from gofal.authorities.models import Membership, Role, User
from gofal.people import search
from gofal.people.models import (
    Address,
    ContactDetail,
    Person,
    PersonAccess,
    PersonName,
    PersonSearchName,
    Relationship,
    Warning,
)
from gofal.people.validators import clean_nhs_number, clean_upn

CASE_RECORD_ROLES = (
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.REVIEWING_OFFICER,
    Role.PERSONAL_ADVISER,
    Role.PLACEMENTS_OFFICER,
    Role.QA_OFFICER,
    Role.HEAD_OF_SERVICE,
    Role.DIRECTOR,
    Role.BUSINESS_SUPPORT,
    Role.PRIVACY_OFFICER,
)
SEARCH_LIMIT = 50
_CANDIDATES = 200


def _acting(user: Any) -> Any:
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None or not acting.has_role(*CASE_RECORD_ROLES):
        return None
    return acting


def _current_grant(user: Any, at: datetime) -> Exists:
    return Exists(
        PersonAccess.objects.filter(person=OuterRef("pk"), user=user, starts_at__lte=at).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=at)
        )
    )


def persons_visible_to(user: Any, *, at: datetime | None = None) -> QuerySet[Person]:
    """Every person this user may see in the council they are acting for."""
    acting = _acting(user)
    if acting is None:
        return Person.objects.none()
    people = Person.objects.filter(authority=acting.authority)
    if acting.has_role(Role.PRIVACY_OFFICER):
        return people
    return people.filter(Q(restricted=False) | _current_grant(user, at or timezone.now()))


def visible_among(user: Any, people: Iterable[Person], *, at: datetime | None = None) -> set[Any]:
    """The keys of those of these (already read) people that this user may see: the same rule as
    `persons_visible_to`, checked in Python, with one query for grants only when a restricted
    person is among them. Building the visibility condition into a query cost more CPU than
    the query (about 3 ms a page on the benchmark machine)."""
    acting = _acting(user)
    if acting is None:
        return set()
    mine = [p for p in people if p.authority_id == acting.authority.pk]
    if acting.has_role(Role.PRIVACY_OFFICER):
        return {p.pk for p in mine}
    restricted = [p.pk for p in mine if p.restricted]
    granted: set[Any] = set()
    if restricted:
        at = at or timezone.now()
        granted = set(
            PersonAccess.objects.filter(user=user, person_id__in=restricted, starts_at__lte=at)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))
            .values_list("person_id", flat=True)
        )
    return {p.pk for p in mine if not p.restricted or p.pk in granted}


def person_get_for_user(*, user: Any, person_id: uuid.UUID | str) -> Person:
    """One person, or Http404 whether it does not exist or the user may not see it."""
    acting = _acting(user)
    if acting is None:
        raise Http404
    try:
        person = Person.objects.select_related("ethnicity", "active_offer_made_by").get(
            pk=person_id, authority=acting.authority
        )
    except (Person.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
    if person.pk not in visible_among(user, [person]):
        raise Http404
    return person


def person_submitted(*, user: Any, submission_token: uuid.UUID | None) -> Person | None:
    """The person a create form with this one-time token already made (a double submission)."""
    if submission_token is None:
        return None
    return persons_visible_to(user).filter(submission_token=submission_token).first()


def _current(qs: QuerySet[Any], as_of: date) -> QuerySet[Any]:
    return qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))


def addresses_current(queryset: QuerySet[Address], *, as_of: date) -> QuerySet[Address]:
    """Addresses lived at on `as_of` (started, not yet ended)."""
    return _current(queryset.filter(started_on__lte=as_of), as_of)


def warnings_current(queryset: QuerySet[Warning], *, as_of: date) -> QuerySet[Warning]:
    return _current(queryset.filter(started_on__lte=as_of), as_of)


@dataclass
class PersonRecord:
    """Everything the person summary page shows, read in a fixed number of queries."""

    person: Person
    names: list[PersonName]
    addresses: list[Address]
    contacts: list[ContactDetail]
    warnings: list[Warning]
    relationships: list[Relationship]
    as_of: date

    @property
    def current_address(self) -> Address | None:
        return next((a for a in self.addresses if _is_current(a, self.as_of)), None)

    @property
    def previous_addresses(self) -> list[Address]:
        current = self.current_address
        return [a for a in self.addresses if a is not current]

    @property
    def current_names(self) -> list[PersonName]:
        return [n for n in self.names if _is_current(n, self.as_of)]

    @property
    def current_contacts(self) -> list[ContactDetail]:
        return [c for c in self.contacts if _is_current(c, self.as_of)]

    @property
    def current_warnings(self) -> list[Warning]:
        return [w for w in self.warnings if _is_current(w, self.as_of)]

    @property
    def risk_to_staff(self) -> list[Warning]:
        return [w for w in self.current_warnings if w.is_risk_to_staff]

    @property
    def current_relationships(self) -> list[Relationship]:
        return [r for r in self.relationships if _is_current(r, self.as_of)]


def _is_current(row: Any, as_of: date) -> bool:
    started = getattr(row, "started_on", None)
    return (started is None or started <= as_of) and (row.ended_on is None or row.ended_on > as_of)


def person_record(*, person: Person, user: Any, as_of: date) -> PersonRecord:
    """The person's names, addresses, contacts, warnings and relationships (5 queries).

    Relationships list only people this user may see: a restricted relative is left out.
    """
    relationships = list(
        Relationship.objects.filter(person=person)
        .select_related("related")
        .order_by("ended_on", "kind", "related__family_name")
    )
    visible = visible_among(user, [r.related for r in relationships])
    relationships = [r for r in relationships if r.related_id in visible]
    return PersonRecord(
        person=person,
        names=list(PersonName.objects.filter(person=person).order_by("ended_on", "kind")),
        addresses=list(Address.objects.filter(person=person).order_by("-started_on")),
        contacts=list(ContactDetail.objects.filter(person=person)),
        warnings=list(Warning.objects.filter(person=person).select_related("raised_by")),
        relationships=relationships,
        as_of=as_of,
    )


# --- Search ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    person: Person
    score: float
    matched_name: str  # the other name that matched, if not the current one
    exact: bool


@dataclass
class SearchResult:
    hits: list[SearchHit] = field(default_factory=list)
    restricted_match: bool = False  # an exact identifier matched a record the user cannot open
    identifier: str = ""  # the identifier searched for, normalised, if it was one
    total: int = 0  # how many people matched in all (the hits are one page of them)
    offset: int = 0  # how many matches come before the first hit

    @property
    def people(self) -> list[Person]:
        return [h.person for h in self.hits]

    @property
    def truncated(self) -> bool:
        """More people matched than are shown."""
        return self.total > len(self.hits)


def identifier_kind(text: str) -> tuple[str, str]:
    """("nhs_number" | "upn" | "", normalised value) for what was typed."""
    compact = "".join((text or "").split()).replace("-", "").upper()
    if compact.isdigit() and len(compact) == 10:
        try:
            return "nhs_number", clean_nhs_number(compact)
        except ValidationError:  # a mistyped NHS number: still search for it exactly
            return "nhs_number", compact
    if len(compact) == 13 and compact[0].isalpha() and compact[1:12].isdigit():
        try:
            return "upn", clean_upn(compact)
        except ValidationError:
            return "upn", compact
    return "", ""


def _codes(query: search.NameQuery) -> dict[str, list[str]]:
    """The sound codes of each query word, as SQLite's index holds them (`search.sound_key`).
    PostgreSQL's double metaphone codes are computed inside the search statement."""
    words = [w for w in dict.fromkeys([query.given, query.family]) if w]
    return {w: [search.sound_key(w)] for w in words}


def _sounds(column: str, codes: list[str]) -> Q:
    if not codes:
        return Q(pk__in=[])
    return Q(**{f"{column}_sound__in": codes}) | Q(**{f"{column}_sound_alt__in": codes})


def _initial(column: str, word: str) -> Q:
    """Names starting with the word's first letter (a range: indexable and leakproof)."""
    first = word[:1]
    return Q(**{f"{column}__gte": first, f"{column}__lt": chr(ord(first) + 1)}) if first else Q()


def _sound_filter(query: search.NameQuery, codes: dict[str, list[str]]) -> Q:
    """Every word sounds like the name it is matched to (either order for two words)."""
    given = codes.get(query.given, [])
    if query.family:
        family = codes.get(query.family, [])
        return (_sounds("given", given) & _sounds("family", family)) | (
            _sounds("given", family) & _sounds("family", given)
        )
    return _sounds("given", given) | _sounds("family", given)


def _candidate_filter(
    query: search.NameQuery, codes: dict[str, list[str]], authority_id: uuid.UUID
) -> Q:
    """Which indexed names to fetch and rank.

    Only equality and range conditions, which are leakproof: under PostgreSQL row-level
    security a non-leakproof operator such as pg_trgm's `%` cannot drive an index scan, so the
    database finds candidates by exact name and by sound (indexed), and trigram similarity
    only orders them. Two words also fetch a sound-alike family name with the same initial
    (Carys and Cerys Jones). SQLite adds the FTS5 trigram match.
    """
    found = Q(full_name=query.folded) | _sound_filter(query, codes)
    if query.family:
        given, family = codes.get(query.given, []), codes.get(query.family, [])
        found |= (_sounds("family", family) & _initial("given_name", query.given)) | (
            _sounds("family", given) & _initial("given_name", query.family)
        )
    else:
        found |= Q(given_name=query.given) | Q(family_name=query.given)
    if connection.vendor == "sqlite":
        match = search.fts_match_query(query.folded)
        if match:
            found |= Q(
                pk__in=RawSQL(
                    "SELECT s.id FROM people_search_fts f JOIN people_personsearchname s "
                    "ON s.rowid = f.rowid WHERE people_search_fts MATCH %s "
                    "AND s.authority_id = %s ORDER BY f.rank LIMIT %s",
                    (match, authority_id.hex, _CANDIDATES),
                )
            )
    return found


def _search_rows_visible(user: Any, acting: Any, at: datetime) -> Q:
    """Search rows of people this user may see: `restricted` is copied onto each row, so the
    search filters without joining every candidate to its person."""
    if acting.has_role(Role.PRIVACY_OFFICER):
        return Q()
    granted = (
        PersonAccess.objects.filter(user=user, starts_at__lte=at)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))
        .values("person_id")
    )
    return Q(restricted=False) | Q(person_id__in=granted)


def _sounds_alike(row: dict[str, Any], query: search.NameQuery) -> bool:
    given, family = search.sound_key(query.given), search.sound_key(query.family)
    if query.family:
        return (row["given_sound"] == given and row["family_sound"] == family) or (
            row["given_sound"] == family and row["family_sound"] == given
        )
    return given in (row["given_sound"], row["family_sound"])


# Person search on PostgreSQL: one statement finds the candidates (only equality and range
# conditions on the index table, which are leakproof and so use its B-tree indexes under
# row-level security: ADR 11), scores them as `search.score` does, keeps each
# person's best name, and returns one page in order with the number of people found. The sound
# codes are computed by the planner (dmetaphone is immutable, so each call is folded into a
# constant before the plan is made). Written as SQL, not built with the ORM: building the
# condition tree cost more CPU than running it. Names repeat (a common surname matches
# thousands of rows but a few hundred different names), so each different name is scored once
# and the scores joined back to the rows: at `wales` a one-word surname matching 8,000 rows
# took half the time this way.
_CODES_SQL = "(NULLIF(dmetaphone(%({word})s), ''), NULLIF(dmetaphone_alt(%({word})s), ''))"
_SOUNDS_SQL = f"(s.{{col}}_sound IN {_CODES_SQL} OR s.{{col}}_sound_alt IN {_CODES_SQL})"


def _sounds_sql(column: str, word: str) -> str:
    return _SOUNDS_SQL.format(col=column, word=word)


def _similar_sql(param: str, column: str) -> str:
    return f"similarity(%({param})s, s.{column})::float8"


def _search_sql(query: search.NameQuery, *, everyone: bool, date_of_birth: bool) -> str:
    if query.family:
        sounds = (
            f"({_sounds_sql('given', 'given')} AND {_sounds_sql('family', 'family')})"
            f" OR ({_sounds_sql('given', 'family')} AND {_sounds_sql('family', 'given')})"
        )
        found = (
            f"s.full_name = %(folded)s OR {sounds}"
            f" OR ({_sounds_sql('family', 'family')}"
            " AND s.given_name >= %(given_from)s AND s.given_name < %(given_to)s)"
            f" OR ({_sounds_sql('family', 'given')}"
            " AND s.given_name >= %(family_from)s AND s.given_name < %(family_to)s)"
        )
        closest = (
            f"GREATEST({_similar_sql('folded', 'full_name')},"
            f" ({_similar_sql('given', 'given_name')} + {_similar_sql('family', 'family_name')})"
            " / 2,"
            f" ({_similar_sql('given', 'family_name')} + {_similar_sql('family', 'given_name')})"
            " / 2)"
        )
    else:
        sounds = f"{_sounds_sql('given', 'given')} OR {_sounds_sql('family', 'given')}"
        found = (
            f"s.full_name = %(folded)s OR {sounds}"
            " OR s.given_name = %(given)s OR s.family_name = %(given)s"
        )
        closest = (
            f"GREATEST({_similar_sql('folded', 'full_name')},"
            f" {_similar_sql('given', 'given_name')}, {_similar_sql('given', 'family_name')})"
        )
    visible = (
        "TRUE"
        if everyone
        else "(NOT s.restricted OR s.person_id IN (SELECT a.person_id FROM people_personaccess a"
        " WHERE a.user_id = %(user)s AND a.starts_at <= %(now)s"
        " AND (a.ends_at IS NULL OR a.ends_at > %(now)s)))"
    )
    born = (
        " JOIN people_person p ON p.id = s.person_id"
        " AND (p.date_of_birth = %(born)s OR p.expected_on = %(born)s)"
        if date_of_birth
        else ""
    )
    return f"""
WITH found AS MATERIALIZED (
    SELECT s.person_id, s.is_current, s.full_name, s.family_name, s.given_name,
        COALESCE({sounds}, FALSE) AS sounds
    FROM people_personsearchname s{born}
    WHERE s.authority_id = %(authority)s AND {visible} AND ({found})
), scored AS MATERIALIZED (
    SELECT s.full_name, s.family_name, s.given_name, s.sounds,
        CASE WHEN s.full_name = %(folded)s THEN 1.0::float8
        ELSE LEAST(0.99::float8, CASE WHEN s.sounds
            THEN GREATEST({closest}, 0.45::float8) + 0.1::float8 ELSE {closest} END)
        END AS score
    FROM (SELECT DISTINCT full_name, family_name, given_name, sounds FROM found) s
), best AS (
    SELECT DISTINCT ON (f.person_id) f.person_id, n.score, f.is_current, f.full_name,
        f.family_name, f.given_name
    FROM found f JOIN scored n ON n.full_name = f.full_name AND n.family_name = f.family_name
        AND n.given_name = f.given_name AND n.sounds = f.sounds
    ORDER BY f.person_id, n.score DESC, f.is_current DESC
)
SELECT person_id, score, CASE WHEN is_current THEN '' ELSE full_name END, COUNT(*) OVER ()
FROM best
ORDER BY score DESC, family_name, given_name, person_id
LIMIT %(limit)s OFFSET %(offset)s
"""


def _ranked_postgresql(
    user: Any,
    acting: Any,
    query: search.NameQuery,
    date_of_birth: date | None,
    limit: int,
    offset: int,
) -> tuple[list[tuple[uuid.UUID, float, str]], int]:
    """One page of (person, score, other name matched) in order, and how many people matched."""

    def initial(word: str) -> tuple[str, str]:
        return (word[:1], chr(ord(word[0]) + 1)) if word else ("", "")

    given_from, given_to = initial(query.given)
    family_from, family_to = initial(query.family)
    sql = _search_sql(
        query,
        everyone=acting.has_role(Role.PRIVACY_OFFICER),
        date_of_birth=date_of_birth is not None,
    )
    params = {
        "folded": query.folded,
        "given": query.given,
        "family": query.family,
        "given_from": given_from,
        "given_to": given_to,
        "family_from": family_from,
        "family_to": family_to,
        "authority": acting.authority.pk,
        "user": user.pk,
        "now": timezone.now(),
        "born": date_of_birth,
        "limit": limit,
        "offset": offset,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][3] if rows else 0
    return [(person_id, score, matched) for person_id, score, matched, _ in rows], total


def _ranked_sqlite(
    user: Any,
    acting: Any,
    query: search.NameQuery,
    date_of_birth: date | None,
    limit: int,
    offset: int,
) -> tuple[list[tuple[uuid.UUID, float, str]], int]:
    """As `_ranked_postgresql`, scoring every candidate in Python (`search.score`)."""
    codes = _codes(query)
    rows_qs = PersonSearchName.objects.filter(authority=acting.authority).filter(
        _search_rows_visible(user, acting, timezone.now()),
        _candidate_filter(query, codes, acting.authority.pk),
    )
    if date_of_birth is not None:
        rows_qs = rows_qs.filter(
            Q(person__date_of_birth=date_of_birth) | Q(person__expected_on=date_of_birth)
        )
    fields = ["person_id", "full_name", "given_name", "family_name", "is_current"]
    best: dict[uuid.UUID, tuple[float, str, str, str]] = {}
    for row in rows_qs.values(*fields, "given_sound", "family_sound"):
        value = search.score(
            query=query,
            full_name=row["full_name"],
            given=row["given_name"],
            family=row["family_name"],
            sounds_alike=_sounds_alike(row, query),
        )
        matched = "" if row["is_current"] else row["full_name"]
        previous = best.get(row["person_id"])
        if previous is None or (value, not matched) > (previous[0], not previous[1]):
            best[row["person_id"]] = (value, matched, row["family_name"], row["given_name"])
    ranked = sorted(
        best.items(), key=lambda item: (-item[1][0], item[1][2], item[1][3], str(item[0]))
    )
    return [
        (person_id, value, matched)
        for person_id, (value, matched, _family, _given) in ranked[offset : offset + limit]
    ], len(ranked)


def persons_search(
    *,
    user: Any,
    text: str = "",
    date_of_birth: date | None = None,
    limit: int = SEARCH_LIMIT,
    offset: int = 0,
) -> SearchResult:
    """Find people by name (spelling variants, other names), date of birth or identifier.

    Exact matches come first, then close spellings and sound-alikes; `limit` people from
    `offset` in that order, with the number found in all (`total`). Every person found can be
    reached by paging. A fixed number of queries whatever the data size: one for an
    identifier or a date of birth (two if an identifier found nothing the user may open), two
    for names (the ranked page, then the people shown); the caller shows the hits and audits
    them.
    """
    acting = _acting(user)
    if acting is None:
        return SearchResult()
    found = _persons_search(user, acting, text, date_of_birth, limit, max(offset, 0))
    if not found.hits and found.offset and not found.restricted_match:
        # Past the last page: nothing to show, but say how many there are (one more query,
        # only for a page number that was never offered).
        total = _persons_search(user, acting, text, date_of_birth, 1, 0).total
        return SearchResult(identifier=found.identifier, total=total, offset=found.offset)
    return found


def _persons_search(
    user: Any, acting: Any, text: str, date_of_birth: date | None, limit: int, offset: int
) -> SearchResult:
    kind, identifier = identifier_kind(text)
    if kind:
        return _search_identifier(
            user, persons_visible_to(user), kind, identifier, date_of_birth, limit, offset
        )
    query = search.NameQuery.parse(text)
    if not query.folded:
        if date_of_birth is None:
            return SearchResult()
        people = persons_visible_to(user).filter(
            Q(date_of_birth=date_of_birth) | Q(expected_on=date_of_birth)
        )
        page, total = _page(people.order_by("family_name", "given_name", "pk"), limit, offset)
        return SearchResult(
            hits=[SearchHit(person=p, score=1.0, matched_name="", exact=True) for p in page],
            total=total,
            offset=offset,
        )
    ranked = _ranked_postgresql if connection.vendor == "postgresql" else _ranked_sqlite
    page_rows, total = ranked(user, acting, query, date_of_birth, limit, offset)
    # Only the people shown are read, and checked against the visibility rule again, which also
    # drops an index row left stale by a write that bypassed the services.
    shown: dict[Any, Person] = {}
    if page_rows:
        read = Person.objects.filter(authority=acting.authority).in_bulk(
            [person_id for person_id, _, _ in page_rows]
        )
        allowed = visible_among(user, read.values())
        shown = {key: person for key, person in read.items() if key in allowed}
    hits = [
        SearchHit(person=shown[person_id], score=value, matched_name=matched, exact=value >= 1)
        for person_id, value, matched in page_rows
        if person_id in shown
    ]
    return SearchResult(hits=hits, total=total, offset=offset)


def _page(people: QuerySet[Person], limit: int, offset: int) -> tuple[list[Person], int]:
    """One page of people and how many there are in all, in one query."""
    counted = people.annotate(found=Window(Count("pk")))
    page: list[Person] = list(counted[offset : offset + limit])
    return page, (int(getattr(page[0], "found", 0)) if page else 0)


def _search_identifier(
    user: Any,
    visible: QuerySet[Person],
    kind: str,
    identifier: str,
    date_of_birth: date | None,
    limit: int,
    offset: int,
) -> SearchResult:
    people = visible.filter(**{kind: identifier}).select_related("ethnicity")
    if date_of_birth is not None:
        people = people.filter(date_of_birth=date_of_birth)
    page, total = _page(people.order_by("family_name", "given_name", "pk"), limit, offset)
    hits = [SearchHit(person=p, score=1.0, matched_name="", exact=True) for p in page]
    restricted = False
    if not total:
        restricted = restricted_person_by_identifier(user=user, text=identifier) is not None
    return SearchResult(
        hits=hits, restricted_match=restricted, identifier=identifier, total=total, offset=offset
    )


def restricted_person_by_identifier(*, user: Any, text: str) -> Person | None:
    """A restricted record of the user's council matching this exact identifier, that the user
    cannot yet open (the only way into break-glass). None for anyone who may not break glass."""
    acting = _acting(user)
    if acting is None or not acting.has_role(*BREAK_GLASS_ROLES):
        return None
    kind, identifier = identifier_kind(text)
    if not kind:
        return None
    return (
        Person.objects.filter(authority=acting.authority, restricted=True, **{kind: identifier})
        .exclude(pk__in=persons_visible_to(user).values("pk"))
        .first()
    )


BREAK_GLASS_ROLES = (
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.REVIEWING_OFFICER,
    Role.PERSONAL_ADVISER,
    Role.PLACEMENTS_OFFICER,
    Role.HEAD_OF_SERVICE,
    Role.DIRECTOR,
)


def persons_likely_duplicates(
    *,
    user: Any,
    given_name: str,
    family_name: str,
    date_of_birth: date | None,
    nhs_number: str = "",
    upn: str = "",
    limit: int = 10,
) -> list[Person]:
    """People who may be the one about to be created: same identifier, or a close name with
    the same date of birth (or a close name alone when no date of birth is known)."""
    found: dict[uuid.UUID, Person] = {}
    visible = persons_visible_to(user)
    identifiers = Q()
    if nhs_number:
        identifiers |= Q(nhs_number=nhs_number)
    if upn:
        identifiers |= Q(upn=upn)
    if identifiers:
        for person in visible.filter(identifiers)[:limit]:
            found[person.pk] = person
    name = f"{given_name} {family_name}".strip()
    if name:
        result = persons_search(user=user, text=name, date_of_birth=date_of_birth, limit=limit)
        for hit in result.hits:
            if hit.score >= 0.4:
                found.setdefault(hit.person.pk, hit.person)
    return list(found.values())[:limit]


def current_addresses_for(persons: list[Person], *, as_of: date) -> dict[uuid.UUID, Address]:
    """The current address of each person in a list (one query), for search results."""
    rows = addresses_current(
        Address.objects.filter(person__in=[p.pk for p in persons]), as_of=as_of
    ).order_by("person_id", "-started_on")
    current: dict[uuid.UUID, Address] = {}
    for address in rows:
        current.setdefault(address.person_id, address)
    return current


def person_access_current(*, person: Person, at: datetime) -> QuerySet[PersonAccess]:
    """Who holds access to a restricted record now (for privacy officers)."""
    return (
        PersonAccess.objects.filter(person=person, starts_at__lte=at)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))
        .select_related("user", "granted_by")
    )


__all__ = [
    "PersonRecord",
    "SearchHit",
    "SearchResult",
    "addresses_current",
    "current_addresses_for",
    "identifier_kind",
    "person_access_current",
    "person_get_for_user",
    "person_record",
    "persons_likely_duplicates",
    "persons_search",
    "persons_visible_to",
    "restricted_person_by_identifier",
    "warnings_current",
]


def person_row_get(*, person: Person, model: type[Any], row_id: uuid.UUID | str) -> Any:
    """One of a person's names, addresses, contacts, warnings or relationships, or Http404."""
    allowed = (PersonName, Address, ContactDetail, Warning, Relationship)
    if model not in allowed:
        raise ValueError(f"{model} is not a person's record")
    try:
        return model.objects.get(person=person, pk=row_id)
    except (model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def person_access_grants(*, person: Person) -> QuerySet[PersonAccess]:
    """Every grant of access to this person's record, current and past, newest first."""
    return (
        PersonAccess.objects.filter(person=person, authority_id=person.authority_id)
        .select_related("user", "granted_by")
        .order_by("-starts_at", "pk")
    )


def staff_of_council(*, authority_id: uuid.UUID, as_of: date) -> list[User]:
    """Staff with a current membership of this council, by name (each once)."""
    members = Membership.objects.current(as_of).filter(authority_id=authority_id)
    return list(
        User.objects.filter(pk__in=members.values("user_id")).order_by("last_name", "first_name")
    )

"""The synthetic council generator (design decision 12).

Everything comes from one `random.Random` per council, seeded from the run's seed and the
council's position, and from a fixed reference date (`as_of`, by default `REFERENCE_DATE`): the
clock, dict ordering and set ordering never influence the output, so a seed always builds the
same councils, people and histories. Rows are written in bulk (`gofal.demo.writer`).

The shape of a council follows the inspection reports it is modelled on: an IAA front door,
Families First and Team Around the Family, four locality teams, a disability team, a 14 Plus
team, looked-after and family placement teams, a regional missing children team shared by the
councils of the region, reviewing officers and conference chairs, quality assurance and business
support.
"""

import bisect
import itertools
import random
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from gofal.authorities.models import Authority, Jurisdiction, Membership, Role, Team, TeamKind, User
from gofal.demo import names
from gofal.demo.identifiers import postcode, synthetic_nhs_number, synthetic_upn
from gofal.demo.logins import DEMO_LOGINS
from gofal.demo.writer import BulkWriter
from gofal.people.models import (
    Address,
    ContactChannel,
    ContactDetail,
    ContactKind,
    Disability,
    EthnicityCode,
    Language,
    Person,
    PersonName,
    PersonNameKind,
    Relationship,
    Sex,
    Warning,
    WarningKind,
)

REFERENCE_DATE = date(2026, 11, 20)
"""The default "today" of every generated council: histories run up to this day."""

HISTORY_YEARS = 6

T = TypeVar("T")


@dataclass(frozen=True)
class Size:
    councils: int
    involved_children: int  # children with an involvement history, per council
    localities: int
    workers_per_team: int
    notes_per_involvement: int  # at most, most recent first
    welsh_share: float = 0.2
    favour_demo_worker: float = 0.0  # share of the team's cases given to social.worker
    open_families: int = 0  # the first families of the demo council have an open case
    # Contacts a year at the front door, per council, episodes of involvement included. The
    # demo council is the size of the inspected one (about 3,000 a year); a `wales` council
    # is an average Welsh council, about twice its population; `large` is a city council.
    contacts_per_year: int = 3000
    bulk_indexes: bool = True  # PostgreSQL: build indexes and check foreign keys after loading


SIZES: dict[str, Size] = {
    "tiny": Size(councils=1, involved_children=12, localities=2, workers_per_team=2,
                 notes_per_involvement=4, favour_demo_worker=0.6, open_families=4,
                 bulk_indexes=False, contacts_per_year=24),
    "demo": Size(councils=1, involved_children=1500, localities=4, workers_per_team=6,
                 notes_per_involvement=40, favour_demo_worker=0.3),
    "large": Size(councils=1, involved_children=19000, localities=8, workers_per_team=12,
                  notes_per_involvement=24, contacts_per_year=10000),
    "wales": Size(councils=22, involved_children=15000, localities=8, workers_per_team=12,
                  notes_per_involvement=6, contacts_per_year=6000),
}  # fmt: skip


def new_id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


class Weighted:
    """A weighted choice list with its cumulative weights computed once."""

    def __init__(self, items: Sequence[tuple[T, int]]) -> None:
        self.values = [v for v, _ in items]
        self.cumulative = list(itertools.accumulate(w for _, w in items))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


SURNAMES = Weighted(names.SURNAMES)
SHAPES = Weighted(
    [("lone_mother", 38), ("two_parents", 30), ("step_family", 18), ("lone_father", 5),
     ("kinship", 9)]
)  # fmt: skip
CHILD_COUNTS = Weighted([(1, 30), (2, 33), (3, 20), (4, 10), (5, 7)])
GIRLS = Weighted(names.GIRLS)
BOYS = Weighted(names.BOYS)
WOMEN = Weighted(names.WOMEN)
MEN = Weighted(names.MEN)
WELSH_GIRLS = Weighted([(n, w) for n, w in names.GIRLS if n in names.WELSH_GIVEN_NAMES])
WELSH_BOYS = Weighted([(n, w) for n, w in names.BOYS if n in names.WELSH_GIVEN_NAMES])
WELSH_WOMEN = Weighted([(n, w) for n, w in names.WOMEN if n in names.WELSH_GIVEN_NAMES])
WELSH_MEN = Weighted([(n, w) for n, w in names.MEN if n in names.WELSH_GIVEN_NAMES])
OTHER_LANGUAGE = {
    "Khan": "Urdu", "Kahn": "Urdu", "Ahmed": "Arabic", "Ali": "Arabic", "Hussain": "Urdu",
    "Begum": "Bengali", "Nowak": "Polish", "Kowalski": "Polish", "Popescu": "Romanian",
}  # fmt: skip


ETHNICITIES = Weighted(
    [("WBRI", 880), ("WOTH", 30), ("MWBC", 15), ("MWAS", 10), ("MOTH", 10), ("BAFR", 7),
     ("AOTH", 5), ("CHNE", 3), ("WROM", 3), ("WIRT", 2), ("REFU", 5), ("NOBT", 30)]
)  # fmt: skip
ETHNICITY_BY_SURNAME = {
    "Khan": "APKN", "Kahn": "APKN", "Hussain": "APKN", "Ahmed": "AOTH", "Ali": "AOTH",
    "Begum": "ABAN", "Nowak": "WOTH", "Kowalski": "WOTH", "Popescu": "WOTH", "Okafor": "BAFR",
}  # fmt: skip
RELIGIONS = Weighted([("No religion", 50), ("Christian", 44), ("Other religion", 2)])
RELIGION_BY_SURNAME = {
    "Khan": "Muslim", "Kahn": "Muslim", "Hussain": "Muslim", "Ahmed": "Muslim", "Ali": "Muslim",
    "Begum": "Muslim", "Nowak": "Christian", "Kowalski": "Christian",
}  # fmt: skip
DISABILITIES = (
    "Autism spectrum condition",
    "Cerebral palsy",
    "Learning disability",
    "Hearing impairment",
    "Complex health needs",
)
OTHER_NAMES = {
    "Mohammed": "Muhammad", "Muhammad": "Mohammed", "Mohammad": "Mohammed", "Siân": "Sian",
    "Sian": "Siân", "Catherine": "Katherine", "Stephen": "Steven", "Caitlin": "Kaitlyn",
    "Tomos": "Tom", "Dafydd": "Dai", "Gethin": "Geth", "Rhodri": "Rhod", "Christopher": "Chris",
    "Matthew": "Matt", "Daniel": "Dan", "Rebecca": "Becky", "Nicola": "Nicki", "Ieuan": "Ianto",
}  # fmt: skip
TY_NAMES = ("Derwen", "Celyn", "Onnen", "Bedwen", "Gwernen")
VARIANTS = frozenset({"Muhammad", "Mohammed", "Sian", "Siân", "Katherine", "Steven", "Kaitlyn"})
ADULT_WARNINGS: tuple[tuple[str, str], ...] = (
    (WarningKind.RISK_TO_STAFF, "Aggressive to staff on previous visits: visit in pairs."),
    (WarningKind.RISK_TO_STAFF, "Large dog at the property: ask for it to be shut away."),
    (WarningKind.RISK_TO_OTHERS, "Known to police for violence: check before any joint visit."),
    (WarningKind.DO_NOT_DISCLOSE, "Fled domestic abuse: never disclose this address."),
)
CHILD_WARNINGS: tuple[tuple[str, str], ...] = (
    (WarningKind.HEALTH, "Epilepsy: rescue medication kept at school and at home."),
    (WarningKind.RISK_TO_SELF, "Self-harm: follow the safety plan agreed with CAMHS."),
    (WarningKind.HEALTH, "Severe nut allergy: carries an adrenaline pen."),
)


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


# ---------------------------------------------------------------------------------------------
# Councils, teams and staff


@dataclass
class CouncilSpec:
    code: str
    name_en: str
    name_cy: str
    towns: tuple[tuple[str, str], ...]
    postcode_area: str
    la_code: str


def council_specs(count: int, rng: random.Random) -> list[CouncilSpec]:
    code, en, cy, towns, area, la = names.DEMO_COUNCIL
    specs = [CouncilSpec(code, en, cy, towns, area, la)]
    for i in range(1, count):
        root = names.COUNCIL_ROOTS[(i - 1) % len(names.COUNCIL_ROOTS)]
        pattern_en, pattern_cy = names.COUNCIL_PATTERNS[i % len(names.COUNCIL_PATTERNS)]
        prefixes = list(names.TOWN_PREFIXES)
        rng.shuffle(prefixes)
        specs.append(
            CouncilSpec(
                code=f"W06000{901 + i}",
                name_en=pattern_en.format(root=root),
                name_cy=pattern_cy.format(root=root),
                towns=tuple((f"{p}{root.lower()}",) * 2 for p in prefixes[:8]),
                postcode_area=names.POSTCODE_AREAS[i % len(names.POSTCODE_AREAS)],
                la_code=f"{660 + i}",
            )
        )
    return specs


@dataclass
class Tenure:
    user_id: uuid.UUID
    started_on: date
    ended_on: date | None


@dataclass
class Slot:
    """A post in a team, held by a succession of workers over the years."""

    tenures: list[Tenure] = field(default_factory=list)

    def holder(self, day: date) -> Tenure:
        for tenure in self.tenures:
            if tenure.started_on <= day and (tenure.ended_on is None or day < tenure.ended_on):
                return tenure
        return self.tenures[-1]


@dataclass
class TeamPlan:
    id: uuid.UUID
    kind: str
    name_en: str
    name_cy: str
    town: int | None = None  # locality teams: the town they cover
    favour_first: float = 0.0  # share of cases that go to the first post (the demo worker)
    slots: dict[str, list[Slot]] = field(default_factory=dict)  # role -> posts

    def workers(self) -> list[Slot]:
        return (
            self.slots.get(Role.SOCIAL_WORKER, [])
            + self.slots.get(Role.SENIOR_PRACTITIONER, [])
            + self.slots.get(Role.PERSONAL_ADVISER, [])
        )

    def worker_post(self, pick: float) -> Slot:
        posts = self.workers()
        if pick < self.favour_first:
            return posts[0]
        return posts[int(pick * len(posts))]

    def manager(self, day: date) -> uuid.UUID | None:
        posts = self.slots.get(Role.TEAM_MANAGER)
        return posts[0].holder(day).user_id if posts else None


def team_layout(spec: CouncilSpec, size: Size) -> list[tuple[str, str, str, int | None]]:
    """(kind, English name, Welsh name, town index) for every team of a council."""
    layout: list[tuple[str, str, str, int | None]] = [
        (TeamKind.FRONT_DOOR, "Information, Advice and Assistance (front door)",
         "Gwybodaeth, Cyngor a Chymorth (y drws ffrynt)", None),
        (TeamKind.EARLY_HELP, "Families First", "Teuluoedd yn Gyntaf", None),
        (TeamKind.EARLY_HELP, "Team Around the Family", "Tîm o Amgylch y Teulu", None),
    ]  # fmt: skip
    for i in range(min(size.localities, len(spec.towns))):
        en, cy = spec.towns[i]
        layout.append((TeamKind.LOCALITY, f"{en} locality team", f"Tîm ardal {cy}", i))
    layout += [
        (TeamKind.DISABILITY, "Disability team (children and adults)",
         "Tîm anabledd (plant ac oedolion)", None),
        (TeamKind.FOURTEEN_PLUS, "14 Plus team", "Tîm 14 a Hŷn", None),
        (TeamKind.LOOKED_AFTER, "Looked after children team", "Tîm plant sy'n derbyn gofal", None),
        (TeamKind.FAMILY_PLACEMENT, "Family placement team", "Tîm lleoli teuluoedd", None),
        (TeamKind.MISSING_CHILDREN, "Regional missing children team",
         "Tîm rhanbarthol plant sydd ar goll", None),
        (TeamKind.REVIEWING_OFFICERS, "Safeguarding and reviewing unit",
         "Uned diogelu ac adolygu", None),
        (TeamKind.QUALITY_ASSURANCE, "Quality assurance team", "Tîm sicrhau ansawdd", None),
        (TeamKind.BUSINESS_SUPPORT, "Business support", "Cymorth busnes", None),
    ]  # fmt: skip
    return layout


def team_roles(kind: str, size: Size) -> list[tuple[str, int]]:
    w = size.workers_per_team
    small = max(1, w // 3)
    roles: dict[str, list[tuple[str, int]]] = {
        TeamKind.FRONT_DOOR: [(Role.TEAM_MANAGER, 1), (Role.SENIOR_PRACTITIONER, 1),
                              (Role.SOCIAL_WORKER, w), (Role.PARTNER_AGENCY, 1)],
        TeamKind.EARLY_HELP: [(Role.TEAM_MANAGER, 1), (Role.SOCIAL_WORKER, small + 1)],
        TeamKind.LOCALITY: [(Role.TEAM_MANAGER, 1), (Role.SENIOR_PRACTITIONER, 1),
                            (Role.SOCIAL_WORKER, w)],
        TeamKind.DISABILITY: [(Role.TEAM_MANAGER, 1), (Role.SOCIAL_WORKER, small + 1)],
        TeamKind.FOURTEEN_PLUS: [(Role.TEAM_MANAGER, 1), (Role.SOCIAL_WORKER, small + 1),
                                 (Role.PERSONAL_ADVISER, small + 1)],
        TeamKind.LOOKED_AFTER: [(Role.TEAM_MANAGER, 1), (Role.SENIOR_PRACTITIONER, 1),
                                (Role.SOCIAL_WORKER, max(2, w // 2 + 1))],
        TeamKind.FAMILY_PLACEMENT: [(Role.TEAM_MANAGER, 1), (Role.PLACEMENTS_OFFICER, small + 1),
                                    (Role.SOCIAL_WORKER, small)],
        TeamKind.MISSING_CHILDREN: [(Role.TEAM_MANAGER, 1), (Role.SOCIAL_WORKER, 2)],
        TeamKind.REVIEWING_OFFICERS: [(Role.TEAM_MANAGER, 1), (Role.REVIEWING_OFFICER, small + 1)],
        TeamKind.QUALITY_ASSURANCE: [(Role.TEAM_MANAGER, 1), (Role.QA_OFFICER, 2)],
        TeamKind.BUSINESS_SUPPORT: [(Role.TEAM_MANAGER, 1), (Role.BUSINESS_SUPPORT, small + 1)],
    }  # fmt: skip
    return roles[kind]


COUNCIL_WIDE_ROLES = (
    Role.HEAD_OF_SERVICE,
    Role.DIRECTOR,
    Role.PRIVACY_OFFICER,
    Role.SYSTEM_ADMINISTRATOR,
)


# ---------------------------------------------------------------------------------------------
# People and families


@dataclass
class PersonPlan:
    id: uuid.UUID
    given_name: str
    family_name: str
    sex: str
    date_of_birth: date | None
    expected_on: date | None = None
    language: str = Language.ENGLISH
    language_other: str = ""
    interpreter: bool = False
    nhs_number: str = ""
    upn: str = ""
    restricted: bool = False
    estimated: bool = False
    died_on: date | None = None
    disabled: bool = False
    household: int = -1

    def age_on(self, day: date) -> int:
        born = self.date_of_birth or self.expected_on or day
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass
class Link:
    """A relationship from one person to another; the generator always adds the reverse too."""

    from_id: uuid.UUID
    to_id: uuid.UUID
    kind: str  # e.g. "parent", read as "from is the parent of to"
    parental_responsibility: bool = False


RECIPROCAL = {
    "parent": "child",
    "child": "parent",
    "step_parent": "step_child",
    "step_child": "step_parent",
    "grandparent": "grandchild",
    "grandchild": "grandparent",
    "sibling": "sibling",
    "half_sibling": "half_sibling",
    "partner": "partner",
}


@dataclass
class Household:
    index: int
    surname: str
    welsh: bool
    town: int
    street: str
    number: int
    postcode: str
    adults: list[PersonPlan] = field(default_factory=list)
    children: list[PersonPlan] = field(default_factory=list)
    relatives: list[PersonPlan] = field(default_factory=list)  # living elsewhere
    links: list[Link] = field(default_factory=list)
    first_contact: date | None = None
    episodes: list[Any] = field(default_factory=list)  # planned by gofal.demo.history


@dataclass
class Council:
    spec: CouncilSpec
    authority_id: uuid.UUID
    teams: list[TeamPlan]
    staff: dict[uuid.UUID, dict[str, Any]]  # user id -> User row values
    memberships: list[dict[str, Any]]
    households: list[Household] = field(default_factory=list)

    def teams_of(self, kind: str) -> list[TeamPlan]:
        return [t for t in self.teams if t.kind == kind]


class CouncilGenerator:
    """Builds one council from its own random stream."""

    def __init__(
        self,
        *,
        seed: int,
        index: int,
        spec: CouncilSpec,
        size: Size,
        as_of: date,
        password_hash: str,
        used_usernames: set[str],
    ) -> None:
        self.rng = random.Random(f"gofal:{seed}:{index}")
        self.index = index
        self.spec = spec
        self.size = size
        self.as_of = as_of
        self.history_start = as_of - timedelta(days=365 * HISTORY_YEARS)
        self.password_hash = password_hash
        self.used_usernames = used_usernames
        self.used_nhs: set[str] = set()
        self.with_demo_logins = index == 0
        self.welsh_share = size.welsh_share if index else 0.2

    def forced_open(self, household: int) -> bool:
        return self.with_demo_logins and household < self.size.open_families

    # -- helpers ---------------------------------------------------------------------------

    def day_between(self, start: date, end: date) -> date:
        span = (end - start).days
        return start + timedelta(days=self.rng.randrange(max(span, 1)))

    def nhs(self) -> str:
        while True:
            number = synthetic_nhs_number(self.rng)
            if number not in self.used_nhs:
                self.used_nhs.add(number)
                return number

    def username(self, first: str, last: str) -> str:
        base = f"{ascii_slug(first)}.{ascii_slug(last)}"
        if self.index:
            base = f"{base}.{self.spec.code[-3:]}"
        name = base
        for n in itertools.count(2):
            if name not in self.used_usernames:
                break
            name = f"{base}{n}"
        self.used_usernames.add(name)
        return name

    # -- staff -----------------------------------------------------------------------------

    def build_council(self) -> Council:
        rng = self.rng
        authority_id = new_id(rng)
        council = Council(
            spec=self.spec, authority_id=authority_id, teams=[], staff={}, memberships=[]
        )
        demo_posts = {(login.team_kind, login.role) for login in DEMO_LOGINS}
        for kind, name_en, name_cy, town in team_layout(self.spec, self.size):
            team = TeamPlan(id=new_id(rng), kind=kind, name_en=name_en, name_cy=name_cy, town=town)
            first_of_kind = not council.teams_of(kind)
            for role, count in team_roles(kind, self.size):
                # demo accounts hold their post for the whole history, so they have caseloads
                steady = self.with_demo_logins and first_of_kind and (kind, role) in demo_posts
                team.slots[role] = [
                    self.fill_slot(council, team, role, turnover=not (steady and n == 0))
                    for n in range(count)
                ]
            if steady and kind == TeamKind.LOCALITY:
                team.favour_first = self.size.favour_demo_worker
            council.teams.append(team)
        for role in COUNCIL_WIDE_ROLES:
            self.fill_slot(council, None, role, turnover=False)
        if self.with_demo_logins:
            self.place_demo_logins(council)
        return council

    def add_user(
        self, council: Council, first: str, last: str, role: str, username: str | None = None
    ) -> uuid.UUID:
        user_id = new_id(self.rng)
        username = username or self.username(first, last)
        title = names.JOB_TITLES[role]
        council.staff[user_id] = {
            "id": user_id,
            "username": username,
            "first_name": first,
            "last_name": last,
            "email": f"{username}@{ascii_slug(self.spec.name_en)[:20]}.example.invalid",
            "password": self.password_hash,
            "is_active": True,
            "job_title": title,
            "date_joined": at(self.history_start - timedelta(days=800)),
        }
        return user_id

    def staff_name(self) -> tuple[str, str]:
        female = self.rng.random() < 0.78  # the children's social care workforce
        first = (WOMEN if female else MEN).pick(self.rng)
        return first, SURNAMES.pick(self.rng)

    def fill_slot(
        self, council: Council, team: TeamPlan | None, role: str, *, turnover: bool = True
    ) -> Slot:
        rng = self.rng
        slot = Slot()
        start = self.history_start - timedelta(days=rng.randrange(30, 1500))
        while True:
            first, last = self.staff_name()
            user_id = self.add_user(council, first, last, role)
            tenure_days = int(rng.uniform(500, 3200)) if turnover else 10_000
            end: date | None = start + timedelta(days=tenure_days)
            if end is not None and end >= self.as_of:
                end = None
            slot.tenures.append(Tenure(user_id, start, end))
            council.memberships.append(
                {
                    "id": new_id(rng),
                    "user_id": user_id,
                    "authority_id": council.authority_id,
                    "team_id": team.id if team else None,
                    "role": str(role),
                    "started_on": start,
                    "ended_on": end,
                }
            )
            if end is None:
                council.staff[user_id]["date_joined"] = at(start)
                return slot
            council.staff[user_id]["is_active"] = False
            start = end  # the post is filled the day it falls vacant

    def place_demo_logins(self, council: Council) -> None:
        """Give each demo account the current post of the first team of its kind."""
        for login in DEMO_LOGINS:
            if login.team_kind is None:
                membership = next(
                    m
                    for m in council.memberships
                    if m["role"] == login.role and m["team_id"] is None
                )
            else:
                team = council.teams_of(login.team_kind)[0]
                slot = team.slots[login.role][0]
                current = slot.tenures[-1]
                membership = next(
                    m
                    for m in council.memberships
                    if m["user_id"] == current.user_id and m["ended_on"] is None
                )
            user = council.staff[membership["user_id"]]
            self.used_usernames.discard(user["username"])
            user.update(
                username=login.username,
                first_name=login.first_name,
                last_name=login.last_name,
                email=f"{login.username}@cwmarian.example.invalid",
            )
            self.used_usernames.add(login.username)

    # -- people ----------------------------------------------------------------------------

    def given(self, sex: str, born: date, welsh: bool) -> str:
        child = born.year >= 2004
        rng = self.rng
        welsh_name = welsh and rng.random() < 0.75 or (not welsh and rng.random() < 0.12)
        if sex == Sex.FEMALE:
            pool = (
                (WELSH_GIRLS if welsh_name else GIRLS)
                if child
                else (WELSH_WOMEN if welsh_name else WOMEN)
            )
        else:
            pool = (
                (WELSH_BOYS if welsh_name else BOYS)
                if child
                else (WELSH_MEN if welsh_name else MEN)
            )
        return str(pool.pick(rng))

    def person(
        self,
        household: Household,
        *,
        sex: str,
        born: date,
        surname: str,
        child: bool,
    ) -> PersonPlan:
        rng = self.rng
        plan = PersonPlan(
            id=new_id(rng),
            given_name=self.given(sex, born, household.welsh),
            family_name=surname,
            sex=sex,
            date_of_birth=born,
            household=household.index,
        )
        if born > self.as_of:
            plan.date_of_birth = None
            plan.expected_on = born
            plan.given_name = ""
        if household.welsh:
            plan.language = Language.WELSH if rng.random() < 0.85 else Language.ENGLISH
        other = OTHER_LANGUAGE.get(surname)
        if other and rng.random() < 0.6:
            plan.language = Language.OTHER
            plan.language_other = other
            plan.interpreter = not child and rng.random() < 0.5
        if plan.date_of_birth is not None and (child or rng.random() < 0.8):
            plan.nhs_number = self.nhs()
        if child and plan.date_of_birth is not None:
            age = plan.age_on(self.as_of)
            if 5 <= age <= 18 and rng.random() < 0.92:
                year = plan.date_of_birth.year + 5
                plan.upn = synthetic_upn(rng, la_code=self.spec.la_code, year_allocated=year)
            plan.restricted = rng.random() < 0.004
            plan.disabled = rng.random() < 0.05
        elif not child and rng.random() < 0.03:
            plan.estimated = True
            plan.date_of_birth = date(born.year, 1, 1)
        return plan

    def household(self, index: int) -> Household:
        rng = self.rng
        as_of = self.as_of
        spec = self.spec
        town = rng.randrange(min(self.size.localities, len(spec.towns)))
        if self.forced_open(index):
            town = 0
        street_cy, street_en = names.STREETS[rng.randrange(len(names.STREETS))]
        welsh = rng.random() < self.welsh_share or index == 0  # at least one per council
        street = street_cy if (welsh or not street_en) else street_en
        outward = f"{spec.postcode_area}{60 + town}"
        house = Household(
            index=index,
            surname=SURNAMES.pick(rng),
            welsh=welsh,
            town=town,
            street=street,
            number=rng.randrange(1, 120),
            postcode=postcode(rng, outward, names.POSTCODE_LETTERS),
        )
        shape = SHAPES.pick(rng)
        mother_age = rng.randrange(21, 50)
        mother_born = as_of - timedelta(days=365 * mother_age + rng.randrange(365))
        father_born = mother_born - timedelta(days=rng.randrange(-900, 2600))
        father_surname = house.surname
        mother_surname = house.surname if rng.random() < 0.55 else SURNAMES.pick(rng)
        mother = self.person(
            house, sex=Sex.FEMALE, born=mother_born, surname=mother_surname, child=False
        )
        father = self.person(
            house, sex=Sex.MALE, born=father_born, surname=father_surname, child=False
        )
        # children
        count = CHILD_COUNTS.pick(rng)
        born = mother_born + timedelta(days=365 * rng.randrange(16, 32) + rng.randrange(365))
        children: list[PersonPlan] = []
        for _ in range(count):
            if born > as_of + timedelta(days=150):
                break
            sex = Sex.FEMALE if rng.random() < 0.49 else Sex.MALE
            children.append(
                self.person(house, sex=sex, born=born, surname=father_surname, child=True)
            )
            born += timedelta(days=rng.randrange(300, 1900))
        house.children = children
        for child in children:
            mother_pr = shape != "kinship" or rng.random() < 0.7
            house.links.append(Link(mother.id, child.id, "parent", mother_pr))
            house.links.append(Link(father.id, child.id, "parent", rng.random() < 0.8))
        for a, b in itertools.combinations(children, 2):
            house.links.append(Link(a.id, b.id, "sibling"))
        if shape == "lone_mother":
            house.adults = [mother]
            house.relatives = [father]
        elif shape == "two_parents":
            house.adults = [mother, father]
            house.links.append(Link(mother.id, father.id, "partner"))
        elif shape == "lone_father":
            house.adults = [father]
            house.relatives = [mother]
        elif shape == "step_family":
            step_born = mother_born - timedelta(days=rng.randrange(-1500, 3000))
            step = self.person(
                house, sex=Sex.MALE, born=step_born, surname=SURNAMES.pick(rng), child=False
            )
            house.adults = [mother, step]
            house.relatives = [father]
            house.links.append(Link(mother.id, step.id, "partner"))
            for child in children:
                house.links.append(Link(step.id, child.id, "step_parent", rng.random() < 0.15))
        else:  # kinship: grandparents bring the children up
            house.relatives = [mother, father]
        self.grandparents(house, shape, mother, mother_surname, children)
        # more families came to notice recently than long ago (and many are still open)
        back = int((as_of - self.history_start).days * rng.random() ** 1.4)
        house.first_contact = as_of - timedelta(days=max(back, 10))
        return house

    def grandparents(
        self,
        house: Household,
        shape: str,
        mother: PersonPlan,
        mother_surname: str,
        children: list[PersonPlan],
    ) -> None:
        """Grandparents: bringing the children up in kinship care, or living elsewhere."""
        rng = self.rng
        mother_born = mother.date_of_birth or self.as_of
        if shape != "kinship" and rng.random() >= 0.25:
            return
        gran_born = mother_born - timedelta(days=365 * rng.randrange(19, 30))
        gran = self.person(
            house, sex=Sex.FEMALE, born=gran_born, surname=mother_surname, child=False
        )
        grans = [gran]
        if rng.random() < 0.5:
            grandad_born = gran_born - timedelta(days=rng.randrange(-400, 2000))
            grans.append(
                self.person(
                    house, sex=Sex.MALE, born=grandad_born, surname=mother_surname, child=False
                )
            )
            house.links.append(Link(grans[0].id, grans[1].id, "partner"))
        for g in grans:
            house.links.append(Link(g.id, mother.id, "parent"))
            for child in children:
                pr = shape == "kinship" and rng.random() < 0.6  # special guardianship
                house.links.append(Link(g.id, child.id, "grandparent", pr))
        if shape == "kinship":
            house.adults = grans
        else:
            house.relatives += grans

    def populate(self, council: Council, plan_history: Callable[[Household], int]) -> None:
        """Add households until enough children have a history (`plan_history` counts them)."""
        involved = 0
        index = 0
        while involved < self.size.involved_children:
            house = self.household(index)
            index += 1
            if not house.children:
                continue
            involved += plan_history(house)
            council.households.append(house)

    # -- rows ------------------------------------------------------------------------------

    def write_council(self, council: Council, writer: BulkWriter) -> None:
        writer.add(
            Authority,
            {
                "id": council.authority_id,
                "code": council.spec.code,
                "name_en": council.spec.name_en,
                "name_cy": council.spec.name_cy,
                "jurisdiction": str(Jurisdiction.WALES),
            },
        )
        for team in council.teams:
            writer.add(
                Team,
                {
                    "id": team.id,
                    "authority_id": council.authority_id,
                    "name_en": team.name_en,
                    "name_cy": team.name_cy,
                    "kind": str(team.kind),
                },
            )
        for user in council.staff.values():
            writer.add(User, user)
        writer.add_many(Membership, council.memberships)

    def active_offer_by(self, council: Council, day: date) -> uuid.UUID | None:
        team = council.teams_of(TeamKind.FRONT_DOOR)[0]
        posts = team.slots[Role.SOCIAL_WORKER]
        return posts[self.rng.randrange(len(posts))].holder(day).user_id

    def write_people(self, council: Council, writer: BulkWriter) -> None:
        ethnicities = {
            code: pk
            for code, pk in EthnicityCode.objects.filter(scheme="ssda903").values_list("code", "id")
        }
        for house in council.households:
            self.write_household(council, house, writer, ethnicities)

    def write_household(
        self,
        council: Council,
        house: Household,
        writer: BulkWriter,
        ethnicities: dict[str, uuid.UUID],
    ) -> None:
        rng = self.rng
        authority_id = council.authority_id
        contact = house.first_contact or self.history_start
        offer_by = self.active_offer_by(council, contact)
        ethnicity = ETHNICITY_BY_SURNAME.get(house.surname) or ETHNICITIES.pick(rng)
        religion = RELIGION_BY_SURNAME.get(house.surname) or RELIGIONS.pick(rng)
        moved_in = contact - timedelta(days=rng.randrange(60, 3000))
        home = self.address_lines(house.town, house.street, house.number, house.postcode)
        for person in itertools.chain(house.adults, house.children, house.relatives):
            offered = rng.random() < 0.85
            child = person in house.children
            first_language = {"cy": "Welsh", "en": "English"}.get(
                str(person.language), person.language_other
            )
            writer.add(
                Person,
                {
                    "id": person.id,
                    "authority_id": authority_id,
                    "created_at": at(contact, 10),
                    "given_name": person.given_name,
                    "middle_names": self.middle_name(person) if child else "",
                    "family_name": person.family_name,
                    "date_of_birth": person.date_of_birth,
                    "date_of_birth_estimated": person.estimated,
                    "expected_on": person.expected_on,
                    "died_on": person.died_on,
                    "sex": str(person.sex),
                    "ethnicity_id": ethnicities.get(ethnicity),
                    "religion": religion if rng.random() < 0.85 else "",
                    "first_language": first_language,
                    "disability": str(self.disability(person, child)),
                    "disability_description": (rng.choice(DISABILITIES) if person.disabled else ""),
                    "preferred_language": str(person.language),
                    "preferred_language_other": person.language_other,
                    "interpreter_needed": person.interpreter,
                    "active_offer_made_on": contact if offered else None,
                    "active_offer_made_by_id": offer_by if offered else None,
                    "nhs_number": person.nhs_number,
                    "upn": person.upn,
                    "restricted": person.restricted,
                    "submission_token": None,
                },
            )
            lives_here = person in house.adults or child
            if lives_here:
                lines = home
            else:
                street = names.STREETS[rng.randrange(len(names.STREETS))]
                town = rng.randrange(min(self.size.localities, len(self.spec.towns)))
                outward = f"{self.spec.postcode_area}{60 + town}"
                lines = self.address_lines(
                    town,
                    street[1] or street[0],
                    rng.randrange(1, 150),
                    postcode(rng, outward, names.POSTCODE_LETTERS),
                )
            self.write_person_details(
                council, house, person, child, lines, moved_in, offer_by, writer
            )
        for link in house.links:
            pair = new_id(rng)
            common = {
                "authority_id": authority_id,
                "created_at": at(contact, 11),
                "description": "",
                "started_on": None,
                "ended_on": None,
                "pair_id": pair,
                "recorded_by_id": offer_by,
                "submission_token": None,
            }
            # `kind` says what `related` is to `person`: the link's "from" is `kind` of "to"
            writer.add(
                Relationship,
                {
                    **common,
                    "id": new_id(rng),
                    "person_id": link.to_id,
                    "related_id": link.from_id,
                    "kind": link.kind,
                    "parental_responsibility": link.parental_responsibility,
                },
            )
            writer.add(
                Relationship,
                {
                    **common,
                    "id": new_id(rng),
                    "person_id": link.from_id,
                    "related_id": link.to_id,
                    "kind": RECIPROCAL[link.kind],
                    "parental_responsibility": False,
                },
            )

    def address_lines(self, town: int, street: str, number: int, code: str) -> dict[str, str]:
        town_en, town_cy = self.spec.towns[town]
        return {
            "line_1": f"{number} {street}",
            "town": town_en,
            "county": self.spec.name_en.split(" County")[0],
            "postcode": code,
            "_town_cy": town_cy,
        }

    def middle_name(self, person: PersonPlan) -> str:
        if self.rng.random() > 0.3 or person.date_of_birth is None:
            return ""
        return self.given(person.sex, person.date_of_birth, self.rng.random() < 0.3)

    def disability(self, person: PersonPlan, child: bool) -> str:
        if person.disabled:
            return str(Disability.YES)
        if child or self.rng.random() < 0.6:
            return str(Disability.NO)
        return str(Disability.NOT_KNOWN)

    def write_person_details(
        self,
        council: Council,
        house: Household,
        person: PersonPlan,
        child: bool,
        lines: dict[str, str],
        moved_in: date,
        recorded_by: uuid.UUID | None,
        writer: BulkWriter,
    ) -> None:
        rng = self.rng
        authority_id = council.authority_id
        contact = house.first_contact or self.history_start
        born = person.date_of_birth
        common = {"authority_id": authority_id, "created_at": at(contact, 10, 30)}
        if born is not None:
            start = max(moved_in, born)
            welsh_town = house.welsh and lines["_town_cy"] != lines["town"]
            writer.add(
                Address,
                {
                    **common,
                    "id": new_id(rng),
                    "person_id": person.id,
                    "line_1": lines["line_1"],
                    "line_2": "",
                    "town": lines["_town_cy"] if welsh_town else lines["town"],
                    "county": lines["county"],
                    "postcode": lines["postcode"],
                    "started_on": start,
                    "ended_on": None,
                    "recorded_by_id": recorded_by,
                    "submission_token": None,
                },
            )
            if not child and rng.random() < 0.3 and start - timedelta(days=400) > born:
                writer.add(
                    Address,
                    {
                        **common,
                        "id": new_id(rng),
                        "person_id": person.id,
                        "line_1": f"Flat {rng.randrange(1, 30)}, Tŷ {rng.choice(TY_NAMES)}",
                        "line_2": "",
                        "town": lines["town"],
                        "county": lines["county"],
                        "postcode": lines["postcode"][:-2] + "AB",
                        "started_on": start - timedelta(days=rng.randrange(400, 2000)),
                        "ended_on": start,
                        "recorded_by_id": recorded_by,
                        "submission_token": None,
                    },
                )
        if not child and rng.random() < 0.8:
            writer.add(
                ContactDetail,
                {
                    **common,
                    "id": new_id(rng),
                    "person_id": person.id,
                    "channel": str(ContactChannel.PHONE),
                    "kind": str(ContactKind.MOBILE),
                    "value": f"07700 900{rng.randrange(1000):03d}",  # Ofcom's drama range
                    "preferred": True,
                    "started_on": contact,
                    "ended_on": None,
                    "recorded_by_id": recorded_by,
                    "submission_token": None,
                },
            )
        other = OTHER_NAMES.get(person.given_name)
        if other and rng.random() < 0.4:
            kind: str = PersonNameKind.ALIAS if other in VARIANTS else PersonNameKind.KNOWN_AS
            writer.add(
                PersonName,
                {
                    **common,
                    "id": new_id(rng),
                    "person_id": person.id,
                    "kind": str(kind),
                    "given_name": other,
                    "family_name": person.family_name,
                    "started_on": None,
                    "ended_on": None,
                    "recorded_by_id": recorded_by,
                    "submission_token": None,
                },
            )
        if not child and person.sex == Sex.FEMALE and rng.random() < 0.3:
            writer.add(
                PersonName,
                {
                    **common,
                    "id": new_id(rng),
                    "person_id": person.id,
                    "kind": str(PersonNameKind.BIRTH),
                    "given_name": person.given_name,
                    "family_name": SURNAMES.pick(rng),
                    "started_on": None,
                    "ended_on": None,
                    "recorded_by_id": recorded_by,
                    "submission_token": None,
                },
            )
        warning = self.warning(child)
        if warning is not None and recorded_by is not None:
            kind, text = warning
            writer.add(
                Warning,
                {
                    **common,
                    "id": new_id(rng),
                    "person_id": person.id,
                    "kind": str(kind),
                    "description": text,
                    "started_on": contact,
                    "ended_on": None,
                    "raised_by_id": recorded_by,
                    "submission_token": None,
                },
            )

    def warning(self, child: bool) -> tuple[str, str] | None:
        roll = self.rng.random()
        pool = CHILD_WARNINGS if child else ADULT_WARNINGS
        if roll >= (0.02 if child else 0.05):
            return None
        return pool[self.rng.randrange(len(pool))]

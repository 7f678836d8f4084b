"""Front door history for a generated council: contacts over the years with a seasonal pattern,
realistic sources and outcomes, re-referrals, threshold decisions, feedback to referrers (sent
and missed), and the council's services directory, written as rows.

Every episode of involvement the history generator planned begins with a contact decided the
same day; around them, contacts that ended at the front door (advice, signposting, early help,
no further action) bring the volume to the size's contacts a year (3,000 at `demo` size, the
inspected council's). A few of the most
recent contacts are still awaiting a decision, with their clocks started by the timescales
services, so the front door queue has work in it.
"""

import random
import uuid
from datetime import date, datetime, timedelta

from django.utils import timezone

from gofal.authorities.models import Authority, Team, TeamKind
from gofal.demo.generator import Council, CouncilGenerator, Household, PersonPlan, Weighted, at
from gofal.demo.writer import BulkWriter
from gofal.early_help.models import FundingSource, Service
from gofal.front_door.models import (
    PROFESSIONAL_SOURCES,
    Channel,
    ConcernCategory,
    Consent,
    Contact,
    ContactPerson,
    Feedback,
    FeedbackKind,
    FeedbackMethod,
    Outcome,
    ThresholdDecision,
    ThresholdLevel,
    Urgency,
)
from gofal.front_door.services import SOURCE_TYPE
from gofal.timescales import services as timescales

AWAITING = 6  # the most recent contacts, still to be decided

# Month weights: quieter in the school summer holiday and at Christmas, busier in autumn term.
MONTHS = [9, 9, 10, 9, 9, 8, 7, 5, 10, 11, 11, 7]

SOURCES = Weighted(
    [
        ("police", 28),
        ("school", 18),
        ("health_visitor", 8),
        ("gp", 4),
        ("hospital", 6),
        ("housing", 4),
        ("probation", 2),
        ("family", 10),
        ("public", 6),
        ("child", 1),
        ("other_council", 3),
        ("anonymous", 4),
        ("other", 6),
    ]
)
CHANNELS = {
    "police": Weighted([("email", 60), ("phone", 30), ("out_of_hours", 10)]),
    "school": Weighted([("phone", 55), ("email", 35), ("online", 10)]),
    "public": Weighted([("phone", 60), ("online", 40)]),
    "anonymous": Weighted([("phone", 80), ("online", 20)]),
    "family": Weighted([("phone", 60), ("in_person", 20), ("online", 20)]),
}
OTHER_CHANNELS = Weighted([("phone", 50), ("email", 40), ("online", 10)])
FRONT_DOOR_OUTCOMES = Weighted(
    [
        (Outcome.ADVICE, 34),
        (Outcome.SIGNPOSTED, 22),
        (Outcome.EARLY_HELP, 16),
        (Outcome.NO_FURTHER_ACTION, 28),
    ]
)
EPISODE_OUTCOME = {
    "iaa": None,  # decided like the contacts that end at the front door
    "early_help": Outcome.EARLY_HELP,
    "care_support": Outcome.ASSESSMENT,
    "child_protection": Outcome.STRATEGY_DISCUSSION,
    "looked_after": Outcome.ASSESSMENT,
}
LEVEL_FOR = {
    Outcome.ADVICE: "universal",
    Outcome.SIGNPOSTED: "universal",
    Outcome.NO_FURTHER_ACTION: "universal",
    Outcome.EARLY_HELP: "early_help",
    Outcome.ASSESSMENT: "care_and_support",
    Outcome.STRATEGY_DISCUSSION: "protection",
}
CONCERNS = {
    ConcernCategory.DOMESTIC_ABUSE: "Police attended a domestic incident at the home overnight; "
    "the children were in the house.",
    ConcernCategory.NEGLECT: "The children often arrive at school hungry and in the same "
    "clothes; the home was described as cold and dirty.",
    ConcernCategory.PARENTAL_SUBSTANCE: "Mother was seen under the influence of alcohol when "
    "collecting the children.",
    ConcernCategory.PARENTAL_MENTAL_HEALTH: "Father has stopped his medication and the family "
    "say they are struggling to cope.",
    ConcernCategory.BEHAVIOUR: "Increasing aggression at school and two exclusions this term.",
    ConcernCategory.PHYSICAL_ABUSE: "Bruising to the upper arm noticed at school; the child "
    "gave different accounts of how it happened.",
    ConcernCategory.HOUSING: "The family is facing eviction and living in one room.",
    ConcernCategory.MISSING: "The young person has been missing from home three times this month.",
    ConcernCategory.CHILD_MENTAL_HEALTH: "The young person has talked about self-harm to a "
    "teacher.",
}
CONCERN_KINDS = Weighted([(k, 1) for k in CONCERNS])
REFERRERS = {
    "police": ("PC", "Heddlu Gwent Police", "Police officer"),
    "school": ("", "Ysgol Gynradd", "Designated safeguarding lead"),
    "health_visitor": ("", "Aneurin Bevan health board", "Health visitor"),
    "gp": ("Dr", "Meddygfa", "GP"),
    "hospital": ("", "Ysbyty Aneurin Bevan", "Paediatric nurse"),
    "housing": ("", "Tai Calon", "Housing officer"),
    "probation": ("", "Probation Service", "Probation officer"),
    "other_council": ("", "Neighbouring council", "Social worker"),
}
SERVICES = [
    ("Families First parenting", "Rhianta Teuluoedd yn Gyntaf", "Families First", None, 0),
    ("Flying Start childcare", "Gofal plant Dechrau’n Deg", "Flying Start", None, 0),
    ("Team Around the Family", "Tîm o Amgylch y Teulu", "Families First", None, 0),
    ("Young carers’ group", "Grŵp gofalwyr ifanc", "Credu", FundingSource.CHARITY, 400),
    ("Domestic abuse support", "Cymorth cam-drin domestig", "Cymorth i Ferched", None, 700),
    ("Healthy relationships course", "Cwrs perthnasoedd iach", "Barnardo’s Cymru", None, -40),
    ("Debt and benefits advice", "Cyngor dyled a budd-daliadau", "Cyngor ar Bopeth", None, 0),
    ("Youth mental health drop-in", "Sesiwn galw heibio iechyd meddwl", "Platfform", None, -10),
    ("Food bank", "Banc bwyd", "Trussell", FundingSource.CHARITY, 0),
    ("Holiday play scheme", "Cynllun chwarae gwyliau", "Council play team", None, 120),
]


class FrontDoorHistory:
    def __init__(self, generator: CouncilGenerator, council: Council, writer: BulkWriter) -> None:
        self.g = generator
        self.rng: random.Random = random.Random(generator.rng.getrandbits(64))
        self.council = council
        self.writer = writer
        self.as_of: date = generator.as_of
        self.team = council.teams_of(TeamKind.FRONT_DOOR)[0]
        self.early_help = council.teams_of(TeamKind.EARLY_HELP)
        self.localities = council.teams_of(TeamKind.LOCALITY)
        levels = ThresholdLevel.objects.filter(authority__isnull=True).prefetch_related(
            "descriptors"
        )
        self.levels = {level.code: level for level in levels}
        self.services: list[uuid.UUID] = []
        self.awaiting: list[tuple[uuid.UUID, datetime, list[uuid.UUID]]] = []
        self.descriptor_links: list[tuple[uuid.UUID, uuid.UUID]] = []
        self.service_links: list[tuple[uuid.UUID, uuid.UUID]] = []
        self.count = 0

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    # -- the directory ----------------------------------------------------------------------

    def write_services(self) -> None:
        for name_en, name_cy, provider, source, ends in SERVICES:
            service_id = self.new_id()
            if ends >= 0:
                self.services.append(service_id)
            self.writer.add(
                Service,
                {
                    "id": service_id,
                    "authority_id": self.council.authority_id,
                    "created_at": at(self.g.history_start),
                    "name_en": name_en,
                    "name_cy": name_cy,
                    "description_en": f"{name_en}, run by {provider}.",
                    "description_cy": f"{name_cy}, a redir gan {provider}.",
                    "provider": provider,
                    "eligibility": "Families living in the county",
                    "area": "Whole county",
                    "contact": "01495 000 000",
                    "funding_source": str(source or FundingSource.FAMILIES_FIRST),
                    "funding_ends_on": self.as_of + timedelta(days=ends) if ends else None,
                },
            )

    # -- contacts -----------------------------------------------------------------------------

    def received(self, day: date) -> datetime:
        hour = self.rng.choices(range(24), weights=[1] * 8 + [8] * 9 + [2] * 7)[0]
        return at(day, hour, self.rng.randrange(60))

    def seasonal_day(self) -> date:
        start = self.g.history_start
        while True:
            day = start + timedelta(days=self.rng.randrange((self.as_of - start).days))
            if self.rng.random() * 11 < MONTHS[day.month - 1] and day.weekday() < 6:
                return day

    def children_on(self, house: Household, day: date) -> list[PersonPlan]:
        return [
            c
            for c in house.children
            if c.date_of_birth is not None and c.date_of_birth <= day and c.age_on(day) < 18
        ]

    def write(self) -> None:
        self.write_services()
        houses = self.council.households
        if not houses:
            return
        years = (self.as_of - self.g.history_start).days / 365
        target = int(self.g.size.contacts_per_year * years)
        for house in houses:
            for ep in getattr(house, "episodes", []):
                children = self.children_on(house, ep.start)
                if children:
                    outcome = EPISODE_OUTCOME[ep.kind] or FRONT_DOOR_OUTCOMES.pick(self.rng)
                    day = ep.start - timedelta(days=self.rng.choice((0, 0, 0, 1)))
                    self.contact(house, children, self.received(day), outcome, episode=ep)
        while self.count < target:
            house = houses[self.rng.randrange(len(houses))]
            day = self.seasonal_day()
            children = self.children_on(house, day)
            if children:
                self.contact(
                    house, children, self.received(day), FRONT_DOOR_OUTCOMES.pick(self.rng)
                )
        for _ in range(AWAITING):
            house = houses[self.rng.randrange(len(houses))]
            children = self.children_on(house, self.as_of)
            if children:
                received = at(self.as_of, self.rng.randrange(8, 16), self.rng.randrange(60))
                self.contact(house, children, received, None)

    def worker(self, day: date) -> uuid.UUID:
        return self.team.worker_post(self.rng.random()).holder(day).user_id

    def contact(self, house, children, received, outcome, episode=None) -> None:  # noqa: ANN001
        rng = self.rng
        source = SOURCES.pick(rng)
        channel = (CHANNELS.get(source) or OTHER_CHANNELS).pick(rng)
        professional = source in PROFESSIONAL_SOURCES
        title, organisation, role = REFERRERS.get(source, ("", "", ""))
        first, last = self.g.staff_name()
        name = f"{title} {first} {last}".strip() if source not in ("anonymous",) else ""
        kind = CONCERN_KINDS.pick(rng)
        day = received.date()
        worker = self.worker(day)
        contact_id = self.new_id()
        welsh = house.welsh and rng.random() < 0.6
        consent = rng.choices(
            [Consent.OBTAINED, Consent.NOT_OBTAINED, Consent.NOT_SOUGHT], weights=[78, 12, 10]
        )[0]
        self.writer.add(
            Contact,
            {
                "id": contact_id,
                "authority_id": self.council.authority_id,
                "created_at": received + timedelta(minutes=rng.randrange(5, 90)),
                "received_at": received,
                "channel": str(channel),
                "source": str(source),
                "referrer_name": name,
                "referrer_organisation": organisation,
                "referrer_role": role,
                "referrer_email": f"{first.lower()}.{last.lower()}@example.org"
                if professional
                else "",
                "referrer_language": "cy" if welsh else "en",
                "concerns": CONCERNS[kind],
                "concern_categories": [str(kind)],
                "consent": str(consent),
                "consent_reason": ""
                if consent == Consent.OBTAINED
                else "Seeking consent could have put the child at risk."
                if consent == Consent.NOT_SOUGHT
                else "Mother declined; the concern was serious enough to share.",
                "urgency": str(
                    Urgency.IMMEDIATE
                    if outcome == Outcome.STRATEGY_DISCUSSION
                    else Urgency.TODAY
                    if rng.random() < 0.4
                    else Urgency.ROUTINE
                ),
                "team_id": self.team.id,
                "child_identified_at": received,
                "confirmation_due_at": received + timedelta(hours=24)
                if professional and channel == Channel.PHONE
                else None,
                "confirmation_received_at": received + timedelta(hours=rng.randrange(2, 40))
                if professional and channel == Channel.PHONE and rng.random() < 0.8
                else None,
                "recorded_by_id": worker,
            },
        )
        people = [c.id for c in children]
        for person in people:
            self.writer.add(
                ContactPerson,
                {
                    "id": self.new_id(),
                    "authority_id": self.council.authority_id,
                    "created_at": received,
                    "contact_id": contact_id,
                    "person_id": person,
                    "role": "child",
                    "added_by_id": worker,
                },
            )
        for adult in house.adults[:1]:
            self.writer.add(
                ContactPerson,
                {
                    "id": self.new_id(),
                    "authority_id": self.council.authority_id,
                    "created_at": received,
                    "contact_id": contact_id,
                    "person_id": adult.id,
                    "role": "adult",
                    "added_by_id": worker,
                },
            )
        self.count += 1
        if outcome is None:
            self.awaiting.append((contact_id, received, people))
            return
        self.decision(contact_id, received, outcome, worker, house, episode)
        if professional:
            self.feedback(contact_id, received, worker, welsh, name, organisation)

    def decision(self, contact_id, received, outcome, worker, house, episode) -> None:  # noqa: ANN001
        rng = self.rng
        late = rng.random() < 0.12
        decided = received + timedelta(
            hours=rng.randrange(26, 70) if late else rng.randrange(1, 20)
        )
        if decided.date() > self.as_of:
            decided = at(self.as_of, 17)
        level = self.levels[LEVEL_FOR[outcome]]
        manager = self.team.manager(decided.date())
        decision_id = self.new_id()
        opens = outcome in (Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION)
        self.writer.add(
            ThresholdDecision,
            {
                "id": decision_id,
                "authority_id": self.council.authority_id,
                "created_at": decided,
                "contact_id": contact_id,
                "level_id": level.id,
                "reasons": "History checked; the level of need matches the descriptors chosen.",
                "corroboration": "School and health visitor consulted.",
                "child_perspective": "The child was spoken to by the referrer and said they "
                "were worried.",
                "outcome": str(outcome),
                "what_matters": "Talked through what matters to the family; advice on "
                "routines and where to get help."
                if outcome == Outcome.ADVICE
                else "",
                "early_help_team_id": self.early_help[rng.randrange(len(self.early_help))].id
                if outcome == Outcome.EARLY_HELP and self.early_help
                else None,
                "involvement_team_id": self.localities[house.town % len(self.localities)].id
                if opens
                else None,
                "involvement_reason": "abuse_or_neglect" if opens else "",
                "family_told": "The family were told no further action would be taken and "
                "given the Family Information Service number."
                if outcome == Outcome.NO_FURTHER_ACTION
                else "",
                "decided_by_id": worker,
                "decided_at": decided,
                "authorised_by_id": manager if level.requires_authorisation else None,
                "authorised_at": decided if level.requires_authorisation else None,
            },
        )
        descriptors = list(level.descriptors.all())
        self.descriptor_links.append((decision_id, descriptors[0].id))
        if outcome == Outcome.SIGNPOSTED and self.services:
            self.service_links.append(
                (decision_id, self.services[rng.randrange(len(self.services))])
            )

    def feedback(self, contact_id, received, worker, welsh, name, organisation) -> None:  # noqa: ANN001
        rng = self.rng
        for kind, chance, hours in (
            (FeedbackKind.ACKNOWLEDGEMENT, 0.88, (1, 72)),
            (FeedbackKind.OUTCOME, 0.75, (20, 240)),
        ):
            if rng.random() > chance:
                continue  # missed: it shows on the feedback owed list
            sent = received + timedelta(hours=rng.randrange(*hours))
            if sent.date() > self.as_of:
                continue
            subject = (
                ("Rydym wedi derbyn eich adroddiad" if welsh else "We have received your report")
                if kind == FeedbackKind.ACKNOWLEDGEMENT
                else ("Canlyniad eich adroddiad" if welsh else "The outcome of your report")
            )
            self.writer.add(
                Feedback,
                {
                    "id": self.new_id(),
                    "authority_id": self.council.authority_id,
                    "created_at": sent,
                    "contact_id": contact_id,
                    "kind": str(kind),
                    "method": str(FeedbackMethod.EMAIL),
                    "language": "cy" if welsh else "en",
                    "recipient": f"{name}, {organisation}",
                    "subject": subject,
                    "body": subject + ".",
                    "sent_by_id": worker,
                    "sent_at": sent,
                },
            )

    def finish(self) -> None:
        """After the rows are written: the decisions' links, and the clocks of the contacts
        still awaiting a decision (started by the timescales services)."""
        descriptors = ThresholdDecision.descriptors.through
        descriptors.objects.bulk_create(
            descriptors(thresholddecision_id=d, thresholddescriptor_id=x)
            for d, x in self.descriptor_links
        )
        services = ThresholdDecision.services.through
        services.objects.bulk_create(
            services(thresholddecision_id=d, service_id=x) for d, x in self.service_links
        )
        if not self.awaiting:
            return
        authority = Authority.objects.get(pk=self.council.authority_id)
        context = timescales.Context.for_authority(authority)
        team = Team.objects.get(pk=self.team.id)
        for contact_id, received, people in self.awaiting:
            for person in people:
                deadline = timescales.deadline_start(
                    rule_code="referral-decision",
                    authority=authority,
                    child_id=person,
                    started_at=timezone.localtime(received),
                    team=team,
                    source_type=SOURCE_TYPE,
                    source_id=str(contact_id),
                    context=context,
                )
                ContactPerson.objects.filter(contact_id=contact_id, person_id=person).update(
                    decision_deadline=deadline
                )

"""Casework history for a generated council: involvements, allocations, case notes, documents
and significant events, written as rows (see `gofal.demo.generator` for the determinism rules).

Families are worked as families: an episode of involvement belongs to a household, and every
child of the household who was born and under 18 when it started has their own involvement,
allocations and case notes for it. Siblings share their worker, unless a child's age or
disability takes them to another team (the 14 Plus team from 14, the disability team).
"""

import hashlib
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from gofal.authorities.models import TeamKind
from gofal.casework.models import (
    Allocation,
    CaseNote,
    CaseNoteKind,
    CaseNoteRevision,
    Document,
    DocumentKind,
    DocumentLanguage,
    Involvement,
    InvolvementEndReason,
    InvolvementReason,
    SignificantEvent,
    SignificantEventKind,
)
from gofal.demo.generator import (
    Council,
    CouncilGenerator,
    Household,
    PersonPlan,
    TeamPlan,
    Weighted,
    at,
    new_id,
)
from gofal.demo.writer import BulkWriter
from gofal.people.models import AccessReason, Language, PersonAccess

# kind: (weight, shortest and longest duration in days, days between visits)
EPISODES: dict[str, tuple[int, int, int, int]] = {
    "iaa": (30, 3, 35, 0),
    "early_help": (14, 60, 300, 21),
    "care_support": (32, 90, 900, 28),
    "child_protection": (14, 180, 720, 10),
    "looked_after": (10, 365, 2400, 42),
}
EPISODE_COUNTS = Weighted([(1, 50), (2, 32), (3, 18)])
EVENT_COUNTS = Weighted([(0, 35), (1, 35), (2, 20), (3, 10)])
EPISODE_KINDS = Weighted([(k, v[0]) for k, v in EPISODES.items()])

REASONS: dict[str, Weighted] = {
    "iaa": Weighted(
        [
            (InvolvementReason.ACUTE_STRESS, 30),
            (InvolvementReason.FAMILY_DYSFUNCTION, 25),
            (InvolvementReason.PARENTAL_ILLNESS, 15),
            (InvolvementReason.LOW_INCOME, 15),
            (InvolvementReason.BEHAVIOUR, 10),
            (InvolvementReason.ABUSE_OR_NEGLECT, 5),
        ]
    ),
    "early_help": Weighted(
        [
            (InvolvementReason.ACUTE_STRESS, 35),
            (InvolvementReason.FAMILY_DYSFUNCTION, 30),
            (InvolvementReason.LOW_INCOME, 15),
            (InvolvementReason.BEHAVIOUR, 20),
        ]
    ),
    "care_support": Weighted(
        [
            (InvolvementReason.ABUSE_OR_NEGLECT, 35),
            (InvolvementReason.FAMILY_DYSFUNCTION, 25),
            (InvolvementReason.PARENTAL_ILLNESS, 15),
            (InvolvementReason.ACUTE_STRESS, 15),
            (InvolvementReason.BEHAVIOUR, 10),
        ]
    ),
    "child_protection": Weighted(
        [(InvolvementReason.ABUSE_OR_NEGLECT, 85), (InvolvementReason.FAMILY_DYSFUNCTION, 15)]
    ),
    "looked_after": Weighted(
        [
            (InvolvementReason.ABUSE_OR_NEGLECT, 62),
            (InvolvementReason.FAMILY_DYSFUNCTION, 15),
            (InvolvementReason.ABSENT_PARENTING, 10),
            (InvolvementReason.PARENTAL_ILLNESS, 8),
            (InvolvementReason.ACUTE_STRESS, 5),
        ]
    ),
}
REASON_DETAIL = {
    InvolvementReason.ABUSE_OR_NEGLECT: "Referral from school about neglect and missed meals.",
    InvolvementReason.FAMILY_DYSFUNCTION: "Domestic abuse notification from the police (PPN).",
    InvolvementReason.PARENTAL_ILLNESS: "Parent's mental health has deteriorated.",
    InvolvementReason.ACUTE_STRESS: "Family in crisis after losing their tenancy.",
    InvolvementReason.BEHAVIOUR: "Concerns about exploitation and going missing overnight.",
    InvolvementReason.LOW_INCOME: "Family asked for help with food and heating.",
    InvolvementReason.ABSENT_PARENTING: "Parents unable to care for the children.",
    InvolvementReason.DISABILITY: "Assessment of care and support needs for a disabled child.",
}
END_REASONS = Weighted(
    [
        (InvolvementEndReason.NEEDS_MET, 45),
        (InvolvementEndReason.STEPPED_DOWN, 25),
        (InvolvementEndReason.MOVED_AWAY, 10),
        (InvolvementEndReason.DECLINED, 5),
        (InvolvementEndReason.OTHER, 3),
    ]
)
CHANGE_REASONS = Weighted(
    [
        ("management_decision", 35),
        ("contract_ended", 12),
        ("restructure", 4),
        ("worker_absent", 15),
        ("child_circumstances", 6),
        ("child_or_family_request", 5),
        ("other", 4),
    ]
)
NOTE_KINDS = Weighted(
    [
        (CaseNoteKind.HOME_VISIT, 55),
        (CaseNoteKind.PHONE_CALL, 20),
        (CaseNoteKind.OFFICE_VISIT, 8),
        (CaseNoteKind.MEETING, 10),
        (CaseNoteKind.EMAIL_OR_LETTER, 7),
    ]
)
SEEN_CHANCE: dict[str, float] = {
    CaseNoteKind.HOME_VISIT: 0.88,
    CaseNoteKind.OFFICE_VISIT: 0.8,
    CaseNoteKind.MEETING: 0.4,
}

NARRATIVE_EN: dict[str, tuple[str, ...]] = {
    CaseNoteKind.HOME_VISIT: (
        "Visited {child} at home with {carer}.",
        "Unannounced visit to the family home.",
        "Planned home visit to review the care and support plan.",
    ),
    CaseNoteKind.PHONE_CALL: (
        "Phone call with {carer} to arrange the next visit.",
        "Call from school: {child} was late three times this week.",
        "Spoke to {carer} about the outcome of the health appointment.",
    ),
    CaseNoteKind.OFFICE_VISIT: (
        "{child} came to the office with {carer}.",
        "Met {child} at the office after school.",
    ),
    CaseNoteKind.MEETING: (
        "Core group meeting held at school.",
        "Team around the family meeting with health visitor and school.",
        "Review meeting: plan updated, actions agreed with the family.",
    ),
    CaseNoteKind.EMAIL_OR_LETTER: (
        "Letter sent to {carer} confirming the plan.",
        "Email from the school nurse with an update.",
    ),
}
NARRATIVE_CY: dict[str, tuple[str, ...]] = {
    CaseNoteKind.HOME_VISIT: (
        "Ymweld â {child} gartref gyda {carer}.",
        "Ymweliad dirybudd â chartref y teulu.",
    ),
    CaseNoteKind.PHONE_CALL: ("Galwad ffôn gyda {carer} i drefnu'r ymweliad nesaf.",),
    CaseNoteKind.OFFICE_VISIT: ("Daeth {child} i'r swyddfa gyda {carer}.",),
    CaseNoteKind.MEETING: ("Cyfarfod grŵp craidd yn yr ysgol.",),
    CaseNoteKind.EMAIL_OR_LETTER: ("Llythyr at {carer} yn cadarnhau'r cynllun.",),
}
SEEN_EN = (
    "{child} was seen and was chatty, showed me their bedroom and school work.",
    "{child} was seen; quiet at first, then talked about friends and football.",
    "{child} was seen and appeared well cared for; the home was warm and tidy.",
    "{child} was seen; the home conditions had slipped again since the last visit.",
)
SEEN_ALONE_EN = (
    " Spoke with {child} alone in their room: they said they feel safe at home.",
    " Saw {child} alone: they said things are better since the last review.",
    " Saw {child} alone: they are worried about arguments at home.",
)
SEEN_CY = (
    "Gwelwyd {child}; roedd yn siaradus ac yn dangos ei waith ysgol.",
    "Gwelwyd {child}; roedd y cartref yn gynnes ac yn daclus.",
)
SEEN_ALONE_CY = (" Siaradais â {child} ar ei ben ei hun: mae'n dweud ei fod yn teimlo'n ddiogel.",)
NOT_SEEN_EN = (
    " {child} was not seen: at school at the time of the visit.",
    " {child} was not seen; a further visit is booked for next week.",
)

DOCUMENTS = (
    # (kind, English title, Welsh title, days after the start)
    (DocumentKind.ASSESSMENT, "Care and support assessment", "Asesiad gofal a chymorth", 35),
    (DocumentKind.PLAN, "Care and support plan", "Cynllun gofal a chymorth", 50),
    (DocumentKind.MINUTES, "Core group meeting minutes", "Cofnodion cyfarfod grŵp craidd", 90),
    (DocumentKind.PARTNER, "Police protection notice", "Hysbysiad amddiffyn yr heddlu", 2),
    (DocumentKind.LETTER, "Letter to the family", "Llythyr at y teulu", 20),
    (DocumentKind.REPORT, "School report", "Adroddiad ysgol", 120),
)
SAMPLE_FILES = {
    "en": "documents/demo/sample-document-en.txt",
    "cy": "documents/demo/sample-document-cy.txt",
}
SAMPLE_TEXT = {
    "en": "Gofal demo council: a sample document. This family and everything in it is invented.\n",
    "cy": "Cyngor enghreifftiol Gofal: dogfen sampl. Mae'r teulu a phopeth ynddi'n ddychmygol.\n",
}

EVENTS = (
    (SignificantEventKind.HOUSE_MOVE, "Family moved to a new tenancy."),
    (SignificantEventKind.SCHOOL_CHANGE, "Fixed-term exclusion from school for two days."),
    (SignificantEventKind.POLICE, "Police called to the home after an argument."),
    (SignificantEventKind.DOMESTIC_ABUSE, "Domestic abuse incident reported (PPN received)."),
    (SignificantEventKind.HEALTH, "Admitted to hospital overnight with asthma."),
    (SignificantEventKind.BEREAVEMENT, "Grandparent died."),
    (SignificantEventKind.ACHIEVEMENT, "Won a prize at the school eisteddfod."),
    (SignificantEventKind.FAMILY_CHANGE, "Father left the family home."),
)
TEEN_EVENTS = (
    (SignificantEventKind.MISSING, "Missing overnight; found by police the next morning."),
    (SignificantEventKind.COURT, "Interim care order made at the family court."),
)


@dataclass
class Segment:
    """A stretch of an episode with one kind of team and one worker choice."""

    start: date
    end: date | None
    role: str  # front_door, early_help, locality, looked_after
    pick: float  # which post in the team
    reason: str | None  # why the worker changed into this segment


@dataclass
class Episode:
    kind: str
    start: date
    end: date | None
    segments: list[Segment]
    end_reason: str
    early_help_team: int


def sample_documents() -> dict[str, tuple[str, int, str]]:
    """A handful of real files that every generated document's metadata points at."""
    files = {}
    for lang, name in SAMPLE_FILES.items():
        content = SAMPLE_TEXT[lang].encode()
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(content))
        files[lang] = (name, len(content), hashlib.sha256(content).hexdigest())
    return files


class HistoryGenerator:
    def __init__(self, generator: CouncilGenerator, council: Council, writer: BulkWriter) -> None:
        self.g = generator
        self.rng: random.Random = generator.rng
        self.council = council
        self.writer = writer
        self.as_of = generator.as_of
        self.notes_cap = generator.size.notes_per_involvement
        self.front_door = council.teams_of(TeamKind.FRONT_DOOR)[0]
        self.early_help = council.teams_of(TeamKind.EARLY_HELP)
        self.localities = council.teams_of(TeamKind.LOCALITY)
        self.disability = council.teams_of(TeamKind.DISABILITY)[0]
        self.fourteen_plus = council.teams_of(TeamKind.FOURTEEN_PLUS)[0]
        self.looked_after = council.teams_of(TeamKind.LOOKED_AFTER)[0]
        self.files = sample_documents()
        self.open_children = 0

    # -- episodes ---------------------------------------------------------------------------

    def episodes(self, house: Household) -> list[Episode]:
        rng = self.rng
        start = house.first_contact or self.g.history_start
        count = EPISODE_COUNTS.pick(rng)
        episodes = []
        for _ in range(count):
            if start >= self.as_of - timedelta(days=3):
                break
            kind = EPISODE_KINDS.pick(rng)
            _, shortest, longest, _ = EPISODES[kind]
            end: date | None = start + timedelta(days=rng.randrange(shortest, longest))
            if end is not None and end >= self.as_of:
                end = None
            episodes.append(
                Episode(
                    kind=kind,
                    start=start,
                    end=end,
                    segments=self.segments(kind, start, end),
                    end_reason=str(END_REASONS.pick(rng)),
                    early_help_team=rng.randrange(len(self.early_help)),
                )
            )
            if end is None:
                break
            start = end + timedelta(days=rng.randrange(30, 600))
        if self.g.forced_open(house.index):
            start = self.as_of - timedelta(days=rng.randrange(60, 400))
            episodes = [e for e in episodes if e.end is not None and e.end < start]
            episodes.append(
                Episode("care_support", start, None, self.segments("care_support", start, None),
                        "", 0)
            )  # fmt: skip
        return episodes

    def segments(self, kind: str, start: date, end: date | None) -> list[Segment]:
        rng = self.rng
        if kind == "iaa":
            return [Segment(start, end, "front_door", rng.random(), None)]
        if kind == "early_help":
            roles: list[tuple[str, int | None]] = [("early_help", None)]
        elif kind == "looked_after":
            roles = [("locality", rng.randrange(30, 200)), ("looked_after", None)]
        else:  # the front door takes the contact; the locality team is allocated from day one
            roles = [("locality", None)]
        segments: list[Segment] = []
        day = start
        reason: str | None = None
        stop = end or self.as_of
        for role, days in roles:
            until = stop if days is None else min(stop, day + timedelta(days=days))
            # changes of worker within the stretch: most children keep theirs for a year or more
            while True:
                gap = int(rng.expovariate(1 / 1000)) + 60
                change = day + timedelta(days=gap)
                if change >= until or days is not None:
                    break
                segments.append(Segment(day, change, role, rng.random(), reason))
                day, reason = change, str(CHANGE_REASONS.pick(rng))
            segments.append(Segment(day, until, role, rng.random(), reason))
            if until >= stop:
                break
            day, reason = until, "transfer_process"
        if end is None:
            segments[-1].end = None
        return segments

    # -- teams and workers ------------------------------------------------------------------

    def team_for(self, role: str, child: PersonPlan, house: Household, ep: Episode, day: date):
        if role == "front_door":
            return self.front_door
        if role == "early_help":
            return self.early_help[ep.early_help_team]
        if child.disabled:
            return self.disability
        if role == "looked_after":
            return self.fourteen_plus if child.age_on(day) >= 14 else self.looked_after
        return self.localities[house.town % len(self.localities)]

    def allocations(
        self, child: PersonPlan, house: Household, ep: Episode, end: date | None
    ) -> list[tuple[date, date | None, TeamPlan, uuid.UUID, str | None]]:
        """(start, end, team, worker, reason) for the child, splitting when workers leave."""
        out: list[tuple[date, date | None, TeamPlan, uuid.UUID, str | None]] = []
        for seg in ep.segments:
            if end is not None and seg.start >= end:
                break
            seg_end = seg.end if end is None or (seg.end is not None and seg.end < end) else end
            team = self.team_for(seg.role, child, house, ep, seg.start)
            day, pick, reason = seg.start, seg.pick, seg.reason
            while True:
                tenure = team.worker_post(pick).holder(day)
                leaves = tenure.ended_on
                if out and out[-1][3] == tenure.user_id and out[-1][2] is team:
                    # same worker and team carry on: no change of worker to record
                    prev = out.pop()
                    day, reason = prev[0], prev[4]
                if leaves is not None and (seg_end is None or leaves < seg_end) and leaves > day:
                    out.append((day, leaves, team, tenure.user_id, reason))
                    day, reason = leaves, "worker_left_role"
                    pick = (pick * 7.31 + 0.377) % 1
                    continue
                out.append((day, seg_end, team, tenure.user_id, reason))
                break
        return out

    # -- rows --------------------------------------------------------------------------------

    def plan(self, house: Household) -> int:
        """Plan the household's episodes; the number of its children with a history."""
        house.episodes = self.episodes(house)
        return sum(
            1 for child in house.children if any(self.involved(child, ep) for ep in house.episodes)
        )

    @staticmethod
    def involved(child: PersonPlan, ep: Episode) -> bool:
        born = child.date_of_birth
        return born is not None and born <= ep.start and child.age_on(ep.start) < 18

    def write(self) -> None:
        for house in self.council.households:
            for ep in house.episodes:
                for child in house.children:
                    if self.involved(child, ep):
                        self.child_episode(child, house, ep)

    def child_episode(self, child: PersonPlan, house: Household, ep: Episode) -> None:
        rng = self.rng
        authority_id = self.council.authority_id
        assert child.date_of_birth is not None
        limit_age = 21 if ep.kind == "looked_after" else 18
        born = child.date_of_birth
        grown_up = date(born.year + limit_age, 3, 1) - timedelta(days=1)  # 29 February: 28th
        if (born.month, born.day) != (2, 29):
            grown_up = born.replace(year=born.year + limit_age)
        end, end_reason = ep.end, ep.end_reason
        if grown_up <= self.as_of and (end is None or grown_up < end):
            end, end_reason = grown_up, InvolvementEndReason.ADULT_SERVICES
        allocations = self.allocations(child, house, ep, end)
        first_team = allocations[0][2]
        reason = REASONS[ep.kind].pick(rng)
        if child.disabled and ep.kind != "iaa":
            reason = InvolvementReason.DISABILITY
        involvement_id = new_id(rng)
        last_team = allocations[-1][2]
        self.writer.add(
            Involvement,
            {
                "id": involvement_id,
                "authority_id": authority_id,
                "created_at": at(ep.start, 11),
                "child_id": child.id,
                "team_id": first_team.id,
                "started_on": ep.start,
                "reason": str(reason),
                "reason_detail": REASON_DETAIL[reason],
                "started_by_id": self.front_door.workers()[0].holder(ep.start).user_id,
                "ended_on": end,
                "end_reason": str(end_reason) if end else "",
                "ended_by_id": last_team.manager(end) if end else None,
            },
        )
        if end is None:
            self.open_children += 1
        for start, stop, team, worker, change in allocations:
            self.writer.add(
                Allocation,
                {
                    "id": new_id(rng),
                    "authority_id": authority_id,
                    "created_at": at(start, 12),
                    "child_id": child.id,
                    "involvement_id": involvement_id,
                    "worker_id": worker,
                    "team_id": team.id,
                    "started_on": start,
                    "ended_on": stop,
                    "reason_id": change,
                    "reason_detail": "",
                    "allocated_by_id": team.manager(start),
                },
            )
            if child.restricted:  # the allocated worker may open the restricted record
                self.writer.add(
                    PersonAccess,
                    {
                        "id": new_id(rng),
                        "authority_id": authority_id,
                        "created_at": at(start, 12),
                        "person_id": child.id,
                        "user_id": worker,
                        "granted_by_id": team.manager(start) or worker,
                        "kind": str(AccessReason.ALLOCATION),
                        "reason": "Allocated as the child's worker",
                        "starts_at": at(start, 0),
                        "ends_at": at(stop, 0) if stop else None,
                    },
                )
        self.notes(child, house, ep, allocations, end)
        if ep.kind != "iaa":
            self.documents(child, house, ep, allocations)
            self.events(child, ep, allocations, end)

    def worker_on(self, allocations, day: date) -> uuid.UUID:
        for start, stop, _team, worker, _ in allocations:
            if start <= day and (stop is None or day < stop):
                return worker
        return allocations[-1][3]

    def carer(self, house: Household) -> str:
        return house.adults[0].given_name if house.adults else "the carer"

    def notes(self, child: PersonPlan, house: Household, ep: Episode, allocations, end) -> None:
        rng = self.rng
        interval = EPISODES[ep.kind][3]
        last = min(end or self.as_of, self.as_of)
        if interval == 0:  # information, advice and assistance: a call or two
            days = [ep.start + timedelta(days=rng.randrange(0, 3)) for _ in range(2)]
            days = sorted({d for d in days if d <= last})
        else:
            days = []
            day = last - timedelta(days=rng.randrange(0, interval))
            if end is None and rng.random() < 0.1:  # a child not seen for a while
                day -= timedelta(days=rng.randrange(40, 120))
            while day >= ep.start and len(days) < self.notes_cap:
                days.append(day)
                day -= timedelta(days=max(1, int(interval * rng.uniform(0.6, 1.4))))
        welsh = child.language == Language.WELSH
        for day in days:
            kind = CaseNoteKind.PHONE_CALL if interval == 0 else NOTE_KINDS.pick(rng)
            self.note(child, house, day, kind, welsh, self.worker_on(allocations, day))

    def note(self, child, house, day: date, kind: str, welsh: bool, author: uuid.UUID) -> None:
        rng = self.rng
        seen = rng.random() < SEEN_CHANCE.get(kind, 0.0)
        alone = seen and child.age_on(day) >= 4 and rng.random() < 0.55
        names = {"child": child.given_name, "carer": self.carer(house)}
        in_welsh = welsh and rng.random() < 0.5
        opening = rng.choice((NARRATIVE_CY if in_welsh else NARRATIVE_EN)[kind])
        text = opening.format(**names)
        if seen:
            text += " " + rng.choice(SEEN_CY if in_welsh else SEEN_EN).format(**names)
            if alone:
                text += rng.choice(SEEN_ALONE_CY if in_welsh else SEEN_ALONE_EN).format(**names)
        elif kind == CaseNoteKind.HOME_VISIT:
            text += rng.choice(NOT_SEEN_EN).format(**names)
        occurred = at(day, rng.randrange(9, 17), rng.randrange(0, 60, 5))
        lag = rng.randrange(0, 3) if rng.random() < 0.93 else rng.randrange(5, 20)
        written = occurred + timedelta(days=lag, hours=rng.randrange(1, 5))
        written = min(written, at(self.as_of, 17))
        note_id = new_id(rng)
        values = {
            "authority_id": self.council.authority_id,
            "kind": str(kind),
            "occurred_at": occurred,
            "child_seen": seen,
            "seen_alone": alone,
            "narrative": text,
        }
        self.writer.add(
            CaseNote,
            {
                **values,
                "id": note_id,
                "created_at": written,
                "child_id": child.id,
                "author_id": author,
                "updated_at": None,
                "form_token": None,
            },
        )
        self.writer.add(
            CaseNoteRevision,
            {
                **values,
                "id": new_id(rng),
                "created_at": written,
                "note_id": note_id,
                "number": 1,
                "saved_by_id": author,
                "saved_at": written,
            },
        )

    def documents(self, child: PersonPlan, house: Household, ep: Episode, allocations) -> None:
        rng = self.rng
        welsh = child.language == Language.WELSH
        count = rng.randrange(0, 3 if self.notes_cap < 10 else 5)
        for kind, title_en, title_cy, offset in rng.sample(DOCUMENTS, count):
            day = ep.start + timedelta(days=offset)
            if day > (ep.end or self.as_of):
                continue
            if welsh and kind in (DocumentKind.LETTER, DocumentKind.PLAN):
                language, title, lang = DocumentLanguage.WELSH, title_cy, "cy"
            elif welsh and rng.random() < 0.5:
                language, title, lang = DocumentLanguage.BILINGUAL, title_en, "cy"
            else:
                language, title, lang = DocumentLanguage.ENGLISH, title_en, "en"
            name, size, digest = self.files[lang]
            self.writer.add(
                Document,
                {
                    "id": new_id(rng),
                    "authority_id": self.council.authority_id,
                    "created_at": at(day, 14),
                    "child_id": child.id,
                    "title": f"{title} – {child.given_name} {child.family_name}",
                    "kind": str(kind),
                    "language": str(language),
                    "file": name,
                    "original_name": f"{title.lower().replace(' ', '-')}.txt",
                    "content_type": "text/plain",
                    "size": size,
                    "sha256": digest,
                    "uploaded_by_id": self.worker_on(allocations, day),
                    "form_token": None,
                },
            )

    def events(self, child: PersonPlan, ep: Episode, allocations, end: date | None) -> None:
        rng = self.rng
        last = end or self.as_of
        span = (last - ep.start).days
        if span < 14:
            return
        count = EVENT_COUNTS.pick(rng)
        for _ in range(count):
            day = ep.start + timedelta(days=rng.randrange(span))
            pool = EVENTS + TEEN_EVENTS if child.age_on(day) >= 12 else EVENTS
            kind, summary = pool[rng.randrange(len(pool))]
            self.writer.add(
                SignificantEvent,
                {
                    "id": new_id(rng),
                    "authority_id": self.council.authority_id,
                    "created_at": at(day, 16) + timedelta(days=1),
                    "child_id": child.id,
                    "occurred_on": day,
                    "kind": str(kind),
                    "summary": summary,
                    "recorded_by_id": self.worker_on(allocations, day),
                    "form_token": None,
                },
            )

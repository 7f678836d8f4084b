"""Risk assessments and vulnerability flags for a generated council.

About one child in eight with an open involvement has a risk assessment, made by their
allocated worker: mostly completed, some still in draft, some reviewed (the earlier version
kept, the review completed as version 2), and some whose review date has passed, so the
reviews queue and the risk profile have something to show. The levels are mixed (more low
and medium than high). Harms that match a vulnerability flag raise it, as a worker would with
the one-click button; a few flags have since ended.

Written in bulk after the council's involvements and allocations (the rows are read back in
two queries), deterministic for a seed.
"""

import random
import uuid
from datetime import date, timedelta
from typing import Any

from gofal.assessments.models import VulnerabilityFlag
from gofal.casework.models import Allocation, Involvement
from gofal.demo.generator import Council, CouncilGenerator, Weighted, at, new_id
from gofal.risk.models import (
    FLAG_HARMS,
    ActionStatus,
    Capacity,
    Harm,
    HarmKind,
    Likelihood,
    RiskAction,
    RiskAssessment,
    RiskContext,
    RiskLevel,
    RiskSharing,
    RiskStatus,
    Severity,
    SharingMethod,
)

SHARE = 8  # one child in this many with an open involvement

CONTEXTS = Weighted(
    [
        (RiskContext.ASSESSMENT, 40),
        (RiskContext.EXPLOITATION, 25),
        (RiskContext.MISSING, 15),
        (RiskContext.CHILD_PROTECTION, 15),
        (RiskContext.STANDALONE, 5),
    ]
)
LEVELS = Weighted([(RiskLevel.LOW, 35), (RiskLevel.MEDIUM, 40), (RiskLevel.HIGH, 25)])
HARMS = Weighted(
    [
        (HarmKind.NEGLECT, 18),
        (HarmKind.DOMESTIC_ABUSE, 14),
        (HarmKind.EMOTIONAL_ABUSE, 10),
        (HarmKind.MISSING, 12),
        (HarmKind.CSE, 8),
        (HarmKind.CCE, 8),
        (HarmKind.SELF_HARM, 8),
        (HarmKind.SUBSTANCE_MISUSE, 7),
        (HarmKind.OFFENDING, 5),
        (HarmKind.ONLINE_HARM, 5),
        (HarmKind.PHYSICAL_ABUSE, 4),
        (HarmKind.HARMFUL_SEXUAL_BEHAVIOUR, 2),
        (HarmKind.RADICALISATION, 1),
        (HarmKind.TRAFFICKING, 1),
    ]
)
OWNERS = [
    "Allocated social worker",
    "Gwent Police child exploitation team",
    "School safeguarding lead",
    "Health visitor",
    "Youth justice service",
    "Child and adolescent mental health service",
    "Substance misuse service for young people",
    "Mam, with support from the family support worker",
]
AGENCIES = [
    "Police",
    "School safeguarding lead",
    "Health board safeguarding nurse",
    "Youth justice service",
    "Regional missing children team",
]
ACTIONS = [
    "Safety plan agreed with the young person and their family",
    "Referral to the exploitation panel",
    "Return home interview after every missing episode",
    "Weekly visits, seeing the young person alone",
    "Disruption work with the police around the places named",
    "Referral for counselling",
    "Parenting support in the evenings",
    "School attendance plan with daily check-in",
]
EVIDENCE = {
    HarmKind.NEGLECT: "Home conditions poor at three visits; the school reports hunger and "
    "unwashed uniform.",
    HarmKind.DOMESTIC_ABUSE: "Two police reports of shouting and a smashed door in the last "
    "six months; the children were in the house.",
    HarmKind.EMOTIONAL_ABUSE: "The child describes being told they are stupid and unwanted; "
    "withdrawn at school.",
    HarmKind.MISSING: "Reported missing four times since the summer, found in another town twice.",
    HarmKind.CSE: "Seen getting into cars with older men; new phone and clothes with no "
    "explanation.",
    HarmKind.CCE: "Found with cash and two phones; links to a county line named by the police.",
    HarmKind.SELF_HARM: "Cuts to the arms seen by the school nurse; says it helps when things "
    "get too much.",
    HarmKind.SUBSTANCE_MISUSE: "Smelling of cannabis at school; admitted to drinking most "
    "weekends.",
    HarmKind.OFFENDING: "Arrested for shoplifting and criminal damage; youth justice involved.",
    HarmKind.ONLINE_HARM: "Sharing images with people met online; contacted by an adult stranger.",
    HarmKind.PHYSICAL_ABUSE: "Unexplained bruising to the upper arms seen at school.",
    HarmKind.HARMFUL_SEXUAL_BEHAVIOUR: "Sexualised behaviour towards younger children "
    "reported by the school.",
    HarmKind.RADICALISATION: "Sharing extremist material online; referred through Prevent.",
    HarmKind.TRAFFICKING: "Arrived with an adult who is not a relative; documents held by "
    "someone else.",
}
LIKELIHOOD_FOR = {
    RiskLevel.LOW: [Likelihood.UNLIKELY, Likelihood.POSSIBLE],
    RiskLevel.MEDIUM: [Likelihood.POSSIBLE, Likelihood.LIKELY],
    RiskLevel.HIGH: [Likelihood.LIKELY, Likelihood.HAPPENING],
}
SEVERITY_FOR = {
    RiskLevel.LOW: [Severity.LOW, Severity.MODERATE],
    RiskLevel.MEDIUM: [Severity.MODERATE, Severity.SERIOUS],
    RiskLevel.HIGH: [Severity.SERIOUS, Severity.SEVERE],
}
RATIONALE = {
    RiskLevel.LOW: "The concern is real but the family are acting on it and the child has "
    "people around them who keep them safe.",
    RiskLevel.MEDIUM: "Harm is possible and would affect the child's development; protective "
    "factors are there but not yet reliable.",
    RiskLevel.HIGH: "Harm is likely and would be serious; the family's capacity to change is "
    "limited so far and the child is exposed most evenings.",
}


class RiskHistory:
    """Risk assessments, harms, actions, sharing and flags for one council."""

    def __init__(self, generator: CouncilGenerator, council: Council, seed: int) -> None:
        self.generator = generator
        self.council = council
        self.as_of: date = generator.as_of
        self.rng = random.Random(f"gofal:{seed}:{generator.index}:risk")
        self.risks: list[RiskAssessment] = []
        self.harms: list[Harm] = []
        self.actions: list[RiskAction] = []
        self.sharings: list[RiskSharing] = []
        self.flags: list[VulnerabilityFlag] = []
        self.flagged: set[tuple[Any, str]] = set()

    def write(self) -> dict[str, int]:
        authority = self.council.authority_id
        workers = dict(
            Allocation.objects.filter(authority_id=authority, ended_on__isnull=True)
            .order_by("involvement_id", "started_on")
            .values_list("involvement_id", "worker_id")
        )
        open_involvements = list(
            Involvement.objects.filter(authority_id=authority, ended_on__isnull=True)
            .order_by("child_id")
            .values_list("pk", "child_id", "started_on")
        )
        for involvement_id, child_id, started_on in open_involvements:
            worker = workers.get(involvement_id)
            if worker is None or self.rng.randrange(SHARE):
                continue
            self.series(involvement_id, child_id, started_on, worker)
        RiskAssessment.objects.bulk_create(self.risks)
        Harm.objects.bulk_create(self.harms)
        RiskAction.objects.bulk_create(self.actions)
        RiskSharing.objects.bulk_create(self.sharings)
        VulnerabilityFlag.objects.bulk_create(self.flags)
        return {
            "risk.riskassessment": len(self.risks),
            "risk.harm": len(self.harms),
            "risk.riskaction": len(self.actions),
            "risk.risksharing": len(self.sharings),
            "assessments.vulnerabilityflag": len(self.flags),
        }

    def series(self, involvement_id: Any, child_id: Any, opened: date, worker: Any) -> None:
        rng = self.rng
        earliest = max(opened, self.as_of - timedelta(days=540))
        span = (self.as_of - earliest).days
        started = earliest + timedelta(days=rng.randrange(max(span - 7, 1)))
        level = LEVELS.pick(rng)
        kinds = self.pick_harms(rng.choice([1, 1, 2, 2, 3]))
        context = CONTEXTS.pick(rng)
        series_id = new_id(rng)
        roll = rng.random()
        if roll < 0.1:  # still a draft
            self.version(series_id, 1, None, child_id, involvement_id, worker, context, started,
                         level, kinds, RiskStatus.DRAFT, None)  # fmt: skip
            return
        completed = min(started + timedelta(days=rng.randrange(1, 10)), self.as_of)
        reviewed = roll > 0.75 and (self.as_of - completed).days > 120
        if not reviewed:
            # Review dates set by the worker, mostly three months on; some have passed.
            review_on = completed + timedelta(days=rng.choice([56, 91, 91, 91, 182]))
            if review_on <= self.as_of and rng.random() < 0.5:
                review_on = self.as_of + timedelta(days=rng.randrange(5, 60))
            self.version(series_id, 1, None, child_id, involvement_id, worker, context, started,
                         level, kinds, RiskStatus.COMPLETED, completed, review_on)  # fmt: skip
            self.raise_flags(child_id, kinds, level, completed, worker)
            return
        review_started = completed + timedelta(days=rng.randrange(80, 110))
        first = self.version(series_id, 1, None, child_id, involvement_id, worker, context,
                             started, level, kinds, RiskStatus.REVIEWED, completed,
                             review_started)  # fmt: skip
        second_done = min(review_started + timedelta(days=rng.randrange(1, 7)), self.as_of)
        first.reviewed_at = at(second_done, 15)
        new_level = rng.choice([level, level, RiskLevel.LOW, RiskLevel.MEDIUM])
        new_review = second_done + timedelta(days=91)
        if new_review <= self.as_of and rng.random() < 0.6:
            new_review = self.as_of + timedelta(days=rng.randrange(5, 90))
        self.version(series_id, 2, first, child_id, involvement_id, worker, context,
                     review_started, new_level, kinds, RiskStatus.COMPLETED, second_done,
                     new_review)  # fmt: skip
        self.raise_flags(child_id, kinds, new_level, completed, worker)

    def pick_harms(self, count: int) -> list[str]:
        kinds: list[str] = []
        while len(kinds) < count:
            kind = HARMS.pick(self.rng)
            if kind not in kinds:
                kinds.append(kind)
        return kinds

    def version(
        self,
        series_id: uuid.UUID,
        number: int,
        previous: RiskAssessment | None,
        child_id: Any,
        involvement_id: Any,
        worker: Any,
        context: str,
        started: date,
        level: str,
        kinds: list[str],
        status: str,
        completed: date | None,
        review_on: date | None = None,
    ) -> RiskAssessment:
        rng = self.rng
        draft = status == RiskStatus.DRAFT
        took_part = rng.random() < 0.7
        risk = RiskAssessment(
            id=new_id(rng),
            authority_id=self.council.authority_id,
            child_id=child_id,
            involvement_id=involvement_id,
            series_id=series_id,
            number=number,
            previous=previous,
            context=context,
            status=status,
            overall_level="" if draft and rng.random() < 0.5 else level,
            level_rationale="" if draft else RATIONALE[RiskLevel(level)],
            young_person_took_part=None if draft else took_part,
            participation=(
                ""
                if draft
                else "Talked it through at school, in their own words."
                if took_part
                else "Declined to meet; their views came through their teacher."
            ),
            young_person_knows=None if draft else rng.random() < 0.85,
            review_on=review_on,
            worker_id=worker,
            started_on=started,
            completed_at=at(completed, 14) if completed else None,
            completed_by_id=worker if completed else None,
        )
        self.risks.append(risk)
        for order, kind in enumerate(kinds):
            self.harms.append(
                Harm(
                    id=new_id(rng),
                    authority_id=risk.authority_id,
                    risk_assessment=risk,
                    kind=kind,
                    evidence=EVIDENCE[HarmKind(kind)],
                    history="Known to the front door before; see the chronology.",
                    current_picture="Still happening, though less often since support began.",
                    likelihood=rng.choice(LIKELIHOOD_FOR[RiskLevel(level)]),
                    severity=rng.choice(SEVERITY_FOR[RiskLevel(level)]),
                    protective_factors="A grandparent nearby; a teacher the child trusts.",
                    capacity_to_change=rng.choice(list(Capacity.values)),
                    order=order,
                )
            )
        for _ in range(rng.choice([1, 2, 2, 3])):
            due = started + timedelta(days=rng.randrange(7, 60))
            done = due < self.as_of and rng.random() < 0.7
            self.actions.append(
                RiskAction(
                    id=new_id(rng),
                    authority_id=risk.authority_id,
                    risk_assessment=risk,
                    what=rng.choice(ACTIONS),
                    owner=rng.choice(OWNERS),
                    due_on=due,
                    status=ActionStatus.DONE
                    if done
                    else rng.choice([ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS]),
                )
            )
        if completed is not None:
            for _ in range(rng.choice([0, 1, 1, 2])):
                shared = min(completed + timedelta(days=rng.randrange(0, 5)), self.as_of)
                self.sharings.append(
                    RiskSharing(
                        id=new_id(rng),
                        authority_id=risk.authority_id,
                        risk_assessment=risk,
                        agency=rng.choice(AGENCIES),
                        shared_on=shared,
                        method=rng.choice(list(SharingMethod.values)),
                        recorded_by_id=worker,
                    )
                )
        return risk

    def raise_flags(
        self, child_id: Any, kinds: list[str], level: str, on: date, worker: Any
    ) -> None:
        """Flags for the harms that have one; a few low-risk ones have since ended."""
        for kind in kinds:
            if kind not in FLAG_HARMS or (child_id, kind) in self.flagged:
                continue
            self.flagged.add((child_id, kind))
            ended = level == RiskLevel.LOW and self.rng.random() < 0.5 and on < self.as_of
            self.flags.append(
                VulnerabilityFlag(
                    id=new_id(self.rng),
                    authority_id=self.council.authority_id,
                    child_id=child_id,
                    kind=kind,
                    started_on=on,
                    ended_on=self.as_of if ended else None,
                    note="From the risk assessment.",
                    end_reason="Risk reduced; reviewed with the family." if ended else "",
                    recorded_by_id=worker,
                    ended_by_id=worker if ended else None,
                )
            )

"""Assessments and care and support plans for a generated council, written as rows.

Every child in an episode that went to assessment (care and support, child protection, looked
after) has an assessment of need from the referral: most completed within the timescale, some
late, some returned by the manager with comments and resubmitted; the ones still running are
drafts or waiting for authorisation. Most found eligible needs and have a care and support plan
built from the assessment's outcomes: actions with owners and dates, the family's own part (most
of them), sharing with the family (most of them), a version for each authorisation, reviews
about every six months, and a few written agreements, some still waiting for a head of
service's review. Young carers and carers have their own assessments now and then.

Clocks come from `gofal.timescales`: the rule registry and working-day calendar give every due
date and `met_on_time`; nothing here counts days. Runs after the history is written (it reads
the involvements and allocations back), deterministic from the generator's seed.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from gofal.assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentOutcome,
    AssessmentSharing,
    AssessmentStatus,
    AssessmentStatusChange,
    EligibilityDomain,
)
from gofal.assessments.services import SOURCE_TYPE as ASSESSMENT_SOURCE
from gofal.authorities.models import Authority, Role
from gofal.casework.models import Allocation, Involvement
from gofal.demo.generator import Council, CouncilGenerator, Household, PersonPlan, Weighted, at
from gofal.demo.writer import BulkWriter
from gofal.planning.models import (
    AgreementDecision,
    CareAndSupportPlan,
    PlanAction,
    PlanOutcome,
    PlanReview,
    PlanReviewProgress,
    PlanSharing,
    PlanStatus,
    PlanVersion,
    Progress,
    WrittenAgreement,
    WrittenAgreementReview,
)
from gofal.planning.services import REVIEW_CLOCK
from gofal.planning.services import SOURCE_TYPE as PLAN_SOURCE
from gofal.timescales.calendar import calendar_for, local_date, local_midnight
from gofal.timescales.compute import Due, due, met_on_time
from gofal.timescales.models import Deadline
from gofal.timescales.registry import RuleRegistry

ASSESSED = frozenset({"care_support", "child_protection", "looked_after"})
ASSESSMENT_CLOCK = "assessment"
# Working days from the referral to authorisation: mostly within 42, some late.
TAKES = Weighted([((12, 30), 45), ((30, 41), 38), ((43, 60), 12), ((60, 90), 5)])
KINDS = Weighted(
    [
        (AssessmentKind.FULL, 62),
        (AssessmentKind.PROPORTIONATE, 30),
        (AssessmentKind.YOUNG_CARER, 5),
        (AssessmentKind.CARER, 3),
    ]
)
OUTCOMES = Weighted(
    [
        (AssessmentOutcome.CARE_AND_SUPPORT_PLAN, 78),
        (AssessmentOutcome.EARLY_HELP, 12),
        (AssessmentOutcome.NO_FURTHER_ACTION, 10),
    ]
)
RETURNED = 0.2  # returned by the manager with comments, then resubmitted
RETURN_COMMENTS = [
    "The analysis repeats the history: say what it means for the child now.",
    "Say more about how the grandparents help; the strengths section is thin.",
    "The child's views are summarised in professional language: use their own words.",
    "The weight given to the earlier contacts is not explained.",
]
OUTCOME_SETS = [
    ["To feel safe at home", "To go to school every day", "To see dad at weekends"],
    ["To sleep in my own bed", "Mam to feel less stressed", "To join the football club"],
    ["To get help with my feelings", "To stay living with nan"],
    ["For the house to be warm and tidy", "To have breakfast before school"],
    ["Teimlo'n ddiogel gartref", "Mynd i'r ysgol bob dydd"],
]
ACTIONS = [
    ("Walk to school together each morning", "Nan", "Getting there is the hardest part",
     "Attendance drops and the school refers again"),
    ("Weekly sessions with the family support worker", "Families First",
     "Mam asked for help with routines", "Evenings stay chaotic and the children miss sleep"),
    ("Referral to the child and adolescent mental health service", "Social worker",
     "The child has talked about feeling low", "The child's worries go without help"),
    ("Contact with dad every other Saturday at the family centre", "Social worker",
     "The child wants to see dad safely", "The child loses touch with dad"),
    ("Apply for a school uniform grant and free school meals", "Mam, with the social worker",
     "Money worries get in the way", "The children miss out at school"),
]  # fmt: skip
VIEWS = [
    "I want mam to be happy. I like it when nan picks me up.",
    "School is OK but I don't like the mornings.",
    "Dw i eisiau aros gyda nain.",
    "I don't want to talk about it.",
    "I like football. I want to see dad more.",
]


@dataclass
class Involved:
    """An involvement read back from the rows the history wrote, with the plan it came from."""

    id: uuid.UUID
    child: PersonPlan
    house: Household
    kind: str
    started_on: date
    ended_on: date | None
    team_id: uuid.UUID
    workers: list[tuple[date, date | None, uuid.UUID, uuid.UUID]]  # start, end, worker, team

    def worker_on(self, day: date) -> tuple[uuid.UUID, uuid.UUID]:
        for start, end, worker, team in self.workers:
            if start <= day and (end is None or day < end):
                return worker, team
        return self.workers[-1][2], self.workers[-1][3]


class AssessmentHistory:
    def __init__(self, generator: CouncilGenerator, council: Council, writer: BulkWriter) -> None:
        self.g = generator
        self.rng = random.Random(generator.rng.getrandbits(64))
        self.council = council
        self.as_of = generator.as_of
        self.writer = writer
        self.authority = Authority.objects.get(pk=council.authority_id)
        self.registry = RuleRegistry(authority_ids=[self.authority.pk])
        self.calendar = calendar_for(
            jurisdiction=self.authority.jurisdiction, authority_id=self.authority.pk
        )
        self.heads = [
            m["user_id"]
            for m in council.memberships
            if m["role"] == Role.HEAD_OF_SERVICE and m["ended_on"] is None
        ]
        self.managers: dict[uuid.UUID, Any] = {team.id: team for team in council.teams}

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    # -- clocks, from the timescales registry and calendar -------------------------------------

    def clock(
        self, code: str, started: datetime, *, child: uuid.UUID, worker: uuid.UUID | None,
        team: uuid.UUID | None, source: tuple[str, str], previous: uuid.UUID | None = None,
        met: datetime | None = None, cancelled: datetime | None = None,
    ) -> tuple[uuid.UUID, Due]:  # fmt: skip
        rule = self.registry.rule(code)
        applied = self.registry.applied(
            rule=rule,
            jurisdiction=self.authority.jurisdiction,
            authority_id=self.authority.pk,
            on=local_date(started),
        )
        when = due(applied.timescale, started, self.calendar)
        deadline_id = self.new_id()
        self.writer.add(
            Deadline,
            {
                "id": deadline_id,
                "authority_id": self.authority.pk,
                "created_at": started,
                "rule_id": rule.pk,
                "rule_version_id": applied.version.pk,
                "local_standard_id": applied.local_standard.pk if applied.local_standard else None,
                "child_id": child,
                "source_type": source[0],
                "source_id": source[1],
                "worker_id": worker,
                "team_id": team,
                "previous_id": previous,
                "started_at": started,
                "started_on": local_date(started),
                "due_on": when.on,
                "due_at": when.at,
                "met_at": met,
                "met_on": local_date(met) if met else None,
                "met_on_time": met_on_time(when, met) if met else None,
                "cancelled_at": cancelled,
                "cancel_reason": "The involvement ended" if cancelled else "",
            },
        )
        return deadline_id, when

    # -- reading back what the history wrote --------------------------------------------------

    def involved(self) -> list[Involved]:
        planned: dict[tuple[uuid.UUID, date], tuple[PersonPlan, Household, str]] = {}
        for house in self.council.households:
            for ep in getattr(house, "episodes", []):
                if ep.kind not in ASSESSED:
                    continue
                for child in house.children:
                    born = child.date_of_birth
                    if born is not None and born <= ep.start and child.age_on(ep.start) < 18:
                        planned[(child.id, ep.start)] = (child, house, ep.kind)
        rows = Involvement.objects.filter(authority_id=self.authority.pk).values_list(
            "id", "child_id", "started_on", "ended_on", "team_id"
        )
        workers: dict[uuid.UUID, list[tuple[date, date | None, uuid.UUID, uuid.UUID]]] = {}
        for involvement, start, end, worker, team in (
            Allocation.objects.filter(authority_id=self.authority.pk)
            .order_by("started_on")
            .values_list("involvement_id", "started_on", "ended_on", "worker_id", "team_id")
        ):
            workers.setdefault(involvement, []).append((start, end, worker, team))
        out = []
        for pk, child_id, started_on, ended_on, team_id in rows.order_by("started_on", "id"):
            found = planned.get((child_id, started_on))
            if found is None or pk not in workers:
                continue
            child, house, kind = found
            out.append(Involved(pk, child, house, kind, started_on, ended_on, team_id, workers[pk]))
        return out

    # -- rows --------------------------------------------------------------------------------

    def write(self) -> None:
        """After the history is flushed: read the involvements back, write, flush again."""
        for item in self.involved():
            self.assessment(item)
        self.writer.flush()

    def manager_of(self, team: uuid.UUID, day: date) -> uuid.UUID | None:
        plan = self.managers.get(team)
        return plan.manager(day) if plan is not None else None

    def step(self, assessment: uuid.UUID, child: uuid.UUID, status: str, by: uuid.UUID,
             when: datetime, comment: str = "") -> None:  # fmt: skip
        self.writer.add(
            AssessmentStatusChange,
            {
                "id": self.new_id(),
                "authority_id": self.authority.pk,
                "created_at": when,
                "assessment_id": assessment,
                "child_id": child,
                "status": status,
                "comment": comment,
                "changed_by_id": by,
                "changed_at": when,
            },
        )

    def assessment(self, item: Involved) -> None:  # noqa: C901, PLR0912, PLR0915
        rng = self.rng
        child = item.child
        referral = item.started_on
        low, high = TAKES.pick(rng)
        days = rng.randrange(low, high)
        finished = self.calendar.add_working_days(referral, days)
        stop = item.ended_on or self.as_of
        running = finished > stop
        if running and item.ended_on is not None:
            finished = item.ended_on  # completed as the involvement closed
            running = False
        worker, team = item.worker_on(min(finished, stop))
        manager = self.manager_of(team, min(finished, stop)) or worker
        kind = KINDS.pick(rng)
        outcome = OUTCOMES.pick(rng) if item.kind == "care_support" else (
            AssessmentOutcome.CARE_AND_SUPPORT_PLAN
        )  # fmt: skip
        assessment_id = self.new_id()
        started = at(referral, 10)
        submitted_day = self.calendar.add_working_days(referral, max(1, days - 3))
        returned = not running and rng.random() < RETURNED
        done = at(finished, rng.randrange(10, 17))
        status = AssessmentStatus.AUTHORISED
        if running:
            status = rng.choice(
                [AssessmentStatus.DRAFT, AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED]
            )
            if submitted_day > self.as_of:
                status = AssessmentStatus.DRAFT
        clock_id = None
        if kind != AssessmentKind.CARER:  # an adult carer's assessment has no clock
            clock_id, _ = self.clock(
                ASSESSMENT_CLOCK,
                local_midnight(referral),
                child=child.id,
                worker=worker,
                team=team,
                source=(ASSESSMENT_SOURCE, str(assessment_id)),
                met=None if running else done,
                cancelled=None,
            )
        outcomes = OUTCOME_SETS[rng.randrange(len(OUTCOME_SETS))]
        welsh = item.house.welsh
        complete = status != AssessmentStatus.DRAFT
        young = child.age_on(referral) < 4
        values: dict[str, Any] = {
            "id": assessment_id,
            "authority_id": self.authority.pk,
            "created_at": started,
            "child_id": child.id,
            "involvement_id": item.id,
            "deadline_id": clock_id,
            "kind": str(kind),
            "started_on": referral,
            "worker_id": worker,
            "status": str(status),
            "language": ("cy" if welsh else "en") if complete else "",
            "active_offer_made": True if complete else None,
            "personal_circumstances": f"{child.given_name} lives with "
            f"{self.carer(item.house)} and goes to the local school.",
            "personal_outcomes": "\n".join(outcomes),
            "barriers": "Money is tight and mornings are chaotic; mam's low mood."
            if complete
            else "",
            "risks": "Missing school and falling behind; the family reaching crisis."
            if complete
            else "",
            "strengths": "Nan lives nearby and helps most days; the school knows the family well."
            if complete
            else "",
            "child_seen": None if not complete else True,
            "child_seen_alone": None if not complete else (not young and rng.random() < 0.7),
            "views_gathered_how": "Talked at school and drew a picture of home."
            if complete and not young
            else "",
            "child_views": VIEWS[rng.randrange(len(VIEWS))] if complete and not young else "",
            "views_not_obtained_reason": "A baby: observed with mam at home." if young else "",
            "parents_views": "Mam wants help in the evenings and does not want the children moved."
            if complete
            else "",
            "history_summary": "An earlier contact about neglect; no involvement since."
            if complete
            else "",
            "history_weight": "some" if complete else "",
            "history_weight_reason": "The pattern is similar but the family accepted help last "
            "time."
            if complete
            else "",
            "analysis": "The children are loved but the evenings are not safe for them when mam "
            "is unwell; with support from nan and Families First the family can manage."
            if complete
            else "",
            "need_arises_from_circumstances": True if complete else None,
            "eligibility_domains": [
                str(EligibilityDomain.FAMILY_RELATIONSHIPS),
                str(EligibilityDomain.PROTECTION_ABUSE_NEGLECT),
            ]
            if complete
            else [],
            "family_cannot_meet_need": (outcome == AssessmentOutcome.CARE_AND_SUPPORT_PLAN)
            if complete
            else None,
            "outcomes_unlikely_without_council": (
                outcome == AssessmentOutcome.CARE_AND_SUPPORT_PLAN
            )
            if complete
            else None,
            "outcome": str(outcome) if complete else "",
            "outcome_detail": "Advice on routines and the Family Information Service number."
            if complete and outcome == AssessmentOutcome.NO_FURTHER_ACTION
            else "",
            "submitted_at": at(submitted_day, 15) if complete else None,
            "authorised_at": done if status == AssessmentStatus.AUTHORISED else None,
            "authorised_by_id": manager if status == AssessmentStatus.AUTHORISED else None,
            "updated_at": done if not running else at(min(stop, self.as_of), 9),
            "updated_by_id": worker,
        }
        if kind in (AssessmentKind.CARER, AssessmentKind.YOUNG_CARER) and complete:
            carer = child.given_name if kind == AssessmentKind.YOUNG_CARER else self.carer(
                item.house
            )  # fmt: skip
            values.update(
                {
                    "carer_name": carer,
                    "cared_for": "Mam, who has multiple sclerosis"
                    if kind == AssessmentKind.YOUNG_CARER
                    else f"{child.given_name}, who is disabled",
                    "care_provided": "Help getting up and dressed, cooking tea, shopping.",
                    "carer_needs": "A break now and then, and someone to talk to.",
                    "carer_willing": "Wants to go on caring, with some help.",
                    "carer_able": "Managing, but tired; sleep is broken most nights.",
                    "carer_outcomes": "Time with friends; to keep up at school or work.",
                    "carer_work_learning_leisure": "Would like to go back to the youth club.",
                    "young_carer_appropriate": "Some help is fine for a 13-year-old; personal "
                    "care should not fall to them."
                    if kind == AssessmentKind.YOUNG_CARER
                    else "",
                }
            )
        self.writer.add(Assessment, values)
        self.step(assessment_id, child.id, AssessmentStatus.DRAFT, worker, started)
        if complete:
            self.step(assessment_id, child.id, AssessmentStatus.SUBMITTED, worker,
                      at(submitted_day, 15))  # fmt: skip
        if returned:
            back = at(submitted_day, 16)
            comment = RETURN_COMMENTS[rng.randrange(len(RETURN_COMMENTS))]
            self.step(assessment_id, child.id, AssessmentStatus.RETURNED, manager, back, comment)
            self.step(assessment_id, child.id, AssessmentStatus.SUBMITTED, worker,
                      at(finished, 9))  # fmt: skip
        if status != AssessmentStatus.AUTHORISED:
            return
        self.step(assessment_id, child.id, AssessmentStatus.AUTHORISED, manager, done)
        if rng.random() < 0.7:
            self.writer.add(
                AssessmentSharing,
                {
                    "id": self.new_id(),
                    "authority_id": self.authority.pk,
                    "created_at": done + timedelta(days=2),
                    "assessment_id": assessment_id,
                    "child_id": child.id,
                    "shared_on": min(self.as_of, finished + timedelta(days=2)),
                    "shared_with": "family",
                    "name": f"{self.carer(item.house)} and {child.given_name}",
                    "method": rng.choice(["in_person", "in_person", "post", "meeting"]),
                    "language": "cy" if welsh else "en",
                    "recorded_by_id": worker,
                },
            )
        if outcome == AssessmentOutcome.CARE_AND_SUPPORT_PLAN and kind != AssessmentKind.CARER:
            self.plan(item, assessment_id, outcomes, finished, worker, team, manager)

    def carer(self, house: Household) -> str:
        return house.adults[0].given_name if house.adults else "their family"

    def plan(self, item: Involved, assessment_id: uuid.UUID, outcomes: list[str],
             assessed: date, worker: uuid.UUID, team: uuid.UUID, manager: uuid.UUID) -> None:  # fmt: skip  # noqa: E501
        rng = self.rng
        child = item.child
        stop = item.ended_on or self.as_of
        built = min(stop, assessed + timedelta(days=rng.randrange(1, 8)))
        authorised_day = self.calendar.add_working_days(built, rng.randrange(2, 10))
        authorised = authorised_day <= stop
        plan_id = self.new_id()
        welsh = item.house.welsh
        family_part = rng.random() < 0.75
        ended = item.ended_on is not None
        self.writer.add(
            CareAndSupportPlan,
            {
                "id": plan_id,
                "authority_id": self.authority.pk,
                "created_at": at(built, 11),
                "child_id": child.id,
                "assessment_id": assessment_id,
                "involvement_id": item.id,
                "status": str(
                    PlanStatus.ENDED
                    if ended
                    else PlanStatus.AUTHORISED
                    if authorised
                    else PlanStatus.DRAFT
                ),
                "eligible_needs": "Family or other significant personal relationships\n"
                "Protection from abuse or neglect",
                "family_contribution": "Mam will get up with the children and walk them to "
                "school with nan."
                if family_part
                else "",
                "family_agreement": "agrees" if family_part else rng.choice(["partly", ""]),
                "family_words": ("Mae hyn yn iawn i ni." if welsh else "We're happy with this.")
                if family_part
                else "",
                "child_contribution": "I will tell my teacher if I'm worried."
                if child.age_on(built) >= 7
                else "",
                "child_agreement": "agrees" if child.age_on(built) >= 7 else "not_asked",
                "child_words": VIEWS[rng.randrange(len(VIEWS))] if child.age_on(built) >= 7 else "",
                "contingency": "If mam is unwell, nan has the children; if nan cannot, the "
                "out-of-hours team is called.",
                "language": "cy" if welsh else "en",
                "created_by_id": worker,
                "updated_at": at(built, 15),
            },
        )
        items: list[tuple[uuid.UUID, list[uuid.UUID]]] = []
        for number, text in enumerate(outcomes, start=1):
            outcome_id = self.new_id()
            self.writer.add(
                PlanOutcome,
                {
                    "id": outcome_id,
                    "authority_id": self.authority.pk,
                    "created_at": at(built, 11),
                    "plan_id": plan_id,
                    "text": text,
                    "order": number,
                },
            )
            actions = []
            for _ in range(rng.randrange(1, 3)):
                what, who, why, if_not = ACTIONS[rng.randrange(len(ACTIONS))]
                action_id = self.new_id()
                actions.append(action_id)
                self.writer.add(
                    PlanAction,
                    {
                        "id": action_id,
                        "authority_id": self.authority.pk,
                        "created_at": at(built, 12),
                        "plan_id": plan_id,
                        "outcome_id": outcome_id,
                        "what": what,
                        "who": who,
                        "due_on": built + timedelta(days=rng.randrange(14, 120)),
                        "why": why,
                        "if_not_done": if_not,
                    },
                )
            items.append((outcome_id, actions))
        if not authorised:
            return
        self.writer.add(
            PlanVersion,
            {
                "id": self.new_id(),
                "authority_id": self.authority.pk,
                "created_at": at(authorised_day, 14),
                "plan_id": plan_id,
                "number": 1,
                "content": {"outcomes": [{"text": t} for t in outcomes]},
                "authorised_by_id": manager,
                "authorised_at": at(authorised_day, 14),
            },
        )
        if rng.random() < 0.8:
            shared = min(stop, authorised_day + timedelta(days=rng.randrange(0, 10)))
            self.writer.add(
                PlanSharing,
                {
                    "id": self.new_id(),
                    "authority_id": self.authority.pk,
                    "created_at": at(shared, 16),
                    "plan_id": plan_id,
                    "shared_on": shared,
                    "shared_with": self.carer(item.house),
                    "method": rng.choice(["in_person", "in_person", "post", "meeting"]),
                    "language": "cy" if welsh else "en",
                    "recorded_by_id": worker,
                },
            )
        self.reviews(item, plan_id, items, authorised_day, worker, team)
        if rng.random() < 0.08:
            self.agreement(item, plan_id, authorised_day, worker, team)

    def reviews(self, item: Involved, plan_id: uuid.UUID,
                items: list[tuple[uuid.UUID, list[uuid.UUID]]], authorised: date,
                worker: uuid.UUID, team: uuid.UUID) -> None:  # fmt: skip
        """The review clock from authorisation, met by each review (mostly on time)."""
        rng = self.rng
        stop = item.ended_on or self.as_of
        started = at(authorised, 14)
        previous = None
        while True:
            late = rng.random() < 0.15
            held_day = local_date(started) + timedelta(
                days=rng.randrange(190, 240) if late else rng.randrange(120, 180)
            )
            held = held_day <= stop
            if not held:
                clock_id, _ = self.clock(
                    REVIEW_CLOCK, started, child=item.child.id, worker=worker, team=team,
                    source=(PLAN_SOURCE, str(plan_id)), previous=previous,
                    cancelled=at(item.ended_on, 17) if item.ended_on else None,
                )  # fmt: skip
                return
            met = at(held_day, 11)
            clock_id, _ = self.clock(
                REVIEW_CLOCK, started, child=item.child.id, worker=worker, team=team,
                source=(PLAN_SOURCE, str(plan_id)), previous=previous, met=met,
            )  # fmt: skip
            review_id = self.new_id()
            self.writer.add(
                PlanReview,
                {
                    "id": review_id,
                    "authority_id": self.authority.pk,
                    "created_at": met,
                    "plan_id": plan_id,
                    "held_on": held_day,
                    "attended": f"{self.carer(item.house)}, {item.child.given_name}, the "
                    "social worker, the school's safeguarding lead",
                    "views": VIEWS[rng.randrange(len(VIEWS))],
                    "plan_changed": False,
                    "changes": "",
                    "version_reviewed": 1,
                    "recorded_by_id": worker,
                },
            )
            for outcome_id, actions in items:
                for kind, pk in [("outcome_id", outcome_id)] + [("action_id", a) for a in actions]:
                    self.writer.add(
                        PlanReviewProgress,
                        {
                            "id": self.new_id(),
                            "authority_id": self.authority.pk,
                            "created_at": met,
                            "review_id": review_id,
                            kind: pk,
                            "progress": rng.choice(
                                [
                                    Progress.ACHIEVED,
                                    Progress.PROGRESSING,
                                    Progress.PROGRESSING,
                                    Progress.NO_PROGRESS,
                                ]
                            ),  # fmt: skip
                            "note": "",
                        },
                    )
            previous, started = clock_id, met

    def agreement(self, item: Involved, plan_id: uuid.UUID, made: date, worker: uuid.UUID,
                  team: uuid.UUID) -> None:  # fmt: skip
        rng = self.rng
        agreement_id = self.new_id()
        reviewed = self.heads and (item.ended_on is not None or rng.random() < 0.6)
        decision = rng.choice(
            [AgreementDecision.CONTINUE, AgreementDecision.CONTINUE, AgreementDecision.END,
             AgreementDecision.CHILD_PROTECTION]
        )  # fmt: skip
        review_day = min(item.ended_on or self.as_of, made + timedelta(days=rng.randrange(3, 30)))
        ended = item.ended_on
        if reviewed and decision != AgreementDecision.CONTINUE:
            ended = review_day
        self.writer.add(
            WrittenAgreement,
            {
                "id": agreement_id,
                "authority_id": self.authority.pk,
                "created_at": at(made, 15),
                "plan_id": plan_id,
                "child_id": item.child.id,
                "team_id": team,
                "made_on": made,
                "agreed_with": self.carer(item.house),
                "expectations": "No visitors after 9pm; the children are at school every day; "
                "mam tells the social worker if she stops her medication.",
                "why_not_child_protection": "The concerns are about routines and low mood, "
                "not significant harm; the family are working with us.",
                "ended_on": ended,
                "recorded_by_id": worker,
            },
        )
        if reviewed:
            self.writer.add(
                WrittenAgreementReview,
                {
                    "id": self.new_id(),
                    "authority_id": self.authority.pk,
                    "created_at": at(review_day, 12),
                    "agreement_id": agreement_id,
                    "decision": str(decision),
                    "note": "Proportionate, time-limited and understood by the family."
                    if decision == AgreementDecision.CONTINUE
                    else "The concerns meet the threshold for a strategy discussion."
                    if decision == AgreementDecision.CHILD_PROTECTION
                    else "The agreement has done its job; end it.",
                    "reviewed_by_id": self.heads[rng.randrange(len(self.heads))],
                    "reviewed_at": at(review_day, 12),
                },
            )

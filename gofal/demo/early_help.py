"""Early help for a generated council: episodes with Families First and Team Around the Family,
their assessments and plans, and step-up and step-down handovers, written as rows.

Built from the history already written for the council (so it agrees with it):

- a child the front door referred to early help usually starts an episode a few days later
  (some families do not take it up);
- an involvement that ended "stepped down" was handed over to early help first: most
  handovers were accepted (an episode starts), some were returned with reasons;
- an episode ends with its outcome; where the child's involvement with social services began
  while it was open, the episode was stepped up, by a handover the locality team accepted;
- every answered handover has its `handover-acceptance` clock, met when it was answered (due
  dates from `gofal.timescales`: registry, calendar and compute, never counted here); a few
  handovers sent in the last days are still awaiting acceptance, with their clocks started by
  the timescales services (`finish`).

Deterministic from the generator's seed; a handful of queries per council whatever its size.
"""

import random
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from gofal.authorities.models import Authority, Team, TeamKind
from gofal.casework.models import Involvement, InvolvementEndReason
from gofal.demo.generator import Council, CouncilGenerator, TeamPlan, Weighted, at
from gofal.demo.writer import BulkWriter
from gofal.early_help.models import Direction, Episode, EpisodeOutcome, Handover, Plan, Response
from gofal.early_help.services import HANDOVER_RULE, HANDOVER_SOURCE
from gofal.front_door.models import ContactPerson, Outcome, ThresholdDecision
from gofal.timescales import services as timescales
from gofal.timescales.calendar import calendar_for, local_date
from gofal.timescales.compute import due, met_on_time
from gofal.timescales.models import Deadline
from gofal.timescales.registry import RuleRegistry

TAKE_UP = 0.8  # families referred to early help who take it up
STEP_DOWN_RETURNED = 0.2
AWAITING = 4  # handovers sent in the last few days, still to be answered

ENDINGS = Weighted(
    [
        (EpisodeOutcome.OUTCOMES_MET, 55),
        (EpisodeOutcome.PARTLY_MET, 25),
        (EpisodeOutcome.DISENGAGED, 13),
        (EpisodeOutcome.MOVED_AWAY, 7),
    ]
)
FINDINGS = [
    (
        "Parents are struggling with routines since the baby arrived; school reports lateness.",
        "Calm mornings and the children at school on time every day.",
        "Family support worker visits weekly for 8 weeks; school breakfast club place.",
    ),
    (
        "Mother is isolated after moving to the area and low in mood; the toddler's speech is "
        "behind.",
        "Mother feels less alone; the toddler's speech improves.",
        "Referral to the parent and toddler group; health visitor to check speech; GP for "
        "mother's mood.",
    ),
    (
        "Rent arrears and a threat of eviction are putting strain on the family; arguments at "
        "home.",
        "A secure home and less conflict at home.",
        "Housing support to agree a repayment plan; Citizens Advice appointment; parenting course.",
    ),
    (
        "The young person is anxious about school and refusing to attend some days.",
        "Back in school full time and able to say what helps.",
        "School wellbeing lead to meet weekly; emotional health worker; review attendance monthly.",
    ),
    (
        "Father is caring for three children alone and needs help with money and childcare.",
        "Father has the support he needs to care for the children.",
        "Benefits check; childcare place through Flying Start; weekly family support.",
    ),
]
RETURN_REASONS = [
    "Risks are still too high for early help: the father has returned to the home.",
    "The family has not agreed to early help; please discuss with them before handing over.",
    "Not enough information passed on: we need the assessment and the plan's actions.",
    "The child protection plan only ended last week; we need a joint visit first.",
]
STEP_DOWN_REASONS = "Needs now met with support: the family agree to early help."
STEP_DOWN_INFORMATION = "Assessment and closing summary attached; school and health visitor know."
STEP_UP_REASONS = "Concerns have grown despite early help: a statutory assessment is needed."
STEP_UP_INFORMATION = "Early help plan and reviews; what has and has not changed for the child."


class EarlyHelpHistory:
    def __init__(self, generator: CouncilGenerator, council: Council) -> None:
        self.rng = random.Random(generator.rng.getrandbits(64))
        self.council = council
        self.as_of: date = generator.as_of
        self.writer = BulkWriter()
        self.teams = council.teams_of(TeamKind.EARLY_HELP)
        self.localities = council.teams_of(TeamKind.LOCALITY)
        self.by_id: dict[uuid.UUID, TeamPlan] = {t.id: t for t in council.teams}
        self.open_children: set[uuid.UUID] = set()  # children with an open episode
        self.busy_until: dict[uuid.UUID, date] = {}  # each child's last episode end
        self.awaiting: list[tuple[uuid.UUID, uuid.UUID, datetime, uuid.UUID]] = []
        self.registry = RuleRegistry(authority_ids=[council.authority_id])
        self.calendar = calendar_for(jurisdiction="wales", authority_id=council.authority_id)

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def worker(self, team: TeamPlan, day: date) -> uuid.UUID:
        return team.worker_post(self.rng.random()).holder(day).user_id

    def manager(self, team: TeamPlan, day: date) -> uuid.UUID:
        return team.manager(day) or self.worker(team, day)

    # -- the rows -----------------------------------------------------------------------------

    def write(self) -> None:
        if not self.teams:
            return
        authority_id = self.council.authority_id
        involvements: dict[uuid.UUID, list[tuple[date, date | None, uuid.UUID, str]]] = {}
        for child, started, ended, team, reason in (
            Involvement.objects.filter(authority_id=authority_id)
            .order_by("started_on", "child_id", "id")
            .values_list("child_id", "started_on", "ended_on", "team_id", "end_reason")
        ):
            involvements.setdefault(child, []).append((started, ended, team, reason))
        referred = self.referred_to_early_help(authority_id)
        stepped_down = [
            (child, ended, team)
            for child, rows in involvements.items()
            for _started, ended, team, reason in rows
            if ended is not None and reason == InvolvementEndReason.STEPPED_DOWN
        ]
        starts = [(day, child, team, None) for child, day, team in referred]
        for child, ended, from_team in sorted(stepped_down, key=lambda r: (r[1], str(r[0]))):
            handover = self.step_down(child, ended, from_team)
            if handover is not None:
                starts.append(handover)
        for day, child, team_id, _ in sorted(starts, key=lambda s: (s[0], str(s[1]))):
            self.episode(child, day, team_id, involvements.get(child, []))
        self.awaiting_handovers(involvements)
        self.writer.flush()
        self.finish()

    def referred_to_early_help(self, authority_id: uuid.UUID) -> list[tuple[Any, date, Any]]:
        decisions = dict(
            ThresholdDecision.objects.filter(
                authority_id=authority_id, outcome=Outcome.EARLY_HELP
            ).values_list("contact_id", "decided_at")
        )
        teams = dict(
            ThresholdDecision.objects.filter(
                authority_id=authority_id, outcome=Outcome.EARLY_HELP
            ).values_list("contact_id", "early_help_team_id")
        )
        rows = []
        for contact_id, child in (
            ContactPerson.objects.filter(
                authority_id=authority_id, role="child", contact_id__in=list(decisions)
            )
            .order_by("created_at", "contact_id", "person_id")
            .values_list("contact_id", "person_id")
        ):
            if self.rng.random() < TAKE_UP:
                day = decisions[contact_id].date() + timedelta(days=self.rng.randrange(2, 12))
                rows.append((child, day, teams[contact_id]))
        return rows

    def step_down(
        self, child: uuid.UUID, ended: date, from_team_id: uuid.UUID
    ) -> tuple[date, uuid.UUID, uuid.UUID, None] | None:
        """A step-down sent as the involvement ended; None if the early help team returned it."""
        from_team = self.by_id.get(from_team_id)
        if from_team is None:
            return None
        to_team = self.teams[self.rng.randrange(len(self.teams))]
        sent = at(ended - timedelta(days=self.rng.randrange(1, 6)), self.rng.randrange(9, 17))
        answered = sent + timedelta(hours=self.rng.choice((3, 20, 26, 45, 70, 120)))
        returned = self.rng.random() < STEP_DOWN_RETURNED
        self.handover(
            child, Direction.STEP_DOWN, from_team, to_team, sent, answered,
            Response.RETURNED if returned else Response.ACCEPTED,
        )  # fmt: skip
        if returned:
            return None
        return (answered.date(), child, to_team.id, None)

    def handover(
        self,
        child: uuid.UUID,
        direction: str,
        from_team: TeamPlan,
        to_team: TeamPlan,
        sent: datetime,
        answered: datetime | None,
        response: str,
    ) -> uuid.UUID:
        handover_id = self.new_id()
        up = direction == Direction.STEP_UP
        clock = self.clock(handover_id, child, to_team, sent, answered) if answered else None
        self.writer.add(
            Handover,
            {
                "id": handover_id,
                "authority_id": self.council.authority_id,
                "created_at": sent,
                "child_id": child,
                "direction": str(direction),
                "from_team_id": from_team.id,
                "to_team_id": to_team.id,
                "reasons": STEP_UP_REASONS if up else STEP_DOWN_REASONS,
                "information": STEP_UP_INFORMATION if up else STEP_DOWN_INFORMATION,
                "sent_by_id": self.worker(from_team, sent.date()),
                "sent_at": sent,
                "response": str(response),
                "response_reasons": self.rng.choice(RETURN_REASONS)
                if response == Response.RETURNED
                else "",
                "responded_by_id": self.manager(to_team, answered.date()) if answered else None,
                "responded_at": answered,
                "acceptance_deadline_id": clock,
            },
        )
        return handover_id

    def clock(
        self,
        handover_id: uuid.UUID,
        child: uuid.UUID,
        to_team: TeamPlan,
        sent: datetime,
        answered: datetime,
    ) -> uuid.UUID:
        """The handover's `handover-acceptance` clock, met when it was answered."""
        rule = self.registry.rule(HANDOVER_RULE)
        applied = self.registry.applied(
            rule=rule, jurisdiction="wales", authority_id=self.council.authority_id,
            on=local_date(sent),
        )  # fmt: skip
        result = due(applied.timescale, sent, self.calendar)
        clock_id = self.new_id()
        self.writer.add(
            Deadline,
            {
                "id": clock_id,
                "authority_id": self.council.authority_id,
                "created_at": sent,
                "rule_id": rule.pk,
                "rule_version_id": applied.version.pk,
                "local_standard_id": applied.local_standard.pk if applied.local_standard else None,
                "child_id": child,
                "source_type": HANDOVER_SOURCE,
                "source_id": str(handover_id),
                "team_id": to_team.id,
                "started_at": sent,
                "started_on": local_date(sent),
                "due_on": result.on,
                "due_at": result.at,
                "met_at": answered,
                "met_on": local_date(answered),
                "met_on_time": met_on_time(result, answered),
            },
        )
        return clock_id

    def episode(
        self,
        child: uuid.UUID,
        started: date,
        team_id: uuid.UUID | None,
        involvements: list[tuple[date, date | None, uuid.UUID, str]],
    ) -> None:
        if started > self.as_of or child in self.open_children:
            return
        if self.busy_until.get(child, date.min) >= started:
            return
        team = self.by_id.get(team_id) if team_id else None
        if team is None or team.kind != TeamKind.EARLY_HELP:
            team = self.teams[self.rng.randrange(len(self.teams))]
        planned_end = started + timedelta(days=self.rng.randrange(60, 270))
        later = next(
            ((day, t) for day, _end, t, _r in involvements if started < day <= planned_end), None
        )
        outcome: str = ""
        ended: date | None = planned_end
        if later is not None:
            ended, outcome = later[0], EpisodeOutcome.STEPPED_UP
            to_team = self.by_id.get(later[1])
            if to_team is not None:
                sent = at(ended - timedelta(days=self.rng.randrange(1, 4)), 11)
                self.handover(
                    child, Direction.STEP_UP, team, to_team, sent,
                    at(ended, self.rng.randrange(9, 17)), Response.ACCEPTED,
                )  # fmt: skip
        elif planned_end > self.as_of:
            ended = None
        else:
            outcome = ENDINGS.pick(self.rng)
        lead = self.worker(team, started)
        episode_id = self.new_id()
        self.writer.add(
            Episode,
            {
                "id": episode_id,
                "authority_id": self.council.authority_id,
                "created_at": at(started, 10),
                "child_id": child,
                "team_id": team.id,
                "lead_worker_id": lead,
                "started_on": started,
                "ended_on": ended,
                "outcome": str(outcome),
                "outcome_detail": "",
                "started_by_id": lead,
            },
        )
        if ended is None:
            self.open_children.add(child)
        else:
            self.busy_until[child] = ended
        recorded = started + timedelta(days=self.rng.randrange(10, 29))
        if recorded <= min(ended or self.as_of, self.as_of):
            assessment, outcomes, actions = self.rng.choice(FINDINGS)
            self.writer.add(
                Plan,
                {
                    "id": self.new_id(),
                    "authority_id": self.council.authority_id,
                    "created_at": at(recorded, 15),
                    "episode_id": episode_id,
                    "child_id": child,
                    "assessment": assessment,
                    "outcomes": outcomes,
                    "actions": actions,
                    "review_on": recorded + timedelta(days=90),
                    "recorded_by_id": lead,
                    "recorded_at": at(recorded, 15),
                },
            )

    def awaiting_handovers(
        self, involvements: dict[uuid.UUID, list[tuple[date, date | None, uuid.UUID, str]]]
    ) -> None:
        """Step-downs of children with an open involvement, sent in the last few days (one per
        sending team, so no worker's whole caseload is waiting)."""
        open_now = sorted(
            (child, rows[-1][2])
            for child, rows in involvements.items()
            if rows and rows[-1][1] is None and child not in self.open_children
        )
        self.rng.shuffle(open_now)
        sending: set[uuid.UUID] = set()  # one waiting handover per sending team
        for child, team_id in open_now:
            from_team = self.by_id.get(team_id)
            if from_team is None or team_id in sending or len(sending) >= AWAITING:
                continue
            sending.add(team_id)
            to_team = self.teams[self.rng.randrange(len(self.teams))]
            sent = at(self.as_of - timedelta(days=self.rng.randrange(0, 5)), 10)
            handover_id = self.handover(
                child, Direction.STEP_DOWN, from_team, to_team, sent, None, ""
            )
            self.awaiting.append((handover_id, child, sent, to_team.id))

    def finish(self) -> None:
        """After the rows are written: the clocks of the handovers still awaiting an answer."""
        if not self.awaiting:
            return
        authority = Authority.objects.get(pk=self.council.authority_id)
        context = timescales.Context.for_authority(authority)
        teams = Team.objects.in_bulk([team for *_, team in self.awaiting])
        for handover_id, child, sent, team in self.awaiting:
            deadline = timescales.deadline_start(
                rule_code=HANDOVER_RULE,
                authority=authority,
                child_id=child,
                started_at=sent,
                team=teams[team],
                source_type=HANDOVER_SOURCE,
                source_id=str(handover_id),
                context=context,
            )
            Handover.objects.filter(pk=handover_id).update(acceptance_deadline=deadline)

"""Statutory clocks for a generated council's casework, past and present, written as rows.

Every child protection episode runs the child protection clocks: the strategy discussion
within 24 hours of the decision to hold one, the initial conference, the outline plan, core
groups (the first, then every six weeks) and review conferences (the first, then every six
months). Every child who became looked after runs the looked-after clocks: reviews (the first,
the second, then every six months), the health assessment and dental check, and, for children
still looked after, statutory visits over the last months.

Most clocks are met on time, some late; some clocks of children still open are overdue today,
some fall due in the coming days, and clocks still running when an episode closed are stopped.
About a third of the late or overdue ones carry a recorded reason, most decided by the team
manager (approved or not), some still waiting for a decision.

The event dates are the generator's; the due dates are never counted here: the rule version in
force, the council's calendar and the due date come from `gofal.timescales` (registry, calendar
and compute), exactly as the services that keep deadline rows do. Rows go in through the
generator's bulk writer, from a random stream of their own (the same seed gives the same
clocks, and other modules' rows do not move when this one changes).
"""

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import Model

from gofal.authorities.models import Jurisdiction, Role, TeamKind
from gofal.demo.generator import Council, CouncilGenerator, Household, PersonPlan, Weighted, at
from gofal.demo.history import Episode, HistoryGenerator
from gofal.demo.writer import BulkWriter
from gofal.timescales.calendar import LONDON, WorkingDayCalendar, calendar_for, local_date
from gofal.timescales.compute import Due, Status, due, met_on_time, status
from gofal.timescales.models import (
    Deadline,
    DeadlineException,
    DeadlineExceptionStatus,
    ExceptionDecision,
    ExceptionReason,
)
from gofal.timescales.registry import RuleRegistry

SOURCE_TYPE = "demo.casework"
ON_TIME = 0.82  # share of clocks met on or before the due day
EXCEPTION_SHARE = 0.35  # late or overdue clocks with a recorded reason
DUE_SOON_SHARE = 0.1  # open repeating clocks whose last meeting puts the next due soon
DECIDED_SHARE = 0.8  # of those, decided by a manager
APPROVED_SHARE = 0.75  # of those decided, approved
OVERDUE_SHARE = 0.2  # open cases' clocks due in the last weeks and still not met
OVERDUE_WINDOW_DAYS = 45
VISIT_MONTHS = 10  # statutory visits kept for children still looked after
ENDED = "Involvement ended"

EXPLANATIONS: dict[str, tuple[str, ...]] = {
    "family-unavailable": (
        "The family moved in with relatives for three weeks and did not answer calls.",
        "Mother cancelled twice; the visit went ahead when she was back from hospital.",
    ),
    "child-unwell": ("The child was in hospital with pneumonia; seen on discharge.",),
    "partner-agency": (
        "Police could not attend on the date; conference rearranged with the chair.",
        "Health report not received in time; chair agreed to move the date.",
    ),
    "court-direction": ("Hearing listed the same week; the review followed the court date.",),
    "staff-absence": ("Allocated worker on sick leave; covered by the duty worker late.",),
    "child-choice": ("The young person asked to be seen after her exams.",),
    "interpreter": ("Waiting for a Romanian interpreter; booked for the next available day.",),
    "other": ("Snow closed the roads to the placement for four days.",),
}
REASONS = Weighted(
    [
        ("family-unavailable", 30),
        ("partner-agency", 22),
        ("staff-absence", 14),
        ("child-unwell", 10),
        ("court-direction", 8),
        ("child-choice", 6),
        ("interpreter", 5),
        ("other", 5),
    ]
)
REFUSAL_NOTES = (
    "Not a reason the child could not be seen: another worker should have covered.",
    "The meeting could have gone ahead without the report. Discuss in supervision.",
)
APPROVAL_NOTES = ("Agreed.", "Agreed: recorded on the child's file.", "")


@dataclass
class Clock:
    """Where a chain of clocks is now: the event that starts the next one, and the last row."""

    started_at: datetime
    previous: uuid.UUID | None = None


class DeadlineHistory:
    """The statutory clocks of one generated council (see the module's docstring)."""

    def __init__(
        self,
        generator: CouncilGenerator,
        council: Council,
        writer: BulkWriter,
        history: HistoryGenerator,
    ) -> None:
        self.g = generator
        self.council = council
        self.writer = writer
        self.history = history
        self.as_of = generator.as_of
        # a stream of its own, fixed by the seed through the council's generated id
        self.rng = random.Random(f"gofal:deadlines:{council.authority_id}:{self.as_of}")
        self.authority_id = council.authority_id
        self.jurisdiction = str(Jurisdiction.WALES)  # every generated council is Welsh
        self.teams = {team.id: team for team in council.teams}
        self.registry = RuleRegistry(authority_ids=[council.authority_id])
        self.calendar: WorkingDayCalendar = calendar_for(
            jurisdiction=self.jurisdiction, authority_id=council.authority_id
        )
        self.reasons = dict(ExceptionReason.objects.values_list("code", "pk"))
        self.pending: list[tuple[type[Model], dict[str, Any]]] = []  # rows after the clocks
        self.explained: set[uuid.UUID] = set()  # clocks with a recorded reason
        self.counts: dict[str, int] = {}
        # Conferences and looked-after reviews are the reviewing officers' clocks: each child
        # has one post in the safeguarding and reviewing unit (whoever holds it on the day).
        unit = next(iter(council.teams_of(TeamKind.REVIEWING_OFFICERS)), None)
        self.reviewing = (
            (unit.id, unit.slots.get(Role.REVIEWING_OFFICER, [])) if unit else (None, [])
        )

    # -- the council --------------------------------------------------------------------------

    def write(self) -> None:
        for house in self.council.households:
            for ep in house.episodes:
                if ep.kind not in ("child_protection", "looked_after"):
                    continue
                for child in house.children:
                    if self.history.involved(child, ep):
                        self.child(child, house, ep)

    def child(self, child: PersonPlan, house: Household, ep: Episode) -> None:
        end = self.episode_end(child, ep)
        allocations = self.history.allocations(child, house, ep, end)
        worker = _Worker(allocations)
        if ep.kind == "child_protection":
            self.child_protection(child.id, ep.start, end, worker)
        else:
            became = next((s.start for s in ep.segments if s.role == "looked_after"), None)
            if became is not None and (end is None or became < end):
                self.looked_after(child.id, became, end, worker)

    def episode_end(self, child: PersonPlan, ep: Episode) -> date | None:
        """When the child's own involvement ended: the episode's end, or 18 (21 if looked after)
        if that came first (as `HistoryGenerator.child_episode` decides it)."""
        born = child.date_of_birth
        assert born is not None
        years = born.year + (21 if ep.kind == "looked_after" else 18)
        grown_up = (
            date(years, 3, 1) - timedelta(days=1)
            if (born.month, born.day) == (2, 29)
            else born.replace(year=years)
        )
        if grown_up <= self.as_of and (ep.end is None or grown_up < ep.end):
            return grown_up
        return ep.end

    def owner(self, role: str, child_id: uuid.UUID, day: date, worker: "_Worker") -> dict[str, Any]:
        """Who the clock is for: the child's reviewing officer for the rules a reviewing officer
        answers for, otherwise the allocated worker and their team."""
        team_id, posts = self.reviewing
        if role == Role.REVIEWING_OFFICER and posts:
            return {
                "worker_id": posts[child_id.int % len(posts)].holder(day).user_id,
                "team_id": team_id,
            }
        return {"worker_id": worker.on(day), "team_id": worker.team_on(day)}

    # -- the clocks of each kind of episode --------------------------------------------------

    def child_protection(
        self, child_id: uuid.UUID, start: date, end: date | None, worker: "_Worker"
    ) -> None:
        rng = self.rng
        decided = at(start, 10 + rng.randrange(6), rng.choice((0, 15, 30, 45)))
        strategy = self.run("strategy-discussion", child_id, Clock(decided), end, worker, 1)
        if strategy is None:
            return
        conference = self.run("initial-conference", child_id, strategy, end, worker, 1)
        if conference is None:
            return
        self.run("conference-outline-plan", child_id, conference, end, worker, 1)
        self.run("core-group-first", child_id, conference, end, worker)
        self.run("review-conference-first", child_id, conference, end, worker)

    def looked_after(
        self, child_id: uuid.UUID, became: date, end: date | None, worker: "_Worker"
    ) -> None:
        started = Clock(at(became, 15))
        self.run("lac-review-first", child_id, started, end, worker)
        self.run("health-assessment", child_id, started, end, worker, 1)
        self.run("dental-check", child_id, started, end, worker, 1)
        if end is not None:
            return
        window = self.as_of - timedelta(days=VISIT_MONTHS * 30)
        if became >= window:
            self.run("lac-visit-first", child_id, started, end, worker)
        else:  # visits before the window are not kept: the chain starts from the last of them
            self.run("lac-visit-next", child_id, Clock(at(window, 14)), end, worker)

    # -- one chain of clocks ------------------------------------------------------------------

    def run(
        self,
        code: str,
        child_id: uuid.UUID,
        clock: Clock,
        end: date | None,
        worker: "_Worker",
        links: int = 10_000,
    ) -> Clock | None:
        """Start `code` at the clock's event; while it is met and repeats, start the next.

        Returns the meeting event of the first clock (what the next kind of clock starts from),
        or None if it was never met (overdue, not yet due, or stopped when the episode closed).
        """
        rule = self.registry.rule(code)
        first_met: Clock | None = None
        chain: list[dict[str, Any]] = []
        self.pending = []
        for _ in range(links):
            started_on = local_date(clock.started_at)
            if started_on >= self.as_of or (end is not None and started_on >= end):
                break
            applied = self.registry.applied(
                rule=rule,
                jurisdiction=self.jurisdiction,
                authority_id=self.authority_id,
                on=started_on,
            )
            result = due(applied.timescale, clock.started_at, self.calendar)
            met_at = self.meeting(clock.started_at, result)
            met_on = local_date(met_at)
            row_id = uuid.UUID(int=self.rng.getrandbits(128), version=4)
            row: dict[str, Any] = {
                "id": row_id,
                "authority_id": self.authority_id,
                "created_at": clock.started_at,
                "rule_id": rule.pk,
                "rule_version_id": applied.version.pk,
                "local_standard_id": applied.local_standard.pk if applied.local_standard else None,
                "child_id": child_id,
                "source_type": SOURCE_TYPE,
                "source_id": "",
                **self.owner(applied.version.responsible_role, child_id, started_on, worker),
                "previous_id": clock.previous,
                "started_at": clock.started_at,
                "started_on": started_on,
                "due_on": result.on,
                "due_at": result.at,
            }
            if end is not None and met_on > end:  # the episode closed first: the clock stops
                row.update(cancelled_at=at(end, 17), cancel_reason=ENDED)
                met = None
            elif end is None and (met_on >= self.as_of or self.left_overdue(result)):
                met = None  # not met yet: running, due soon or overdue
            else:
                on_time = met_on_time(result, met_at)
                row.update(met_at=met_at, met_on=met_on, met_on_time=on_time)
                met = met_at
            late = (met is not None and not row["met_on_time"]) or (
                met is None and "cancelled_at" not in row and result.on < self.as_of
            )
            if late and self.rng.random() < EXCEPTION_SHARE:
                row["exception_approved"] = self.exception(
                    row_id, row, result, met_at if met else None
                )
            chain.append(row)
            if met is None:
                break
            clock = Clock(met, row_id)
            if first_met is None:
                first_met = Clock(met)
            then = applied.version.then_rule_id
            if then is None:
                break
            rule = self.registry.rules_by_id[then]
        if len(chain) > 1 and self.rng.random() < DUE_SOON_SHARE:
            self.bring_forward(chain[-2], chain[-1])
        for row in chain:
            self.writer.add(Deadline, row)
        for model, row in self.pending:  # after the clocks they explain
            self.writer.add(model, row)
        self.counts[code] = self.counts.get(code, 0) + len(chain)
        return first_met

    def bring_forward(self, met: dict[str, Any], running: dict[str, Any]) -> None:
        """Move the last meeting of a repeating clock so the running one falls due in the next
        working days (a queue with nothing due soon is not what a team sees). The new due date
        is computed again; only a meeting that stays on time, with no reason recorded, moves."""
        if running.get("met_at") or running.get("cancelled_at") or met.get("exception_approved"):
            return
        if running["due_on"] <= self.as_of or met["id"] in self.explained:
            return
        rule = self.registry.rules_by_id[running["rule_id"]]
        today = datetime.combine(self.as_of, time(9), LONDON)
        met_due = Due(on=met["due_on"], at=met["due_at"])
        guess = running["started_on"] - (running["due_on"] - self.as_of) + timedelta(days=1)
        for shift in (0, -1, 1, -2, 2, -3, 3):
            day = guess + timedelta(days=shift)
            if day.weekday() >= 5 or not met["started_on"] <= day < self.as_of:
                continue
            moment = at(day, 11)
            applied = self.registry.applied(
                rule=rule, jurisdiction=self.jurisdiction, authority_id=self.authority_id, on=day
            )
            result = due(applied.timescale, moment, self.calendar)
            soon = status(result, met_at=None, as_of=today, calendar=self.calendar)
            if soon != Status.DUE_SOON or not met_on_time(met_due, moment):
                continue
            met.update(met_at=moment, met_on=day, met_on_time=True)
            running.update(
                created_at=moment,
                started_at=moment,
                started_on=day,
                rule_version_id=applied.version.pk,
                due_on=result.on,
                due_at=result.at,
            )
            return

    def left_overdue(self, result: Due) -> bool:
        """Some clocks of open cases that fell due in the last weeks are still not met."""
        recent = self.as_of - timedelta(days=OVERDUE_WINDOW_DAYS) <= result.on < self.as_of
        return recent and self.rng.random() < OVERDUE_SHARE

    def meeting(self, started_at: datetime, result: Due) -> datetime:
        """When the meeting event happened: usually on or before the due day, sometimes late."""
        rng = self.rng
        on_time = rng.random() < ON_TIME
        if result.at is not None:  # hours: a time within (or past) the due instant
            span = (result.at - started_at).total_seconds()
            if on_time:
                return started_at + timedelta(seconds=span * (0.15 + 0.8 * rng.random()))
            return result.at + timedelta(hours=1 + rng.randrange(40))
        started_on = local_date(started_at)
        if on_time:
            room = (result.on - started_on).days
            day = result.on - timedelta(days=rng.randrange(min(room, 10) + 1))
        else:
            day = result.on + timedelta(days=1 + int(rng.expovariate(1 / 12)))
        if day.weekday() >= 5:  # meetings and visits on working days
            day += timedelta(days=7 - day.weekday())
        moment = datetime.combine(day, time(9 + rng.randrange(8), rng.choice((0, 30))), UTC)
        return max(moment, started_at + timedelta(hours=1))

    def exception(
        self, deadline_id: uuid.UUID, row: dict[str, Any], result: Due, met_at: datetime | None
    ) -> bool:
        """A recorded reason for a late or overdue clock; most decided by the manager."""
        rng = self.rng
        code = REASONS.pick(rng)
        recorded_on = min(result.on + timedelta(days=rng.randrange(1, 6)), self.as_of)
        recorded_at = at(recorded_on, 15, 30)
        if met_at is not None:
            recorded_at = max(recorded_at, met_at)
        exception_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        self.explained.add(deadline_id)
        worker_id = row["worker_id"]
        self.pending.append(
            (
                DeadlineException,
                {
                    "id": exception_id,
                    "authority_id": self.authority_id,
                    "created_at": recorded_at,
                    "deadline_id": deadline_id,
                    "reason_id": self.reasons[code],
                    "explanation": rng.choice(EXPLANATIONS[code]),
                    "recorded_by_id": worker_id,
                    "recorded_at": recorded_at,
                },
            )
        )
        manager = self.teams[row["team_id"]].manager(recorded_on)
        if manager is None or rng.random() >= DECIDED_SHARE:
            return False  # waiting for a manager's decision
        approved = rng.random() < APPROVED_SHARE
        decided_at = recorded_at + timedelta(days=rng.randrange(0, 4), hours=1)
        self.pending.append(
            (
                DeadlineExceptionStatus,
                {
                    "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "authority_id": self.authority_id,
                    "created_at": decided_at,
                    "exception_id": exception_id,
                    "decision": str(
                        ExceptionDecision.APPROVED if approved else ExceptionDecision.REFUSED
                    ),
                    "note": rng.choice(APPROVAL_NOTES if approved else REFUSAL_NOTES),
                    "decided_by_id": manager,
                    "decided_at": decided_at,
                },
            )
        )
        return approved


class _Worker:
    """The child's allocated worker and team on a day, from the history's allocations."""

    def __init__(self, allocations: list[tuple[date, date | None, Any, uuid.UUID, Any]]) -> None:
        self.allocations = allocations

    def _on(self, day: date) -> tuple[date, date | None, Any, uuid.UUID, Any]:
        for allocation in self.allocations:
            start, stop = allocation[0], allocation[1]
            if start <= day and (stop is None or day < stop):
                return allocation
        return self.allocations[-1]

    def on(self, day: date) -> uuid.UUID:
        return self._on(day)[3]

    def team_on(self, day: date) -> uuid.UUID:
        return self._on(day)[2].id

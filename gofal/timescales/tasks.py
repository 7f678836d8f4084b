"""Reminders before a due date and escalation on breach, as a background task.

`reminders_sweep` runs on the django-tasks worker (`manage.py db_worker`); schedule
`manage.py timescales remind --enqueue` (or run it without `--enqueue` to sweep at once), for
example every hour from cron. Each message carries a dedupe key built from the deadline and its
due date, so running the sweep again sends nothing twice (and a corrected due date reminds
afresh).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from gofal.authorities.models import Membership, Role, User
from gofal.authorities.services import notification_send
from gofal.authorities.tenancy import system_access
from gofal.timescales.calendar import CalendarCache, local_date
from gofal.timescales.compute import Due, Status, status
from gofal.timescales.models import CouncilSetting, Deadline
from gofal.timescales.selectors import DEFAULT_REMIND_WORKING_DAYS

ESCALATE_TO = (Role.TEAM_MANAGER,)


@dataclass(frozen=True)
class SweepResult:
    reminders: int
    escalations: int


def sweep(*, as_of: datetime) -> SweepResult:
    """Remind responsible workers of clocks due soon; tell team managers of clocks overdue."""
    today = local_date(as_of)
    settings = dict(CouncilSetting.objects.values_list("authority_id", "remind_working_days"))
    horizon = today + timedelta(days=7 + 2 * max([DEFAULT_REMIND_WORKING_DAYS, *settings.values()]))
    deadlines = list(
        Deadline.objects.open()
        .filter(due_on__lte=horizon)
        .select_related("rule", "authority", "worker")
        .order_by("due_on")
    )
    calendars = CalendarCache()
    team_ids = {d.team_id for d in deadlines if d.team_id}
    managers: dict[object, list[User]] = defaultdict(list)
    for membership in (
        Membership.objects.current(today)
        .filter(team_id__in=team_ids, role__in=ESCALATE_TO)
        .select_related("user")
    ):
        managers[membership.team_id].append(membership.user)
    reminders = escalations = 0
    for deadline in deadlines:
        calendar = calendars.get(
            jurisdiction=deadline.authority.jurisdiction, authority_id=deadline.authority_id
        )
        where = status(
            Due(on=deadline.due_on, at=deadline.due_at),
            met_at=None,
            as_of=as_of,
            calendar=calendar,
            soon_working_days=settings.get(deadline.authority_id, DEFAULT_REMIND_WORKING_DAYS),
        )
        link = reverse("timescales:deadline_detail", args=[deadline.pk])
        due_text = (deadline.due_at or deadline.due_on).isoformat()
        if where == Status.DUE_SOON and deadline.worker is not None:
            sent = notification_send(
                recipient=deadline.worker,
                authority=deadline.authority,
                kind="timescale_reminder",
                subject=_("Due soon: %(rule)s") % {"rule": deadline.rule.name},
                body=_("%(rule)s is due by %(due)s.")
                % {"rule": deadline.rule.name, "due": due_text},
                link=link,
                dedupe_key=f"timescales:remind:{deadline.pk}:{due_text}",
                at=as_of,
            )
            reminders += sent is not None
        elif where == Status.OVERDUE:
            for manager in managers.get(deadline.team_id, []):
                sent = notification_send(
                    recipient=manager,
                    authority=deadline.authority,
                    kind="timescale_escalation",
                    subject=_("Overdue: %(rule)s") % {"rule": deadline.rule.name},
                    body=_("%(rule)s was due by %(due)s and has not been met.")
                    % {"rule": deadline.rule.name, "due": due_text},
                    link=link,
                    dedupe_key=f"timescales:escalate:{deadline.pk}:{due_text}",
                    at=as_of,
                )
                escalations += sent is not None
    return SweepResult(reminders=reminders, escalations=escalations)


@task()
def reminders_sweep(as_of: str) -> dict[str, int]:
    """The background task: sweep as at `as_of` (an ISO datetime chosen by whoever enqueued)."""
    with system_access():
        result = sweep(as_of=datetime.fromisoformat(as_of))
    return {"reminders": result.reminders, "escalations": result.escalations}

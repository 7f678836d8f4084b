"""Changes to early help records, audited."""

import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gofal.audit import services as audit
from gofal.authorities.models import Authority, Team, TeamKind, User
from gofal.authorities.records import save_versioned
from gofal.casework import selectors as casework_selectors
from gofal.casework import services as casework
from gofal.casework.models import InvolvementReason
from gofal.early_help.models import Direction, Episode, Handover, Plan, Response, Service
from gofal.people.models import Person
from gofal.timescales import services as timescales

SERVICE_FIELDS = (
    "name_en",
    "name_cy",
    "description_en",
    "description_cy",
    "provider",
    "eligibility",
    "area",
    "contact",
    "funding_source",
    "funding_ends_on",
)


@transaction.atomic
def service_add(
    *,
    authority: Authority,
    values: dict[str, Any],
    added_by: User,
    form_token: uuid.UUID | None,
    as_of: date,
) -> Service:
    """Add a service to the council's directory (once per form, whatever the clicks)."""
    if form_token is not None:
        existing = Service.objects.filter(form_token=form_token, authority=authority).first()
        if existing is not None:
            return existing
    if Service.objects.filter(authority=authority, name_en=values["name_en"].strip()).exists():
        raise ValidationError({"name_en": _("A service with this name is already listed")})
    try:
        with transaction.atomic():
            service = Service.objects.create(
                authority=authority,
                form_token=form_token,
                **{name: values.get(name) for name in SERVICE_FIELDS},
            )
    except IntegrityError:
        return Service.objects.get(form_token=form_token, authority=authority)
    audit.record_create(actor=added_by, obj=service, detail={"name": service.name_en})
    return service


# ---------------------------------------------------------------------------------------------
# Episodes, plans and handovers


def _check_team(child: Person, team: Team, kinds: set[str], field: str) -> None:
    if team.authority_id != child.authority_id or team.kind not in kinds:
        raise ValidationError({field: _("Select a team of the right kind in this council")})


@transaction.atomic
def episode_start(
    *,
    child: Person,
    team: Team,
    lead_worker: User,
    started_on: date,
    started_by: User,
    as_of: date,
) -> Episode:
    """Open early help for a child (at most one episode open at a time)."""
    _check_team(child, team, {TeamKind.EARLY_HELP}, "team")
    if started_on > as_of:
        raise ValidationError({"started_on": _("Start date must be today or in the past")})
    if Episode.objects.filter(child=child, ended_on__isnull=True).exists():
        raise ValidationError(_("This child already has an open early help episode."))
    try:
        with transaction.atomic():
            episode = Episode.objects.create(
                authority_id=child.authority_id,
                child=child,
                team=team,
                lead_worker=lead_worker,
                started_on=started_on,
                started_by=started_by,
            )
    except IntegrityError:
        raise ValidationError(_("This child already has an open early help episode.")) from None
    audit.record_create(actor=started_by, obj=episode, detail={"team": str(team.pk)})
    return episode


@transaction.atomic
def episode_end(
    *,
    episode: Episode,
    expected_version: int,
    ended_on: date,
    outcome: str,
    outcome_detail: str,
    ended_by: User,
    as_of: date,
) -> Episode:
    errors: dict[str, str] = {}
    if episode.ended_on is not None:
        raise ValidationError(_("This episode has already ended."))
    if ended_on > as_of:
        errors["ended_on"] = _("End date must be today or in the past")
    elif ended_on < episode.started_on:
        errors["ended_on"] = _("End date must be on or after the start date")
    if not outcome:
        errors["outcome"] = _("Select the outcome")
    if errors:
        raise ValidationError(errors)
    changes = save_versioned(
        episode,
        expected_version=expected_version,
        changes={"ended_on": ended_on, "outcome": outcome, "outcome_detail": outcome_detail},
    )
    audit.record_update(actor=ended_by, obj=episode, changes=changes)
    return episode


@transaction.atomic
def plan_record(
    *,
    episode: Episode,
    assessment: str,
    outcomes: str,
    actions: str,
    review_on: date,
    recorded_by: User,
    now: datetime,
) -> Plan:
    """Record the early help assessment and plan (a new version each time)."""
    errors: dict[str, str] = {}
    for name, value, message in (
        ("assessment", assessment, _("Enter what the assessment found")),
        ("outcomes", outcomes, _("Enter the outcomes the family wants")),
        ("actions", actions, _("Enter the actions")),
    ):
        if not value.strip():
            errors[name] = message
    if review_on <= timezone.localdate(now):
        errors["review_on"] = _("Review date must be in the future")
    if errors:
        raise ValidationError(errors)
    plan = Plan.objects.create(
        authority_id=episode.authority_id,
        episode=episode,
        child_id=episode.child_id,
        assessment=assessment.strip(),
        outcomes=outcomes.strip(),
        actions=actions.strip(),
        review_on=review_on,
        recorded_by=recorded_by,
        recorded_at=now,
    )
    audit.record_create(actor=recorded_by, obj=plan, detail={"episode": str(episode.pk)})
    return plan


HANDOVER_RULE = "handover-acceptance"
HANDOVER_SOURCE = "early_help.handover"
STATUTORY_KINDS: set[str] = {TeamKind.LOCALITY, TeamKind.DISABILITY, TeamKind.FOURTEEN_PLUS}


@transaction.atomic
def handover_send(
    *,
    child: Person,
    direction: str,
    from_team: Team,
    to_team: Team,
    reasons: str,
    information: str,
    sent_by: User,
    form_token: uuid.UUID | None,
    now: datetime,
) -> Handover:
    """Step a child up (early help to social services) or down (the other way)."""
    if form_token is not None:
        existing = Handover.objects.filter(form_token=form_token, child=child).first()
        if existing is not None:
            return existing
    receiving: set[str] = (
        STATUTORY_KINDS if direction == Direction.STEP_UP else {TeamKind.EARLY_HELP}
    )
    _check_team(child, to_team, receiving, "to_team")
    errors: dict[str, str] = {}
    if not reasons.strip():
        errors["reasons"] = _("Enter the reasons for the handover")
    if not information.strip():
        errors["information"] = _("Enter the information passed on")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            handover = Handover.objects.create(
                authority_id=child.authority_id,
                child=child,
                direction=direction,
                from_team=from_team,
                to_team=to_team,
                reasons=reasons.strip(),
                information=information.strip(),
                sent_by=sent_by,
                sent_at=now,
                form_token=form_token,
            )
    except IntegrityError:
        raise ValidationError(
            _("A handover for this child is already waiting to be accepted.")
        ) from None
    handover.acceptance_deadline = timescales.deadline_start(
        rule_code=HANDOVER_RULE,
        authority=handover.authority,
        child_id=child.pk,
        started_at=now,
        team=to_team,
        source_type=HANDOVER_SOURCE,
        source_id=str(handover.pk),
    )
    handover.save(update_fields=["acceptance_deadline"])
    audit.record_create(actor=sent_by, obj=handover, detail={"direction": direction})
    return handover


@transaction.atomic
def handover_respond(
    *,
    handover: Handover,
    expected_version: int,
    response: str,
    reasons: str,
    responded_by: User,
    lead_worker: User | None,
    now: datetime,
) -> Handover:
    """The receiving team accepts the handover (and the work starts there) or returns it with
    reasons (it goes back to the sender's queue)."""
    if handover.response:
        raise ValidationError(_("This handover has already been answered."))
    if response == Response.RETURNED and not reasons.strip():
        raise ValidationError({"reasons": _("Enter why the handover is being returned")})
    changes = save_versioned(
        handover,
        expected_version=expected_version,
        changes={
            "response": response,
            "response_reasons": reasons.strip(),
            "responded_by": responded_by,
            "responded_at": now,
        },
    )
    audit.record_update(actor=responded_by, obj=handover, changes=changes)
    clock = handover.acceptance_deadline
    if clock is not None and clock.is_open:
        timescales.deadline_meet(
            deadline=clock, met_at=now, source_type=HANDOVER_SOURCE, source_id=str(handover.pk)
        )
    if response == Response.ACCEPTED:
        day = timezone.localdate(now)
        if handover.direction == Direction.STEP_DOWN:
            episode_start(
                child=handover.child,
                team=handover.to_team,
                lead_worker=lead_worker or responded_by,
                started_on=day,
                started_by=responded_by,
                as_of=day,
            )
        elif casework_selectors.involvement_current(child=handover.child) is None:
            casework.involvement_start(
                child=handover.child,
                team=handover.to_team,
                started_on=day,
                reason=InvolvementReason.ACUTE_STRESS,
                reason_detail=handover.reasons,
                started_by=responded_by,
                as_of=day,
            )
    return handover

"""Early help pages: the services directory. Thin views over selectors and services."""

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gofal.audit import services as audit
from gofal.authorities.records import EditConflict
from gofal.casework import selectors as casework_selectors
from gofal.casework.pages import apply_errors, child_for_page, render_child_page
from gofal.early_help import selectors, services
from gofal.early_help.forms import (
    EpisodeEndForm,
    EpisodeStartForm,
    HandoverForm,
    HandoverResponseForm,
    PlanForm,
    ServiceForm,
)
from gofal.early_help.rules import Perm
from gofal.timescales.calendar import calendar_for
from gofal.timescales.presenters import StatusTag, deadline_status


def directory(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(Perm.VIEW_DIRECTORY):
        raise PermissionDenied
    today = timezone.localdate()
    rows = [
        {"service": s, "funded": s.funded_on(today)}
        for s in selectors.services_visible_to(request.user)
    ]
    can_manage = request.user.has_perm(Perm.MANAGE_DIRECTORY)
    return render(
        request,
        "early_help/directory.html",
        {
            "rows": rows,
            "can_manage": can_manage,
            "ended": [r for r in rows if not r["funded"]] if can_manage else [],
        },
    )


@require_http_methods(["GET", "POST"])
def service_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(Perm.MANAGE_DIRECTORY):
        raise PermissionDenied
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_add(
                authority=request.acting.authority,  # type: ignore[attr-defined]
                values=form.cleaned_data,
                added_by=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
                as_of=timezone.localdate(),
            )
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Service added to the directory"))
            return redirect("early_help:directory")
    return render(request, "early_help/service_form.html", {"form": form})


# --- A child's early help --------------------------------------------------------------------


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def child_early_help(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.VIEW_EARLY_HELP)
    episodes = list(selectors.episodes_for_child(child=child))
    return render_child_page(
        request,
        "early_help/child.html",
        child,
        {
            "episodes": episodes,
            "current": next((e for e in episodes if e.ended_on is None), None),
            "handovers": list(selectors.handovers_for_child(child=child)),
            "can_manage": request.user.has_perm(Perm.MANAGE_EARLY_HELP),
            "can_hand_over": request.user.has_perm(Perm.HAND_OVER),
        },
    )


@require_http_methods(["GET", "POST"])
def episode_start(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.MANAGE_EARLY_HELP)
    today = timezone.localdate()
    form = EpisodeStartForm(
        request.POST or None,
        teams=selectors.early_help_teams(authority_id=child.authority_id),
        workers=casework_selectors.allocatable_workers(
            authority_id=child.authority_id, as_of=today
        ),
        initial={"started_on": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_start(
                child=child,
                team=form.cleaned_data["team"],
                lead_worker=form.cleaned_data["lead_worker"],
                started_on=form.cleaned_data["started_on"],
                started_by=request.user,  # type: ignore[arg-type]
                as_of=today,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Early help started"))
            return redirect("early_help:child", child.pk)
    return render_child_page(
        request, "early_help/child_form.html", child, {"form": form, "title": _("Start early help")}
    )


def _current_episode(child: Any) -> Any:
    episode = selectors.episodes_for_child(child=child).filter(ended_on__isnull=True).first()
    if episode is None:
        raise Http404
    return episode


@require_http_methods(["GET", "POST"])
def episode_end(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.MANAGE_EARLY_HELP)
    episode = _current_episode(child)
    today = timezone.localdate()
    form = EpisodeEndForm(
        request.POST or None, initial={"version": episode.version, "ended_on": today}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_end(
                episode=episode,
                expected_version=form.cleaned_data["version"],
                ended_on=form.cleaned_data["ended_on"],
                outcome=form.cleaned_data["outcome"],
                outcome_detail=form.cleaned_data["outcome_detail"],
                ended_by=request.user,  # type: ignore[arg-type]
                as_of=today,
            )
        except EditConflict:
            form.add_error(None, _("Someone else changed this episode. Check and try again."))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Early help ended"))
            return redirect("early_help:child", child.pk)
    return render_child_page(
        request, "early_help/child_form.html", child, {"form": form, "title": _("End early help")}
    )


@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.MANAGE_EARLY_HELP)
    episode = _current_episode(child)
    latest = episode.plans.all()[0] if episode.plans.all() else None
    initial = (
        {
            "assessment": latest.assessment,
            "outcomes": latest.outcomes,
            "actions": latest.actions,
            "review_on": latest.review_on,
        }
        if latest
        else {}
    )
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_record(
                episode=episode,
                assessment=form.cleaned_data["assessment"],
                outcomes=form.cleaned_data["outcomes"],
                actions=form.cleaned_data["actions"],
                review_on=form.cleaned_data["review_on"],
                recorded_by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Assessment and plan saved"))
            return redirect("early_help:child", child.pk)
    return render_child_page(
        request,
        "early_help/child_form.html",
        child,
        {"form": form, "title": _("Early help assessment and plan")},
    )


@require_http_methods(["GET", "POST"])
def handover_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.HAND_OVER)
    acting = request.acting  # type: ignore[attr-defined]
    teams = casework_selectors.teams_of_council(authority_id=child.authority_id)
    mine = next((t for t in teams if t.pk in set(acting.team_ids)), None)
    form = HandoverForm(request.POST or None, teams=teams, initial={"from_team": mine})
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_send(
                child=child,
                direction=form.cleaned_data["direction"],
                from_team=form.cleaned_data["from_team"],
                to_team=form.cleaned_data["to_team"],
                reasons=form.cleaned_data["reasons"],
                information=form.cleaned_data["information"],
                sent_by=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
                now=timezone.now(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Handover sent: the receiving team must accept it"))
            return redirect("early_help:child", child.pk)
    return render_child_page(
        request,
        "early_help/child_form.html",
        child,
        {"form": form, "title": _("Step-up or step-down")},
    )


# --- Handovers -------------------------------------------------------------------------------


def _clock(handover: Any, *, now: dt.datetime) -> StatusTag | None:
    """Due or overdue, from the `handover-acceptance` clock (none on handovers sent before it
    was a rule)."""
    deadline = handover.acceptance_deadline
    if deadline is None:
        return None
    calendar = calendar_for(
        jurisdiction=handover.authority.jurisdiction, authority_id=handover.authority_id
    )
    return deadline_status(deadline, as_of=now, calendar=calendar)


def handovers(request: HttpRequest) -> HttpResponse:
    """Handovers awaiting acceptance by the user's teams, team by team with each one's
    `handover-acceptance` clock, and those returned to the user's teams."""
    _require(request, Perm.VIEW_EARLY_HELP)
    now = timezone.now()
    authority = request.acting.authority  # type: ignore[attr-defined]
    calendar = calendar_for(jurisdiction=authority.jurisdiction, authority_id=authority.pk)
    by_team: dict[Any, list[dict[str, Any]]] = {}
    shown = list(selectors.handovers_awaiting_acceptance(user=request.user)[:200])
    for h in shown:
        deadline = h.acceptance_deadline
        by_team.setdefault(h.to_team, []).append(
            {
                "handover": h,
                "deadline": deadline,
                "status": deadline_status(deadline, as_of=now, calendar=calendar)
                if deadline is not None
                else None,
            }
        )
    teams = [
        {
            "team": team,
            "rows": rows,
            "overdue": sum(1 for r in rows if r["status"] and r["status"].value == "overdue"),
        }
        for team, rows in sorted(by_team.items(), key=lambda item: item[0].name_en)
    ]
    returned = list(
        selectors.handovers_returned(user=request.user, since=now - dt.timedelta(days=90))[:100]
    )
    audit.record_list(
        actor=request.user,
        objects=[h.child for h in shown] + [h.child for h in returned],
        context="handovers",
    )
    return render(
        request,
        "early_help/handovers.html",
        {"teams": teams, "returned": returned},
    )


@require_http_methods(["GET", "POST"])
def handover_detail(request: HttpRequest, handover_id: uuid.UUID) -> HttpResponse:
    _require(request, Perm.VIEW_EARLY_HELP)
    handover = selectors.handover_get_for_user(user=request.user, handover_id=handover_id)
    form = HandoverResponseForm(request.POST or None, initial={"version": handover.version})
    if request.method == "POST":
        _require(request, Perm.HAND_OVER)
        if form.is_valid():
            try:
                services.handover_respond(
                    handover=handover,
                    expected_version=form.cleaned_data["version"],
                    response=form.cleaned_data["response"],
                    reasons=form.cleaned_data["reasons"],
                    responded_by=request.user,  # type: ignore[arg-type]
                    lead_worker=None,
                    now=timezone.now(),
                )
            except EditConflict:
                form.add_error(None, _("Someone else answered this handover. Check the page."))
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Handover answered"))
                return redirect("early_help:handovers")
    return render_child_page(
        request,
        "early_help/handover_detail.html",
        handover.child,
        {
            "handover": handover,
            "form": form,
            "can_answer": request.user.has_perm(Perm.HAND_OVER),
            "clock": _clock(handover, now=timezone.now()),
        },
        read=handover,
    )

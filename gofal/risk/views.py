"""Risk assessment pages. Thin: check permission, find the child (404 if not visible), parse,
call a service or selector, audit the read, render."""

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gofal.audit import services as audit
from gofal.authorities.records import EditConflict
from gofal.casework.pages import apply_errors, child_for_page, render_child_page, save_posted
from gofal.people.models import Person
from gofal.risk import flags, selectors, services
from gofal.risk.forms import (
    ActionForm,
    HarmForm,
    JudgementForm,
    SharingForm,
    StartForm,
    VersionForm,
)
from gofal.risk.models import FLAG_HARMS, RiskAssessment, RiskContext, RiskStatus
from gofal.risk.rules import Perm

ASSESSMENT_LINK = "assessments.assessment"


def _child(request: HttpRequest, person_id: uuid.UUID, perm: str = Perm.VIEW) -> Person:
    return child_for_page(request, person_id, perm)


def _risk(child: Person, risk_id: uuid.UUID) -> RiskAssessment:
    return selectors.risk_get(child=child, risk_id=risk_id)


def _to_detail(child: Person, risk: RiskAssessment) -> HttpResponse:
    return redirect("risk:detail", child.pk, risk.pk)


def risk_list(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id)
    return render_child_page(
        request,
        "risk/risk_list.html",
        child,
        {
            "series": selectors.series_for_child(child=child),
            "can_start": request.user.has_perm(Perm.CHANGE),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def risk_start(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    initial: dict[str, Any] = {"started_on": timezone.localdate()}
    linked = request.GET.get("assessment", "")
    if linked:
        initial.update(
            context=RiskContext.ASSESSMENT, linked_type=ASSESSMENT_LINK, linked_id=linked
        )
    form = StartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_start(
                child=child,
                context=form.cleaned_data["context"],
                started_on=form.cleaned_data["started_on"],
                started_by=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
                as_of=timezone.localdate(),
                linked_type=form.cleaned_data["linked_type"],
                linked_id=form.cleaned_data["linked_id"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("risk:harm_new", child.pk, risk.pk)
    return render_child_page(
        request,
        "risk/risk_start.html",
        child,
        {"form": form, "linked": bool(linked or form.data.get("linked_id"))},
    )


def _linked_href(child: Person, risk: RiskAssessment) -> str:
    url_name = services.LINK_TYPES.get(risk.linked_type)
    if not url_name or not risk.linked_id:
        return ""
    try:
        return reverse(url_name, args=[child.pk, risk.linked_id])
    except NoReverseMatch:
        return ""


def _detail_context(request: HttpRequest, child: Person, risk: RiskAssessment) -> dict[str, Any]:
    today = timezone.localdate()
    harms = selectors.harms_of(risk=risk)
    can_change = request.user.has_perm(Perm.CHANGE)
    versions = selectors.versions_of(risk=risk)
    is_latest = versions[0].pk == risk.pk
    current_flags: set[str] = set()
    if can_change and risk.status == RiskStatus.COMPLETED and is_latest:
        current_flags = flags.current_flag_kinds(child=child, as_of=today)
    return {
        "risk": risk,
        "harms": harms,
        "actions": selectors.actions_of(risk=risk),
        "sharings": selectors.sharings_of(risk=risk),
        "versions": versions,
        "is_latest": is_latest,
        "gaps": (
            services.completion_gaps(risk, harms=len(harms), as_of=today)
            if risk.is_editable
            else []
        ),
        "can_edit": can_change and risk.is_editable,
        "can_progress": can_change and risk.status == RiskStatus.COMPLETED and is_latest,
        "can_share": can_change and risk.status != RiskStatus.REVIEWED,
        "can_review": can_change and risk.status == RiskStatus.COMPLETED and is_latest,
        "flag_harms": FLAG_HARMS if (can_change and flags.flags_available()) else frozenset(),
        "current_flags": current_flags,
        "linked_href": _linked_href(child, risk),
        "review_overdue": bool(
            risk.review_on and risk.status == RiskStatus.COMPLETED and risk.review_on < today
        ),
        "complete_form": VersionForm(initial={"version": risk.version}),
        "today": today,
    }


def risk_detail(request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id)
    risk = _risk(child, risk_id)
    return render_child_page(
        request, "risk/risk_detail.html", child, _detail_context(request, child, risk), read=risk
    )


@require_http_methods(["GET", "POST"])
def risk_judgement(request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    if not risk.is_editable:
        return _to_detail(child, risk)
    initial = {"version": risk.version, **{n: getattr(risk, n) for n in JudgementForm.FIELDS}}
    form = JudgementForm(request.POST or None, initial=initial)
    saved, conflict_rows = save_posted(
        request,
        form,
        lambda: services.risk_save(
            risk=risk,
            expected_version=form.cleaned_data["version"] or risk.version,
            values=form.values(),
            saved_by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
            as_of=timezone.localdate(),
        ),
        success=_("Risk assessment saved"),
    )
    if saved:
        return _to_detail(child, risk)
    return render_child_page(
        request,
        "risk/form.html",
        child,
        {
            "risk": risk,
            "form": form,
            "conflict_rows": conflict_rows,
            "title": _("Overall level of risk and review"),
            "submit_label": _("Save"),
        },
        read=risk,
        status=409 if conflict_rows else 200,
    )


@require_http_methods(["GET", "POST"])
def harm_new(request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    if not risk.is_editable:
        return _to_detail(child, risk)
    form = HarmForm(request.POST or None)
    saved, _rows = save_posted(
        request,
        form,
        lambda: services.harm_add(
            risk=risk,
            values=form.values(),
            added_by=request.user,  # type: ignore[arg-type]
            form_token=form.cleaned_data["form_token"],
        ),
        success=_("Harm of concern added"),
    )
    if saved:
        return _to_detail(child, risk)
    return render_child_page(
        request,
        "risk/form.html",
        child,
        {
            "risk": risk,
            "form": form,
            "title": _("Add a harm of concern"),
            "submit_label": _("Add harm"),
        },
        read=risk,
    )


@require_http_methods(["GET", "POST"])
def harm_edit(
    request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID, harm_id: uuid.UUID
) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    harm = selectors.harm_get(risk=risk, harm_id=harm_id)
    if not risk.is_editable:
        return _to_detail(child, risk)
    initial = {"version": harm.version, **{n: getattr(harm, n) for n in HarmForm.FIELDS}}
    form = HarmForm(request.POST or None, initial=initial)
    saved, conflict_rows = save_posted(
        request,
        form,
        lambda: services.harm_save(
            harm=harm,
            expected_version=form.cleaned_data["version"] or harm.version,
            values=form.values(),
            saved_by=request.user,  # type: ignore[arg-type]
        ),
        success=_("Harm of concern saved"),
    )
    if saved:
        return _to_detail(child, risk)
    return render_child_page(
        request,
        "risk/form.html",
        child,
        {
            "risk": risk,
            "form": form,
            "conflict_rows": conflict_rows,
            "title": _("Change a harm of concern"),
            "submit_label": _("Save"),
            "remove_href": reverse("risk:harm_remove", args=[child.pk, risk.pk, harm.pk]),
            "remove_label": _("Remove this harm"),
        },
        read=harm,
        status=409 if conflict_rows else 200,
    )


@require_POST
def harm_remove(
    request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID, harm_id: uuid.UUID
) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    try:
        harm = selectors.harm_get(risk=risk, harm_id=harm_id)
    except Http404:
        return _to_detail(child, risk)  # already removed (a second click)
    try:
        services.harm_remove(harm=harm, removed_by=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Harm of concern removed"))
    return _to_detail(child, risk)


@require_POST
def harm_flag(
    request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID, harm_id: uuid.UUID
) -> HttpResponse:
    """Raise the vulnerability flag that matches the harm (one click; twice gives one flag)."""
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    harm = selectors.harm_get(risk=risk, harm_id=harm_id)
    try:
        services.harm_raise_flag(
            harm=harm,
            raised_by=request.user,  # type: ignore[arg-type]
            as_of=timezone.localdate(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Flag raised: it now shows on the identity bar"))
    return _to_detail(child, risk)


def _action_page(
    request: HttpRequest, child: Person, risk: RiskAssessment, form: ActionForm, **extra: Any
) -> HttpResponse:
    status = 409 if extra.get("conflict_rows") else 200
    context = {"risk": risk, "form": form, **extra}
    return render_child_page(request, "risk/form.html", child, context, read=risk, status=status)


@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    if not risk.is_editable:
        return _to_detail(child, risk)
    form = ActionForm(request.POST or None)
    saved, _rows = save_posted(
        request,
        form,
        lambda: services.action_add(
            risk=risk,
            what=form.cleaned_data["what"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            status=form.cleaned_data["status"],
            added_by=request.user,  # type: ignore[arg-type]
            form_token=form.cleaned_data["form_token"],
        ),
        success=_("Action added"),
    )
    if saved:
        return _to_detail(child, risk)
    return _action_page(
        request,
        child,
        risk,
        form,
        title=_("Add an action to reduce the risk"),
        submit_label=_("Add action"),
    )


@require_http_methods(["GET", "POST"])
def action_edit(
    request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID, action_id: uuid.UUID
) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    action = selectors.action_get(risk=risk, action_id=action_id)
    if risk.status == RiskStatus.REVIEWED:
        return _to_detail(child, risk)
    initial = {
        "version": action.version,
        "what": action.what,
        "owner": action.owner,
        "due_on": action.due_on,
        "status": action.status,
    }
    form = ActionForm(request.POST or None, initial=initial)
    if not risk.is_editable:
        for name in ("what", "owner", "due_on"):
            form.fields[name].disabled = True  # only progress changes once complete
    saved, conflict_rows = save_posted(
        request,
        form,
        lambda: services.action_save(
            action=action,
            expected_version=form.cleaned_data["version"] or action.version,
            what=form.cleaned_data["what"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            status=form.cleaned_data["status"],
            saved_by=request.user,  # type: ignore[arg-type]
        ),
        success=_("Action saved"),
    )
    if saved:
        return _to_detail(child, risk)
    extra: dict[str, Any] = {
        "title": _("Change an action") if risk.is_editable else _("Progress of an action"),
        "submit_label": _("Save"),
        "conflict_rows": conflict_rows,
    }
    if risk.is_editable:
        extra["remove_href"] = reverse("risk:action_remove", args=[child.pk, risk.pk, action.pk])
        extra["remove_label"] = _("Remove this action")
    return _action_page(request, child, risk, form, **extra)


@require_POST
def action_remove(
    request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID, action_id: uuid.UUID
) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    try:
        action = selectors.action_get(risk=risk, action_id=action_id)
    except Http404:
        return _to_detail(child, risk)
    try:
        services.action_remove(action=action, removed_by=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Action removed"))
    return _to_detail(child, risk)


@require_http_methods(["GET", "POST"])
def sharing_new(request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    if risk.status == RiskStatus.REVIEWED:
        return _to_detail(child, risk)
    form = SharingForm(request.POST or None, initial={"shared_on": timezone.localdate()})
    saved, _rows = save_posted(
        request,
        form,
        lambda: services.sharing_add(
            risk=risk,
            agency=form.cleaned_data["agency"],
            shared_on=form.cleaned_data["shared_on"],
            method=form.cleaned_data["method"],
            recorded_by=request.user,  # type: ignore[arg-type]
            form_token=form.cleaned_data["form_token"],
            as_of=timezone.localdate(),
        ),
        success=_("Sharing recorded"),
    )
    if saved:
        return _to_detail(child, risk)
    return render_child_page(
        request,
        "risk/form.html",
        child,
        {
            "risk": risk,
            "form": form,
            "title": _("Record who it was shared with"),
            "submit_label": _("Record sharing"),
        },
        read=risk,
    )


@require_POST
def risk_complete(request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    if risk.status != RiskStatus.DRAFT:
        return _to_detail(child, risk)  # a double submission
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.risk_complete(
            risk=risk,
            expected_version=form.cleaned_data.get("version") or risk.version,
            completed_by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
            as_of=timezone.localdate(),
        )
    except EditConflict:
        messages.error(
            request,
            _(
                "Someone else changed this risk assessment after you opened it: check it, "
                "then complete it again."
            ),
        )
    except ValidationError:
        messages.error(
            request, _("The risk assessment is not ready to complete: see what is missing.")
        )
    else:
        messages.success(request, _("Risk assessment completed"))
    return _to_detail(child, risk)


@require_POST
def risk_review(request: HttpRequest, person_id: uuid.UUID, risk_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE)
    risk = _risk(child, risk_id)
    try:
        draft = services.risk_review_start(
            risk=risk,
            started_by=request.user,  # type: ignore[arg-type]
            as_of=timezone.localdate(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_detail(child, risk)
    messages.success(request, _("Review started: this draft is the next version"))
    return _to_detail(child, draft)


def reviews_due(request: HttpRequest) -> HttpResponse:
    """The queue of risk assessments due for review (dates set by workers, not statute)."""
    if not request.user.has_perm(Perm.VIEW_REVIEWS):
        raise PermissionDenied
    today = timezone.localdate()
    can_see_all = request.user.has_perm(Perm.VIEW_ALL_REVIEWS)
    mine = not can_see_all or request.GET.get("mine") == "1"
    page = Paginator(selectors.reviews_due(user=request.user, as_of=today, mine=mine), 50).get_page(
        request.GET.get("page")
    )
    audit.record_list(actor=request.user, objects=list(page), context="risk_reviews_due")
    return render(
        request,
        "risk/reviews_due.html",
        {
            "page_obj": page,
            "today": today,
            "soon_days": selectors.DUE_SOON_DAYS,
            "mine": mine,
            "can_see_all": can_see_all,
        },
    )

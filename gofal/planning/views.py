"""Care and support plan pages. Thin: check permission, find the child (404 if not visible),
parse, call a service or selector, audit the read, render."""

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gofal.assessments.drafts import keep_draft_when_signed_out, restored_draft, timeout_context
from gofal.assessments.selectors import assessment_get
from gofal.audit import services as audit
from gofal.audit.models import Action
from gofal.authorities.records import EditConflict
from gofal.casework.pages import apply_errors, child_for_page, render_child_page, save_posted
from gofal.people.models import Person
from gofal.people.presenters import identity_bar
from gofal.planning import selectors, services
from gofal.planning.forms import (
    ActionForm,
    AgreementForm,
    AgreementReviewForm,
    EndForm,
    OutcomeForm,
    PlanDetailsForm,
    ReviewForm,
    SharingForm,
)
from gofal.planning.models import CareAndSupportPlan
from gofal.planning.rules import Perm
from gofal.ui.components import edit_conflict


def _child(request: HttpRequest, person_id: uuid.UUID, perm: str = Perm.VIEW_PLAN) -> Person:
    return child_for_page(request, person_id, perm)


_render = render_child_page
_apply_errors = apply_errors


def plan_list(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id)
    return _render(
        request,
        "planning/plan_list.html",
        child,
        {
            "plans": list(selectors.plans_for_child(child=child)),
            "ready": list(selectors.assessments_ready_for_plan(child=child)),
            "can_change": request.user.has_perm(Perm.CHANGE_PLAN),
            "form_token": uuid.uuid4(),
        },
    )


@require_POST
def plan_create(
    request: HttpRequest, person_id: uuid.UUID, assessment_id: uuid.UUID
) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE_PLAN)
    assessment = assessment_get(child=child, assessment_id=assessment_id)
    try:
        token = uuid.UUID(request.POST.get("form_token", ""))
    except ValueError:
        token = None
    try:
        plan = services.plan_create_from_assessment(
            assessment=assessment,
            created_by=request.user,  # type: ignore[arg-type]
            form_token=token,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("planning:list", child.pk)
    return redirect("planning:detail", child.pk, plan.pk)


def _plan(request: HttpRequest, child: Person, plan_id: uuid.UUID) -> CareAndSupportPlan:
    return selectors.plan_get(child=child, plan_id=plan_id)


def plan_detail(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id)
    plan = _plan(request, child, plan_id)
    editable = plan.is_editable and request.user.has_perm(Perm.CHANGE_PLAN)
    return _render(
        request,
        "planning/plan_detail.html",
        child,
        {
            "plan": plan,
            "can_change": editable,
            "can_authorise": plan.is_editable and request.user.has_perm(Perm.AUTHORISE_PLAN),
            "agreements": list(selectors.agreements_for_plan(plan=plan)),
            "can_review": editable and bool(plan.versions.all()),
            "review_clock": selectors.review_clock_for_plan(plan=plan),
            "today": timezone.localdate(),
        },
        read=plan,
    )


@keep_draft_when_signed_out
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE_PLAN)
    plan = _plan(request, child, plan_id)
    initial = {"version": plan.version, **{n: getattr(plan, n) for n in PlanDetailsForm.FIELDS}}
    restored = restored_draft(request) if request.method == "GET" else None
    form = PlanDetailsForm(request.POST or restored, initial=initial)
    conflict_rows: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(
                plan=plan,
                expected_version=form.cleaned_data["version"] or plan.version,
                values=form.values(),
                saved_by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except EditConflict as error:
            conflict_rows = [r for r in edit_conflict(form, error) if r.field in form.fields]
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Plan saved"))
            return redirect("planning:detail", child.pk, plan.pk)
    return _render(
        request,
        "planning/plan_form.html",
        child,
        {
            "plan": plan,
            "form": form,
            "conflict_rows": conflict_rows,
            "title": _("Contributions, agreement and contingency"),
            "restored": restored is not None,
            **timeout_context(request),
        },
        read=plan,
        status=409 if conflict_rows else 200,
    )


@require_http_methods(["GET", "POST"])
def outcome_add(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE_PLAN)
    plan = _plan(request, child, plan_id)
    form = OutcomeForm(request.POST or None)
    saved, _rows = save_posted(
        request,
        form,
        lambda: services.plan_outcome_add(
            plan=plan,
            text=form.cleaned_data["text"],
            added_by=request.user,  # type: ignore[arg-type]
        ),
    )
    if saved:
        return redirect("planning:detail", child.pk, plan.pk)
    return _render(
        request,
        "planning/plan_form.html",
        child,
        {"plan": plan, "form": form, "title": _("Add an outcome")},
        read=plan,
    )


@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE_PLAN)
    plan = _plan(request, child, plan_id)
    form = ActionForm(request.POST or None, outcomes=plan.outcomes.all())
    saved, _rows = save_posted(
        request,
        form,
        lambda: services.plan_action_add(
            plan=plan,
            outcome_id=form.cleaned_data["outcome"],
            what=form.cleaned_data["what"],
            who=form.cleaned_data["who"],
            due_on=form.cleaned_data["due_on"],
            why=form.cleaned_data["why"],
            if_not_done=form.cleaned_data["if_not_done"],
            added_by=request.user,  # type: ignore[arg-type]
        ),
    )
    if saved:
        return redirect("planning:detail", child.pk, plan.pk)
    return _render(
        request,
        "planning/plan_form.html",
        child,
        {"plan": plan, "form": form, "title": _("Add an action")},
        read=plan,
    )


@require_http_methods(["GET", "POST"])
def sharing_add(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE_PLAN)
    plan = _plan(request, child, plan_id)
    form = SharingForm(
        request.POST or None,
        initial={"shared_on": timezone.localdate(), "language": plan.language},
    )
    saved, _rows = save_posted(
        request,
        form,
        lambda: services.plan_share_record(
            plan=plan,
            recorded_by=request.user,  # type: ignore[arg-type]
            as_of=timezone.localdate(),
            **form.cleaned_data,
        ),
        success=_("Sharing recorded"),
    )
    if saved:
        return redirect("planning:detail", child.pk, plan.pk)
    return _render(
        request,
        "planning/plan_form.html",
        child,
        {"plan": plan, "form": form, "title": _("Record that the plan was shared")},
        read=plan,
    )


@require_http_methods(["GET", "POST"])
def plan_end(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.AUTHORISE_PLAN)
    plan = _plan(request, child, plan_id)
    if not plan.is_editable:
        return redirect("planning:detail", child.pk, plan.pk)  # already ended (a second click)
    form = EndForm(
        request.POST or None, initial={"version": plan.version, "ended_on": timezone.localdate()}
    )
    saved, conflict_rows = save_posted(
        request,
        form,
        lambda: services.plan_end(
            plan=plan,
            expected_version=form.cleaned_data["version"] or plan.version,
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
            detail=form.cleaned_data["detail"],
            ended_by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
        ),
        success=_("Plan ended: its review clock has stopped"),
    )
    if saved:
        return redirect("planning:detail", child.pk, plan.pk)
    return _render(
        request,
        "planning/plan_form.html",
        child,
        {
            "plan": plan,
            "form": form,
            "title": _("End the plan"),
            "submit_label": _("End the plan"),
            "conflict_rows": conflict_rows,
        },
        read=plan,
        status=409 if conflict_rows else 200,
    )


@require_POST
def plan_authorise(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.AUTHORISE_PLAN)
    plan = _plan(request, child, plan_id)
    try:
        version = services.plan_authorise(
            plan=plan,
            authorised_by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Plan authorised: version %(number)s kept") % {"number": version.number}
        )
    return redirect("planning:detail", child.pk, plan.pk)


def plan_print(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    """The plan to print or save as PDF, in the family's language (its fixed labels too)."""
    child = _child(request, person_id)
    plan = _plan(request, child, plan_id)
    audit.record_entries(actor=request.user, entries=[audit.entry_for(plan, Action.PRINT)])
    with translation.override(plan.language):
        return render(
            request,
            "planning/plan_print.html",
            {
                "plan": plan,
                "person": child,
                "printed_on": timezone.localdate(),
                "review_clock": selectors.review_clock_for_plan(plan=plan),
            },
        )


@keep_draft_when_signed_out
@require_http_methods(["GET", "POST"])
def review_add(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    """Record a review of the plan: it meets the review clock and may revise the plan."""
    child = _child(request, person_id, Perm.CHANGE_PLAN)
    plan = _plan(request, child, plan_id)
    items = services.review_items(plan)
    restored = restored_draft(request) if request.method == "GET" else None
    form = ReviewForm(request.POST or restored, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_review_record(
                plan=plan,
                held_on=data["held_on"],
                attended=data["attended"],
                views=data["views"],
                progress=form.progress(),
                plan_changed=data["plan_changed"],
                changes=data["changes"],
                recorded_by=request.user,  # type: ignore[arg-type]
                form_token=data["form_token"],
                as_of=timezone.localdate(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Review recorded"))
            return redirect("planning:detail", child.pk, plan.pk)
    return _render(
        request,
        "planning/plan_form.html",
        child,
        {
            "plan": plan,
            "form": form,
            "title": _("Record a review of the plan"),
            "restored": restored is not None,
            **timeout_context(request),
        },
        read=plan,
    )


# --- Written agreements ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def agreement_new(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE_PLAN)
    plan = _plan(request, child, plan_id)
    form = AgreementForm(request.POST or None, initial={"made_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_record(
                plan=plan,
                recorded_by=request.user,  # type: ignore[arg-type]
                as_of=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("Written agreement recorded: a head of service will review it")
            )
            return redirect("planning:detail", child.pk, plan.pk)
    return _render(
        request,
        "planning/plan_form.html",
        child,
        {"plan": plan, "form": form, "title": _("Record a written agreement")},
        read=plan,
    )


def agreements(request: HttpRequest) -> HttpResponse:
    """The head of service's list: every active written agreement not yet reviewed."""
    if not request.user.has_perm(Perm.REVIEW_AGREEMENTS):
        raise PermissionDenied
    rows = list(selectors.agreements_awaiting_review(user=request.user))
    audit.record_list(actor=request.user, objects=rows, context="agreements_awaiting_review")
    return render(
        request,
        "planning/agreements.html",
        {"agreements": rows, "by_team": selectors.agreements_by_team(user=request.user)},
    )


@require_http_methods(["GET", "POST"])
def agreement_review(request: HttpRequest, agreement_id: uuid.UUID) -> HttpResponse:
    if not request.user.has_perm(Perm.REVIEW_AGREEMENTS):
        raise PermissionDenied
    agreement = selectors.agreement_get_for_review(user=request.user, agreement_id=agreement_id)
    form = AgreementReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_review(
                agreement=agreement,
                reviewed_by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Review recorded"))
            return redirect("planning:agreements")
    audit.record_view(actor=request.user, obj=agreement)
    return render(
        request,
        "planning/agreement_review.html",
        {
            "agreement": agreement,
            "form": form,
            "person": agreement.child,
            "identity": identity_bar(agreement.child, as_of=timezone.localdate()),
        },
    )

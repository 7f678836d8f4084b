"""Assessment pages. Thin: check permission, find the child (404 if not visible), parse, call a
service or selector, audit the read, render."""

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gofal.assessments import selectors, services
from gofal.assessments.drafts import keep_draft_when_signed_out, restored_draft, timeout_context
from gofal.assessments.forms import (
    SECTION_FORMS,
    AuthoriseForm,
    FlagEndForm,
    FlagForm,
    ReturnForm,
    SharingForm,
    StartForm,
)
from gofal.assessments.models import Assessment, AssessmentStatus
from gofal.assessments.presenters import readability_hints, section_summaries
from gofal.assessments.rules import Perm
from gofal.assessments.sections import (
    SECTIONS,
    SECTIONS_BY_KEY,
    section_after,
    sections_for,
    submission_gaps,
)
from gofal.authorities.records import EditConflict
from gofal.casework.pages import apply_errors, child_for_page, render_child_page
from gofal.casework.selectors import involvement_current
from gofal.people.models import Person
from gofal.ui.components import edit_conflict


def _require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _child(request: HttpRequest, person_id: uuid.UUID, perm: str = Perm.VIEW_ASSESSMENT) -> Person:
    return child_for_page(request, person_id, perm)


_render = render_child_page
_apply_errors = apply_errors


def assessment_list(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id)
    return _render(
        request,
        "assessments/assessment_list.html",
        child,
        {
            "assessments": list(selectors.assessments_for_child(child=child)),
            "prompt": selectors.reassessment_prompt(child=child),
            "can_start": request.user.has_perm(Perm.START_ASSESSMENT),
        },
    )


@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.START_ASSESSMENT)
    if involvement_current(child=child) is None:
        return _render(request, "assessments/no_involvement.html", child, {})
    form = StartForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                child=child,
                kind=form.cleaned_data["kind"],
                started_on=form.cleaned_data["started_on"],
                started_by=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
                as_of=timezone.localdate(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("assessments:section", child.pk, assessment.pk, SECTIONS[0].key)
    return _render(request, "assessments/assessment_start.html", child, {"form": form})


@keep_draft_when_signed_out
@require_http_methods(["GET", "POST"])
def assessment_section(
    request: HttpRequest, person_id: uuid.UUID, assessment_id: uuid.UUID, section: str
) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE_ASSESSMENT)
    assessment = selectors.assessment_get(child=child, assessment_id=assessment_id)
    if section not in SECTIONS_BY_KEY or not SECTIONS_BY_KEY[section].applies_to(assessment.kind):
        raise Http404
    if not assessment.is_editable:
        return redirect("assessments:detail", child.pk, assessment.pk)
    form_class = SECTION_FORMS[section]
    restored = restored_draft(request) if request.method == "GET" else None
    form = form_class(request.POST or restored, initial=form_class.initial_from(assessment))
    conflict_rows: list[Any] = []
    autosave = bool(getattr(request, "htmx", False))
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                assessment=assessment,
                expected_version=form.cleaned_data["version"] or assessment.version,
                values=form.values(),
                saved_by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except EditConflict as error:
            conflict_rows = [row for row in edit_conflict(form, error) if row.field in form.fields]
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if autosave:
                response = render(
                    request,
                    "assessments/assessment_section.html#autosaved",
                    {"assessment": assessment, "saved_at": timezone.now()},
                )
                response["Vary"] = "HX-Request"
                return response
            messages.success(request, _("Draft saved"))
            following = section_after(section, assessment.kind)
            if request.POST.get("then") == "continue" and following is not None:
                return redirect("assessments:section", child.pk, assessment.pk, following.key)
            return redirect("assessments:detail", child.pk, assessment.pk)
    if autosave:
        # Not saved (a conflict or bad input): say so; the full page shows why on the next save.
        response = render(
            request,
            "assessments/assessment_section.html#autosave_failed",
            {"assessment": assessment},
        )
        response["Vary"] = "HX-Request"
        return response
    history = selectors.history_for_child(child=child) if section == "history" else []
    hints = readability_hints(assessment.child_views) if section == "child" else []
    return _render(
        request,
        "assessments/assessment_section.html",
        child,
        {
            "assessment": assessment,
            "form": form,
            "section": SECTIONS_BY_KEY[section],
            "sections": sections_for(assessment.kind),
            "history": history,
            "hints": hints,
            "conflict_rows": conflict_rows,
            "has_next": section_after(section, assessment.kind) is not None,
            "restored": restored is not None,
            **timeout_context(request),
        },
        read=assessment,
        status=409 if conflict_rows else 200,
    )


def _detail_context(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    user = request.user
    editable = assessment.is_editable and user.has_perm(Perm.CHANGE_ASSESSMENT)
    gaps = submission_gaps(assessment) if assessment.status != AssessmentStatus.AUTHORISED else []
    decide = assessment.status == AssessmentStatus.SUBMITTED and user.has_perm(
        Perm.DECIDE_ASSESSMENT, assessment
    )
    return {
        "assessment": assessment,
        "summaries": section_summaries(assessment, gaps=gaps, editable=editable),
        "gaps": gaps,
        "steps": list(selectors.assessment_steps(assessment=assessment)),
        "sharings": list(selectors.assessment_sharings(assessment=assessment)),
        "can_share": assessment.status == AssessmentStatus.AUTHORISED
        and user.has_perm(Perm.CHANGE_ASSESSMENT),
        "last_return": (
            selectors.assessment_last_return(assessment=assessment)
            if assessment.status == AssessmentStatus.RETURNED
            else None
        ),
        "can_submit": editable,
        "can_decide": decide,
        "hints": readability_hints(assessment.child_views),
        "return_form": ReturnForm(prefix="return"),
        "authorise_form": AuthoriseForm(prefix="authorise"),
    }


def assessment_detail(
    request: HttpRequest, person_id: uuid.UUID, assessment_id: uuid.UUID
) -> HttpResponse:
    child = _child(request, person_id)
    assessment = selectors.assessment_get(child=child, assessment_id=assessment_id)
    return _render(
        request,
        "assessments/assessment_detail.html",
        child,
        _detail_context(request, assessment),
        read=assessment,
    )


def _decision_page(
    request: HttpRequest, child: Person, assessment: Assessment, **forms: Any
) -> HttpResponse:
    context = _detail_context(request, assessment)
    context.update(forms)
    return _render(request, "assessments/assessment_detail.html", child, context, read=assessment)


@require_POST
def assessment_submit(
    request: HttpRequest, person_id: uuid.UUID, assessment_id: uuid.UUID
) -> HttpResponse:
    child = _child(request, person_id, Perm.CHANGE_ASSESSMENT)
    assessment = selectors.assessment_get(child=child, assessment_id=assessment_id)
    if assessment.status == AssessmentStatus.SUBMITTED:
        return redirect("assessments:detail", child.pk, assessment.pk)  # a double submission
    try:
        services.assessment_submit(
            assessment=assessment,
            submitted_by=request.user,  # type: ignore[arg-type]
            history=selectors.history_for_child(child=child),
            now=timezone.now(),
        )
    except ValidationError:
        messages.error(request, _("The assessment is not ready to submit: see what is missing."))
        return redirect("assessments:detail", child.pk, assessment.pk)
    messages.success(request, _("Assessment submitted for authorisation"))
    return redirect("assessments:detail", child.pk, assessment.pk)


@require_POST
def assessment_return(
    request: HttpRequest, person_id: uuid.UUID, assessment_id: uuid.UUID
) -> HttpResponse:
    child = _child(request, person_id)
    assessment = selectors.assessment_get(child=child, assessment_id=assessment_id)
    _require(request, Perm.DECIDE_ASSESSMENT, assessment)
    if assessment.status == AssessmentStatus.RETURNED:
        return redirect("assessments:detail", child.pk, assessment.pk)
    form = ReturnForm(request.POST, prefix="return")
    if form.is_valid():
        try:
            services.assessment_return(
                assessment=assessment,
                comment=form.cleaned_data["comment"],
                returned_by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Assessment returned to the worker"))
            return redirect("assessments:detail", child.pk, assessment.pk)
    return _decision_page(request, child, assessment, return_form=form)


@require_POST
def assessment_authorise(
    request: HttpRequest, person_id: uuid.UUID, assessment_id: uuid.UUID
) -> HttpResponse:
    child = _child(request, person_id)
    assessment = selectors.assessment_get(child=child, assessment_id=assessment_id)
    _require(request, Perm.DECIDE_ASSESSMENT, assessment)
    if assessment.status == AssessmentStatus.AUTHORISED:
        return redirect("assessments:detail", child.pk, assessment.pk)
    form = AuthoriseForm(request.POST, prefix="authorise")
    if form.is_valid():
        try:
            services.assessment_authorise(
                assessment=assessment,
                comment=form.cleaned_data["comment"],
                authorised_by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Assessment authorised"))
            return redirect("assessments:detail", child.pk, assessment.pk)
    return _decision_page(request, child, assessment, authorise_form=form)


# --- Vulnerability and risky-behaviour flags -------------------------------------------------


@require_http_methods(["GET", "POST"])
def flags(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The child's flags, current and past, and (for practitioners) the form to add one."""
    child = _child(request, person_id)
    can_manage = request.user.has_perm(Perm.MANAGE_FLAGS)
    form = FlagForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST":
        _require(request, Perm.MANAGE_FLAGS)
        if form.is_valid():
            try:
                services.flag_start(
                    child=child,
                    recorded_by=request.user,  # type: ignore[arg-type]
                    as_of=timezone.localdate(),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Flag added"))
                return redirect("assessments:flags", child.pk)
    return _render(
        request,
        "assessments/flags.html",
        child,
        {
            "flags": list(selectors.flags_for_child(child=child)),
            "form": form if can_manage else None,
        },
    )


@require_http_methods(["GET", "POST"])
def flag_end(request: HttpRequest, person_id: uuid.UUID, flag_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.MANAGE_FLAGS)
    flag = selectors.flag_get(child=child, flag_id=flag_id)
    if flag.ended_on is not None:
        return redirect("assessments:flags", child.pk)
    form = FlagEndForm(
        request.POST or None, initial={"version": flag.version, "ended_on": timezone.localdate()}
    )
    conflict_rows: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_end(
                flag=flag,
                expected_version=form.cleaned_data["version"] or flag.version,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
                ended_by=request.user,  # type: ignore[arg-type]
                as_of=timezone.localdate(),
            )
        except EditConflict as error:
            conflict_rows = list(edit_conflict(form, error))
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Flag ended"))
            return redirect("assessments:flags", child.pk)
    return _render(
        request,
        "assessments/flag_end.html",
        child,
        {"flag": flag, "form": form, "conflict_rows": conflict_rows},
        read=flag,
        status=409 if conflict_rows else 200,
    )


@require_http_methods(["GET", "POST"])
def assessment_share(
    request: HttpRequest, person_id: uuid.UUID, assessment_id: uuid.UUID
) -> HttpResponse:
    """Record that the assessment was shared: with whom, when, how, in which language."""
    child = _child(request, person_id, Perm.CHANGE_ASSESSMENT)
    assessment = selectors.assessment_get(child=child, assessment_id=assessment_id)
    language = "cy" if child.preferred_language == "cy" else "en"
    form = SharingForm(
        request.POST or None,
        initial={"shared_on": timezone.localdate(), "language": language},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_share_record(
                assessment=assessment,
                recorded_by=request.user,  # type: ignore[arg-type]
                as_of=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Sharing recorded"))
            return redirect("assessments:detail", child.pk, assessment.pk)
    return _render(
        request,
        "assessments/assessment_share.html",
        child,
        {"assessment": assessment, "form": form},
        read=assessment,
    )


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in" from the session timeout warning: the session is saved again, which
    renews it for the whole session length."""
    request.session.modified = True
    return HttpResponse(status=204)

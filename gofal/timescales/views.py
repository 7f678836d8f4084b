"""Timescale pages: thin views over selectors, services and presenters."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gofal.timescales import clock, forms, selectors, services
from gofal.timescales.calendar import calendar_for
from gofal.timescales.presenters import deadline_page
from gofal.timescales.registry import RuleRegistry
from gofal.timescales.rules import Perm


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def deadline_detail(request: HttpRequest, deadline_id: str) -> HttpResponse:
    _require(request, Perm.VIEW_DEADLINES)
    deadline = selectors.deadline_get_for_user(user=request.user, deadline_id=deadline_id)
    now = clock.now()
    authority = deadline.authority
    registry = RuleRegistry(authority_ids=[authority.pk])
    calendar = calendar_for(jurisdiction=authority.jurisdiction, authority_id=authority.pk)
    exception_form = forms.ExceptionForm(request.POST or None, prefix="exception")
    if request.method == "POST" and "exception-reason" in request.POST:
        _require(request, Perm.RECORD_EXCEPTION)
        if exception_form.is_valid():
            try:
                services.deadline_exception_record(
                    deadline=deadline,
                    reason=exception_form.cleaned_data["reason"],
                    explanation=exception_form.cleaned_data["explanation"],
                    recorded_by=request.user,  # type: ignore[arg-type]
                    at=now,
                )
            except ValidationError as error:
                exception_form.add_error(None, error)
            else:
                messages.success(request, _("Reason recorded. A manager will decide on it."))
                return redirect("timescales:deadline_detail", deadline_id=deadline.pk)
    page = deadline_page(
        deadline=deadline, registry=registry, calendar=calendar, as_of=now, user=request.user
    )
    return render(
        request,
        "timescales/deadline_detail.html",
        {"page": page, "deadline": deadline, "exception_form": exception_form},
    )


def exception_decide(request: HttpRequest, deadline_id: str, exception_id: str) -> HttpResponse:
    _require(request, Perm.DECIDE_EXCEPTION)
    deadline = selectors.deadline_get_for_user(user=request.user, deadline_id=deadline_id)
    exception = deadline.exceptions.filter(pk=exception_id).first()
    if exception is None or request.method != "POST":
        return redirect("timescales:deadline_detail", deadline_id=deadline.pk)
    form = forms.ExceptionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_exception_decide(
                exception=exception,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                decided_by=request.user,  # type: ignore[arg-type]
                at=clock.now(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("timescales:deadline_detail", deadline_id=deadline.pk)

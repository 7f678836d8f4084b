"""Management oversight pages. Thin: check permission, find the child (404 if not visible),
parse, call a service or selector, audit the read, render."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gofal.assessments.models import FlagKind
from gofal.audit import services as audit
from gofal.people.models import Person
from gofal.people.presenters import identity_bar
from gofal.people.selectors import person_get_for_user
from gofal.planning.selectors import (
    AGREEMENT_MEASURES,
    PLAN_MEASURES,
    agreements_in_measure,
    plans_in_measure,
)
from gofal.quality import selectors, services
from gofal.quality.forms import OversightForm
from gofal.quality.risk_profile import NO_AREA, profile_children, risk_profile
from gofal.quality.rules import Perm
from gofal.risk.populations import populations
from gofal.risk.rules import Perm as RiskPerm


def _child(request: HttpRequest, person_id: uuid.UUID, perm: str) -> Person:
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return person_get_for_user(user=request.user, person_id=person_id)


def oversight(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.VIEW_OVERSIGHT)
    entries = list(selectors.oversight_for_child(child=child))
    audit.record_view(actor=request.user, obj=child)
    return render(
        request,
        "quality/oversight.html",
        {
            "person": child,
            "identity": identity_bar(child, as_of=timezone.localdate()),
            "entries": entries,
            "can_record": request.user.has_perm(Perm.RECORD_OVERSIGHT),
        },
    )


@require_http_methods(["GET", "POST"])
def oversight_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = _child(request, person_id, Perm.RECORD_OVERSIGHT)
    form = OversightForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.oversight_record(
                child=child,
                recorded_by=request.user,  # type: ignore[arg-type]
                as_of=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Management decision recorded"))
            return redirect("quality:oversight", child.pk)
    audit.record_view(actor=request.user, obj=child)
    return render(
        request,
        "quality/oversight_form.html",
        {
            "person": child,
            "identity": identity_bar(child, as_of=timezone.localdate()),
            "form": form,
        },
    )


# --- Practice reports ------------------------------------------------------------------------


def _require_reports(request: HttpRequest) -> None:
    if not request.user.has_perm(Perm.VIEW_REPORTS):
        raise PermissionDenied


def _year(request: HttpRequest) -> tuple[int, list[int]]:
    """The reporting year asked for (1 April to 31 March), the current one by default."""
    current = selectors.current_year(timezone.localdate())
    years = list(range(current, current - 5, -1))
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        raise Http404 from None
    if year not in years:
        raise Http404
    return year, years


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        raise Http404 from None


def reports(request: HttpRequest) -> HttpResponse:
    _require_reports(request)
    year, years = _year(request)
    report = selectors.practice_report(user=request.user, as_of=timezone.localdate(), year=year)
    return render(request, "quality/reports.html", {"report": report, "year": year, "years": years})


def report_assessments(request: HttpRequest) -> HttpResponse:
    """Drill-down: the assessments completed in the year (the PM24 denominator), or the late
    ones, for the council or one team, for the children the user may see."""
    _require_reports(request)
    year, _years = _year(request)
    start, end = selectors.report_period(year=year, as_of=timezone.localdate())
    late = request.GET.get("late") == "1"
    rows = selectors.assessments_completed(
        user=request.user,
        period_start=start,
        period_end=end,
        team_id=_uuid(request.GET.get("team", "")),
        late_only=late,
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    audit.record_list(actor=request.user, objects=list(page), context="report_assessments")
    return render(
        request,
        "quality/report_assessments.html",
        {"page_obj": page, "late": late, "period_start": start, "period_end": end, "year": year},
    )


def report_agreements(request: HttpRequest) -> HttpResponse:
    """Drill-down: the written agreements behind a figure, for the council or one team."""
    _require_reports(request)
    measure = request.GET.get("measure", "open")
    if measure not in AGREEMENT_MEASURES:
        raise Http404
    rows = agreements_in_measure(
        user=request.user, measure=measure, team_id=_uuid(request.GET.get("team", ""))
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    audit.record_list(
        actor=request.user, objects=list(page), context=f"report_agreements:{measure}"
    )
    return render(request, "quality/report_agreements.html", {"page_obj": page, "measure": measure})


def report_plans(request: HttpRequest) -> HttpResponse:
    """Drill-down: the plans behind a figure, each recorded as read."""
    _require_reports(request)
    measure = request.GET.get("measure", "all")
    if measure not in PLAN_MEASURES:
        raise Http404
    page = Paginator(plans_in_measure(user=request.user, measure=measure), 50).get_page(
        request.GET.get("page")
    )
    audit.record_list(actor=request.user, objects=list(page), context=f"report_plans:{measure}")
    return render(request, "quality/report_plans.html", {"page_obj": page, "measure": measure})


def report_flags(request: HttpRequest) -> HttpResponse:
    """The risk profile: children by vulnerability flag and by placement area, counts only with
    small numbers suppressed (to share with partners); with `kind` and/or `area`, the children
    behind a figure, for staff permitted to see them (each child still scoped to the user)."""
    if not request.user.has_perm(RiskPerm.VIEW_PROFILE):
        raise PermissionDenied
    today = timezone.localdate()
    kind = request.GET.get("kind", "")
    area = request.GET.get("area", "")
    if kind and kind not in FlagKind.values:
        raise Http404
    if not (kind or area):
        return render(
            request,
            "quality/report_flags.html",
            {"profile": risk_profile(user=request.user, as_of=today), "no_area": NO_AREA},
        )
    if not request.user.has_perm(RiskPerm.VIEW_PROFILE_CHILDREN):
        raise PermissionDenied
    page = Paginator(
        profile_children(user=request.user, as_of=today, kind=kind, area=area), 50
    ).get_page(request.GET.get("page"))
    audit.record_list(actor=request.user, objects=list(page), context=f"report_flags:{kind}:{area}")
    return render(
        request,
        "quality/report_flags_children.html",
        {
            "page_obj": page,
            "label": FlagKind(kind).label if kind else _("Any flag"),
            "area": (_("No current address recorded") if area == NO_AREA else area),
            "populations": populations(),
        },
    )

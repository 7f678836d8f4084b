"""Casework pages. Thin: check permission, find the child (404 if not visible), parse, call a
service or selector, audit the read, render."""

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gofal.audit import selectors as audit_selectors
from gofal.audit import services as audit
from gofal.authorities.records import EditConflict
from gofal.casework import selectors, services
from gofal.casework.chronology import chronology_kinds
from gofal.casework.forms import (
    AllocationForm,
    CaseNoteForm,
    ChronologyFilterForm,
    DocumentForm,
    InvolvementEndForm,
    InvolvementStartForm,
    RecordAccessFilterForm,
    SignificantEventForm,
)
from gofal.casework.pages import apply_errors, child_for_page, render_child_page
from gofal.casework.presenters import caseload_rows, record_access_rows
from gofal.casework.rules import Perm
from gofal.timescales.presenters import child_deadlines as child_deadline_rows
from gofal.timescales.rules import Perm as TimescalesPerm
from gofal.ui.pagination import paginate

PAGE_SIZE = 25


# --- Shared helpers --------------------------------------------------------------------------


def _require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


# --- Caseloads -------------------------------------------------------------------------------


def my_caseload(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(Perm.VIEW_MY_CASELOAD):
        if request.user.has_perm(Perm.VIEW_TEAM_CASELOAD):
            return redirect("casework:team_caseload")
        return render(request, "casework/no_caseload.html")
    today = timezone.localdate()
    rows = caseload_rows(selectors.caseload_for_worker(user=request.user, as_of=today), as_of=today)
    audit.record_list(actor=request.user, objects=[r.child for r in rows], context="my_caseload")
    return render(request, "casework/my_caseload.html", {"rows": rows, "today": today})


def team_caseload(request: HttpRequest) -> HttpResponse:
    """Each worker's number of children; one worker's children in full when the manager picks
    them; children not allocated and recent changes of worker, a page of each at a time."""
    _require(request, Perm.VIEW_TEAM_CASELOAD)
    today = timezone.localdate()
    teams = list(selectors.teams_for_manager(user=request.user))
    if not teams:
        return render(request, "casework/team_caseload.html", {"teams": [], "caseload": None})
    chosen = next((t for t in teams if str(t.pk) == request.GET.get("team")), teams[0])
    try:
        worker_id = uuid.UUID(request.GET.get("worker", ""))
    except ValueError:
        worker_id = None
    caseload = selectors.team_caseload(
        user=request.user, team=chosen, as_of=today, worker_id=worker_id
    )
    unallocated = paginate(request, caseload.unallocated, parameter="unallocated_page")
    changes = paginate(request, caseload.recent_changes, parameter="changes_page")
    shown = [a.child for a in caseload.chosen.allocations] if caseload.chosen else []
    shown += [i.child for i in unallocated] + [a.child for a in changes]
    audit.record_list(
        actor=request.user, objects=list({p.pk: p for p in shown}.values()), context="team_caseload"
    )
    return render(
        request,
        "casework/team_caseload.html",
        {
            "teams": teams,
            "team": chosen,
            "caseload": caseload,
            "unallocated": unallocated,
            "changes": changes,
            "today": today,
        },
    )


# --- Involvement and allocation --------------------------------------------------------------


def involvement(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.VIEW_CASEWORK)
    today = timezone.localdate()
    involvements = list(selectors.involvements_for_child(child=child))
    allocations = list(selectors.allocations_for_child(child=child))
    since = today - dt.timedelta(days=selectors.CHANGE_WINDOW_DAYS)
    return render_child_page(
        request,
        "casework/involvement.html",
        child,
        {
            "current": next((i for i in involvements if i.ended_on is None), None),
            "involvements": involvements,
            "allocations": allocations,
            "current_allocation": next((a for a in allocations if a.ended_on is None), None),
            "recent_changes": sum(
                1 for a in allocations if a.reason_id and since < a.started_on <= today
            ),
            "can_manage": request.user.has_perm(Perm.MANAGE_INVOLVEMENT),
            "can_allocate": request.user.has_perm(Perm.ALLOCATE),
        },
        page="involvement",
    )


@require_http_methods(["GET", "POST"])
def involvement_start(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.MANAGE_INVOLVEMENT)
    if selectors.involvement_current(child=child) is not None:
        return redirect("casework:involvement", child.pk)
    teams = selectors.teams_of_council(authority_id=child.authority_id)
    form = InvolvementStartForm(
        request.POST or None, teams=teams, initial={"started_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_start(
                child=child,
                team=form.cleaned_data["team"],
                started_on=form.cleaned_data["started_on"],
                reason=form.cleaned_data["reason"],
                reason_detail=form.cleaned_data["reason_detail"],
                started_by=request.user,  # type: ignore[arg-type]
                as_of=timezone.localdate(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Involvement opened"))
            return redirect("casework:involvement", child.pk)
    return render_child_page(
        request, "casework/involvement_start.html", child, {"form": form}, page="involvement"
    )


@require_http_methods(["GET", "POST"])
def involvement_end(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.MANAGE_INVOLVEMENT)
    current = selectors.involvement_current(child=child)
    if current is None:
        return render_child_page(
            request, "casework/no_open_involvement.html", child, {}, page="involvement"
        )
    form = InvolvementEndForm(
        request.POST or None,
        initial={"version": current.version, "ended_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_end(
                involvement=current,
                expected_version=form.cleaned_data["version"],
                ended_on=form.cleaned_data["ended_on"],
                end_reason=form.cleaned_data["end_reason"],
                end_detail=form.cleaned_data["end_detail"],
                ended_by=request.user,  # type: ignore[arg-type]
                as_of=timezone.localdate(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Involvement closed"))
            return redirect("casework:involvement", child.pk)
    return render_child_page(
        request,
        "casework/involvement_end.html",
        child,
        {"form": form, "current": current},
        page="involvement",
    )


@require_http_methods(["GET", "POST"])
def allocation_change(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.ALLOCATE)
    today = timezone.localdate()
    current_involvement = selectors.involvement_current(child=child)
    if current_involvement is None:
        return render_child_page(
            request, "casework/no_open_involvement.html", child, {}, page="involvement"
        )
    current = selectors.allocation_current(child=child)
    form = AllocationForm(
        request.POST or None,
        workers=selectors.allocatable_workers(authority_id=child.authority_id, as_of=today),
        teams=selectors.teams_of_council(authority_id=child.authority_id),
        reasons=selectors.allocation_change_reasons(),
        initial={"started_on": today, "team": current_involvement.team_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.allocation_change(
                child=child,
                worker=form.cleaned_data["worker"],
                team=form.cleaned_data["team"],
                started_on=form.cleaned_data["started_on"],
                reason=form.cleaned_data["reason"],
                reason_detail=form.cleaned_data["reason_detail"],
                changed_by=request.user,  # type: ignore[arg-type]
                as_of=today,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(child)s allocated to %(worker)s")
                % {"child": child.full_name, "worker": form.cleaned_data["worker"]},
            )
            target = request.POST.get("next", "")
            if target == "team":
                return redirect(
                    reverse("casework:team_caseload") + f"?team={form.cleaned_data['team'].pk}"
                )
            return redirect("casework:involvement", child.pk)
    return render_child_page(
        request,
        "casework/allocation_change.html",
        child,
        {
            "form": form,
            "current": current,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
        page="involvement",
    )


# --- Case notes ------------------------------------------------------------------------------


def notes(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.VIEW_CASEWORK)
    page = _page(request, selectors.case_notes_for_child(child=child))
    return render_child_page(
        request,
        "casework/notes.html",
        child,
        {"page_obj": page, "can_add": request.user.has_perm(Perm.ADD_CASE_NOTE)},
        page="case_notes",
    )


@require_http_methods(["GET", "POST"])
def note_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.ADD_CASE_NOTE)
    form = CaseNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_note_create(
                child=child,
                author=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
                now=timezone.now(),
                **form.service_values(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Case note saved"))
            return redirect("casework:notes", child.pk)
    return render_child_page(
        request, "casework/note_form.html", child, {"form": form}, page="case_note_new"
    )


def note_detail(request: HttpRequest, person_id: uuid.UUID, note_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.VIEW_CASEWORK)
    note = selectors.case_note_get(child=child, note_id=note_id)
    revisions = list(selectors.case_note_revisions(note=note))
    return render_child_page(
        request,
        "casework/note_detail.html",
        child,
        {
            "note": note,
            "revisions": revisions,
            "can_change": request.user.has_perm(Perm.CHANGE_CASE_NOTE, note),
        },
        page="case_note",
    )


@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, person_id: uuid.UUID, note_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.VIEW_CASEWORK)
    note = selectors.case_note_get(child=child, note_id=note_id)
    _require(request, Perm.CHANGE_CASE_NOTE, note)
    form = CaseNoteForm(request.POST or None, initial=CaseNoteForm.initial_from(note))
    form.fields["version"].required = True  # without it a conflicting edit could not be seen
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.case_note_update(
                note=note,
                expected_version=form.cleaned_data["version"],
                edited_by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
                **form.service_values(),
            )
        except EditConflict as error:
            conflict = error.current
            form.add_error(None, error)
            # The next save is made against the version now on screen; what was typed stays.
            data = request.POST.copy()
            data["version"] = str(getattr(conflict, "version", note.version))
            form.data = data
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Case note updated"))
            return redirect("casework:note_detail", child.pk, note.pk)
    return render_child_page(
        request,
        "casework/note_form.html",
        child,
        {"form": form, "note": note, "conflict": conflict},
        page="case_note_edit",
        status=409 if conflict else 200,
    )


# --- Documents -------------------------------------------------------------------------------


def documents(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.VIEW_CASEWORK)
    page = _page(request, selectors.documents_for_child(child=child))
    return render_child_page(
        request,
        "casework/documents.html",
        child,
        {"page_obj": page, "can_upload": request.user.has_perm(Perm.UPLOAD_DOCUMENT)},
        page="documents",
    )


@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.UPLOAD_DOCUMENT)
    limit = services.size_label(settings.GOFAL_UPLOAD_MAX_BYTES)
    form = DocumentForm(request.POST or None, request.FILES or None, limit=limit)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                child=child,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
                uploaded_by=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Document uploaded"))
            return redirect("casework:documents", child.pk)
    return render_child_page(
        request, "casework/document_upload.html", child, {"form": form}, page="document_upload"
    )


def document_download(
    request: HttpRequest, person_id: uuid.UUID, document_id: uuid.UUID
) -> FileResponse:
    child = child_for_page(request, person_id, Perm.VIEW_CASEWORK)
    document = selectors.document_get(child=child, document_id=document_id)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    audit.record_view(actor=request.user, obj=document)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name or f"{document.title}",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Chronology ------------------------------------------------------------------------------


def chronology(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.VIEW_CASEWORK)
    kinds = chronology_kinds()
    form = ChronologyFilterForm(request.GET or None, kinds=kinds, initial={"order": "newest"})
    chosen: list[str] = []
    newest_first = True
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["kind"]
        newest_first = form.cleaned_data["order"] != "oldest"
    entries = selectors.chronology_for_child(child=child, kinds=chosen, newest_first=newest_first)
    query = request.GET.copy()
    query.pop("page", None)
    labels = dict(kinds)
    return render_child_page(
        request,
        "casework/chronology.html",
        child,
        {
            "form": form,
            "page_obj": _page(request, entries),
            "query": query.urlencode(),
            "selected": [{"label": labels[k], "href": _without(query, "kind", k)} for k in chosen],
            "can_add_event": request.user.has_perm(Perm.ADD_SIGNIFICANT_EVENT),
        },
        page="chronology",
    )


def _without(query: Any, key: str, value: str) -> str:
    remaining = query.copy()
    remaining.setlist(key, [v for v in query.getlist(key) if v != value])
    return "?" + remaining.urlencode()


@require_http_methods(["GET", "POST"])
def significant_event_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.ADD_SIGNIFICANT_EVENT)
    form = SignificantEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.significant_event_record(
                child=child,
                occurred_on=form.cleaned_data["occurred_on"],
                kind=form.cleaned_data["kind"],
                summary=form.cleaned_data["summary"],
                recorded_by=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
                as_of=timezone.localdate(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Significant event added to the chronology"))
            return redirect("casework:chronology", child.pk)
    return render_child_page(
        request,
        "casework/significant_event_form.html",
        child,
        {"form": form},
        page="significant_event_new",
    )


# --- Who has viewed this record --------------------------------------------------------------


def record_access(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    child = child_for_page(request, person_id, Perm.VIEW_RECORD_ACCESS)
    form = RecordAccessFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters["action"] = data.get("action") or None
        if data.get("since"):
            filters["since"] = timezone.make_aware(dt.datetime.combine(data["since"], dt.time()))
        if data.get("until"):
            end = data["until"] + dt.timedelta(days=1)
            filters["until"] = timezone.make_aware(dt.datetime.combine(end, dt.time()))
    events = audit_selectors.events_for_person(
        person_id=child.pk, authority_id=child.authority_id, **filters
    )
    page = _page(request, events)
    query = request.GET.copy()
    query.pop("page", None)
    return render_child_page(
        request,
        "casework/record_access.html",
        child,
        {
            "form": form,
            "page_obj": page,
            "rows": record_access_rows(events=list(page), authority_id=child.authority_id),
            "query": query.urlencode(),
        },
        page="record_access",
    )


def child_deadlines(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Every statutory timescale of one child: running ones first, then those met or stopped.

    The clocks and their due dates come from timescales; a child with none gets the page with
    an empty state, not a 404.
    """
    child = child_for_page(request, person_id, TimescalesPerm.VIEW_DEADLINES)
    deadlines = child_deadline_rows(
        user=request.user,
        child_id=child.pk,
        authority_id=child.authority_id,
        jurisdiction=request.acting.authority.jurisdiction,  # type: ignore[attr-defined]
        as_of=timezone.now(),
    )
    return render_child_page(
        request, "casework/child_deadlines.html", child, {"deadlines": deadlines}
    )

"""Front-door pages. Thin: check permission, find the record (404 if not visible), parse, call
a service or selector, audit the read, render."""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gofal.audit import services as audit
from gofal.audit.models import Action
from gofal.authorities.models import TeamKind
from gofal.authorities.records import EditConflict
from gofal.casework import selectors as casework_selectors
from gofal.casework.pages import apply_errors, child_for_page, render_child_page, save_posted
from gofal.early_help import selectors as early_help_selectors
from gofal.front_door import feedback, presenters, reports, selectors, services
from gofal.front_door.forms import (
    AddPersonForm,
    AuthoriseForm,
    ConfirmationForm,
    ContactForm,
    DecisionForm,
    DescriptorForm,
    DisagreementForm,
    FamilyForm,
    FeedbackForm,
    LevelForm,
    NotificationForm,
    PersonSearchForm,
    family_pairs,
)
from gofal.front_door.models import Contact, FeedbackKind
from gofal.front_door.rules import Perm
from gofal.people.selectors import person_get_for_user, persons_search, persons_visible_to
from gofal.timescales.calendar import calendar_for

PAGE_SIZE = 50


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _contact(request: HttpRequest, contact_id: uuid.UUID, perm: str) -> Contact:
    _require(request, perm)
    return selectors.contact_get_for_user(user=request.user, contact_id=contact_id)


def _audit_contact(request: HttpRequest, contact: Contact, page: str) -> None:
    """Reading a contact reads the record of every person on it."""
    entries = [audit.entry_for(contact, Action.VIEW, {"page": page})]
    entries += [
        audit.entry_for(row.person, Action.VIEW, {"page": page, "contact": str(contact.pk)})
        for row in contact.persons.all()
    ]
    audit.record_reads(actor=request.user, entries=entries)


def _search(request: HttpRequest) -> tuple[PersonSearchForm, list[Any]]:
    form = PersonSearchForm(request.GET or None)
    people: list[Any] = []
    if form.is_valid() and form.cleaned_data["q"].strip():
        result = persons_search(user=request.user, text=form.cleaned_data["q"])
        people = result.people
        audit.record_list(
            actor=request.user,
            objects=people,
            action=Action.SEARCH,
            context=form.cleaned_data["q"][:100],
        )
    return form, people


# --- The queue -------------------------------------------------------------------------------


def queue(request: HttpRequest) -> HttpResponse:
    """Contacts awaiting a decision, with each child's clock; then the other lists to clear."""
    _require(request, Perm.VIEW_CONTACTS)
    now = timezone.now()
    page = Paginator(selectors.contacts_awaiting_decision(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = presenters.queue_rows(list(page), user=request.user, now=now)
    unidentified = list(selectors.contacts_child_unidentified(user=request.user)[:PAGE_SIZE])
    awaiting = list(selectors.decisions_awaiting_authorisation(user=request.user)[:PAGE_SIZE])
    confirmations = list(selectors.confirmations_outstanding(user=request.user)[:PAGE_SIZE])
    listed = [p.person for row in rows for p in row.children]
    listed += [p.person for d in awaiting for p in d.contact.persons.all()]
    audit.record_list(actor=request.user, objects=listed, context="front_door_queue")
    return render(
        request,
        "front_door/queue.html",
        {
            "page": page,
            "rows": rows,
            "unidentified": unidentified,
            "awaiting": awaiting,
            "confirmations": confirmations,
            "now": now,
            "can_record": request.user.has_perm(Perm.RECORD_CONTACT),
        },
    )


# --- Recording a contact ---------------------------------------------------------------------


def _chosen(request: HttpRequest, key: str) -> list[Any]:
    people = []
    visible = persons_visible_to(request.user)
    for value in request.GET.getlist(key)[:10]:
        try:
            people.append(visible.get(pk=value))
        except (ValueError, TypeError, ValidationError, visible.model.DoesNotExist):
            raise Http404 from None
    return people


@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    """Find the children (and adults) concerned, then record what the referrer said."""
    _require(request, Perm.RECORD_CONTACT)
    children, adults = _chosen(request, "child"), _chosen(request, "adult")
    unidentified = request.GET.get("unidentified") == "1" and not children
    chosen_query = [("child", str(p.pk)) for p in children] + [("adult", str(p.pk)) for p in adults]
    back_here = reverse("front_door:contact_new") + "?" + urlencode(chosen_query)
    record_new = {
        role: reverse("people:person_create") + "?" + urlencode({"next": back_here, "add_as": role})
        for role in ("child", "adult")
    }
    if not children and not unidentified:
        search, found = _search(request)
        return render(
            request,
            "front_door/contact_find.html",
            {
                "search": search,
                "found": found,
                "adults": adults,
                "chosen_query": urlencode(chosen_query),
                "unidentified_query": urlencode([*chosen_query, ("unidentified", "1")]),
                "record_new": record_new,
            },
        )
    form = ContactForm(request.POST or None, child_identified=not unidentified)
    family = FamilyForm(
        request.POST or None,
        pairs=family_pairs(
            children, adults, selectors.relationships_among(people=[*children, *adults])
        ),
    )
    if request.method == "POST" and form.is_valid() and family.is_valid():
        try:
            contact = services.contact_record(
                authority=request.acting.authority,  # type: ignore[attr-defined]
                details=form.details(),
                children=children,
                adults=adults,
                family=family.links(),
                unidentified_reason=form.cleaned_data.get("unidentified_reason", ""),
                team=selectors.front_door_team_for(user=request.user),
                recorded_by=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
                now=timezone.now(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Contact recorded"))
            return redirect("front_door:contact_detail", contact.pk)
    search, found = _search(request)
    return render(
        request,
        "front_door/contact_form.html",
        {
            "form": form,
            "family": family,
            "children": children,
            "adults": adults,
            "unidentified": unidentified,
            "search": search,
            "found": found,
            "chosen_query": urlencode(chosen_query),
            "record_new": record_new,
        },
    )


# --- A contact -------------------------------------------------------------------------------


def contact_detail(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    contact = _contact(request, contact_id, Perm.VIEW_CONTACTS)
    now = timezone.now()
    page = presenters.contact_page(contact, user=request.user, now=now)
    _audit_contact(request, contact, "contact")
    return render(
        request,
        "front_door/contact_detail.html",
        {
            "contact": contact,
            "page": page,
            "can_decide": request.user.has_perm(Perm.DECIDE),
            "can_authorise": request.user.has_perm(Perm.AUTHORISE),
            "can_record": request.user.has_perm(Perm.RECORD_CONTACT),
            "can_send_feedback": request.user.has_perm(Perm.SEND_FEEDBACK),
            "authorise_form": AuthoriseForm(
                initial={"version": getattr(getattr(contact, "decision", None), "version", 1)}
            ),
            "confirmation_form": ConfirmationForm(
                initial={"version": contact.version, "received_on": timezone.localdate()}
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def contact_add_person(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    contact = _contact(request, contact_id, Perm.RECORD_CONTACT)
    if request.method == "POST":
        form = AddPersonForm(request.POST)
        if form.is_valid():
            person = person_get_for_user(user=request.user, person_id=form.cleaned_data["person"])
            try:
                services.contact_add_person(
                    contact=contact,
                    person=person,
                    role=form.cleaned_data["role"],
                    added_by=request.user,  # type: ignore[arg-type]
                    now=timezone.now(),
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("%(name)s added to the contact") % {"name": person.full_name}
                )
            return redirect("front_door:contact_detail", contact.pk)
    search, found = _search(request)
    _audit_contact(request, contact, "contact_add_person")
    return render(
        request,
        "front_door/contact_add_person.html",
        {"contact": contact, "search": search, "found": found},
    )


@require_http_methods(["GET", "POST"])
def contact_family(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    """How the people on a contact are related, for pairs not yet linked."""
    contact = _contact(request, contact_id, Perm.RECORD_CONTACT)
    rows = list(contact.persons.all())
    children = [r.person for r in rows if r.role == "child"]
    adults = [r.person for r in rows if r.role == "adult"]
    family = FamilyForm(
        request.POST or None,
        pairs=family_pairs(
            children, adults, selectors.relationships_among(people=[*children, *adults])
        ),
    )
    if request.method == "POST" and family.is_valid():
        try:
            services.contact_link_family(
                contact=contact,
                links=family.links(),
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except ValidationError as error:
            apply_errors(family, error)
        else:
            messages.success(request, _("Relationships saved"))
            return redirect("front_door:contact_detail", contact.pk)
    _audit_contact(request, contact, "contact_family")
    return render(request, "front_door/contact_family.html", {"contact": contact, "family": family})


@require_POST
def confirmation_receive(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    contact = _contact(request, contact_id, Perm.RECORD_CONTACT)
    form = ConfirmationForm(request.POST)
    if form.is_valid():
        day = form.cleaned_data["received_on"]
        received = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        received = max(received, contact.received_at)
        try:
            services.contact_confirmation_receive(
                contact=contact,
                expected_version=form.cleaned_data["version"],
                received_at=min(received, timezone.now()),
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except EditConflict:
            messages.error(request, _("Someone else changed this contact. Check and try again."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Written confirmation recorded"))
    else:
        messages.error(request, _("Enter the date the written confirmation arrived"))
    return redirect("front_door:contact_detail", contact.pk)


# --- The threshold decision ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    contact = _contact(request, contact_id, Perm.DECIDE)
    if hasattr(contact, "decision"):
        return redirect("front_door:contact_detail", contact.pk)
    now = timezone.now()
    authority_id = contact.authority_id
    form = DecisionForm(
        request.POST or None,
        levels=selectors.threshold_levels(authority_id=authority_id),
        services=early_help_selectors.services_choosable(
            authority_id=authority_id, as_of=timezone.localdate(now)
        ),
        early_help_teams=selectors.teams_of_kind(
            authority_id=authority_id, kind=TeamKind.EARLY_HELP
        ),
        teams=casework_selectors.teams_of_council(authority_id=authority_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.threshold_decision_record(
                contact=contact,
                details=form.details(),
                decided_by=request.user,  # type: ignore[arg-type]
                may_authorise=request.user.has_perm(Perm.AUTHORISE),
                form_token=form.cleaned_data["form_token"],
                now=now,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if decision.awaiting_authorisation:
                messages.success(
                    request, _("Decision recorded: it needs a manager’s authorisation")
                )
            else:
                messages.success(request, _("Decision recorded"))
            return redirect("front_door:contact_detail", contact.pk)
    page = presenters.contact_page(contact, user=request.user, now=now)
    _audit_contact(request, contact, "decision")
    return render(
        request, "front_door/decision_form.html", {"contact": contact, "page": page, "form": form}
    )


@require_POST
def decision_authorise(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    contact = _contact(request, contact_id, Perm.AUTHORISE)
    decision = getattr(contact, "decision", None)
    if decision is None:
        raise Http404
    form = AuthoriseForm(request.POST)
    if form.is_valid():
        try:
            services.threshold_decision_authorise(
                decision=decision,
                expected_version=form.cleaned_data["version"],
                authorised_by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except EditConflict:
            messages.error(request, _("Someone else changed this decision. Check and try again."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision authorised"))
    return redirect("front_door:contact_detail", contact.pk)


# --- A child's contacts (person tab) ---------------------------------------------------------


def person_contacts(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = child_for_page(request, person_id, Perm.VIEW_CONTACTS)
    contacts = list(selectors.contacts_for_person(user=request.user, person=person)[:200])
    return render_child_page(
        request,
        "front_door/person_contacts.html",
        person,
        {
            "contacts": contacts,
            "notifications": list(selectors.notifications_for_child(child=person)),
            "new_href": reverse("front_door:contact_new")
            + "?"
            + urlencode({"child": str(person.pk)}),
            "can_record": request.user.has_perm(Perm.RECORD_CONTACT),
        },
    )


@require_http_methods(["GET", "POST"])
def notification_new(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Record a notification about the child received from another council."""
    child = child_for_page(request, person_id, Perm.RECORD_CONTACT)
    form = NotificationForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.council_notification_record(
                child=child,
                notification=form.notification(),
                recorded_by=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
                now=timezone.now(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Notification from another council recorded"))
            return redirect("front_door:person_contacts", child.pk)
    return render_child_page(request, "front_door/notification_form.html", child, {"form": form})


# --- Feedback to the referrer ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def feedback_new(request: HttpRequest, contact_id: uuid.UUID, kind: str) -> HttpResponse:
    """Preview the acknowledgement or outcome message in the referrer's language; send it."""
    contact = _contact(request, contact_id, Perm.SEND_FEEDBACK)
    if kind not in FeedbackKind.values:
        raise Http404
    try:
        letter = feedback.feedback_render(contact=contact, kind=kind)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("front_door:contact_detail", contact.pk)
    form = FeedbackForm(
        request.POST or None,
        initial={"method": "email" if contact.referrer_email else "print"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            sent = feedback.feedback_send(
                contact=contact,
                kind=kind,
                method=form.cleaned_data["method"],
                sent_by=request.user,  # type: ignore[arg-type]
                form_token=form.cleaned_data["form_token"],
                now=timezone.now(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Message recorded as sent"))
            return redirect("front_door:feedback_detail", contact.pk, sent.pk)
    _audit_contact(request, contact, "feedback")
    return render(
        request,
        "front_door/feedback_form.html",
        {"contact": contact, "letter": letter, "form": form, "kind": FeedbackKind(kind)},
    )


def feedback_detail(
    request: HttpRequest, contact_id: uuid.UUID, feedback_id: uuid.UUID
) -> HttpResponse:
    """The message as sent: printable."""
    contact = _contact(request, contact_id, Perm.VIEW_CONTACTS)
    sent = next((f for f in contact.feedback.all() if f.pk == feedback_id), None)
    if sent is None:
        raise Http404
    _audit_contact(request, contact, "feedback_detail")
    return render(request, "front_door/feedback_detail.html", {"contact": contact, "sent": sent})


def feedback_outstanding(request: HttpRequest) -> HttpResponse:
    """Professional referrals still owed an acknowledgement or an outcome, per team."""
    _require(request, Perm.VIEW_CONTACTS)
    authority_id = request.acting.authority.pk  # type: ignore[attr-defined]
    teams = list(casework_selectors.teams_of_council(authority_id=authority_id))
    team = next((t for t in teams if str(t.pk) == request.GET.get("team")), None)
    page = Paginator(
        selectors.feedback_outstanding(user=request.user, team_id=team.pk if team else None),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "front_door/feedback_outstanding.html",
        {"page": page, "teams": teams, "team": team},
    )


@require_http_methods(["GET", "POST"])
def disagreement(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    """Record the referrer's disagreement, its escalation and its resolution."""
    contact = _contact(request, contact_id, Perm.RECORD_CONTACT)
    current = feedback.disagreement_stage(contact)
    form = DisagreementForm(
        request.POST or None, initial={"stage": feedback.NEXT_STAGE.get(current)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            feedback.disagreement_step_add(
                contact=contact,
                stage=form.cleaned_data["stage"],
                note=form.cleaned_data["note"],
                result=form.cleaned_data["result"],
                recorded_by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Disagreement recorded"))
            return redirect("front_door:contact_detail", contact.pk)
    _audit_contact(request, contact, "disagreement")
    return render(request, "front_door/disagreement_form.html", {"contact": contact, "form": form})


# --- Reports ---------------------------------------------------------------------------------


def _period(request: HttpRequest) -> reports.Period:
    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("from", ""))
        end = dt.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        start, end = today - dt.timedelta(days=364), today
    if end < start:
        start, end = end, start
    return reports.Period(start=start, end=end)


def report(request: HttpRequest) -> HttpResponse:
    """Contacts by source, channel, outcome, level, team and worker; timeliness; re-referrals;
    consistency; feedback. Every figure links to the contacts behind it."""
    _require(request, Perm.VIEW_REPORTS)
    period = _period(request)
    authority = request.acting.authority  # type: ignore[attr-defined]
    calendar = calendar_for(jurisdiction=authority.jurisdiction, authority_id=authority.pk)
    data = reports.front_door_report(user=request.user, period=period, calendar=calendar)
    handovers = reports.handover_report(user=request.user, period=period, now=timezone.now())
    return render(
        request,
        "front_door/report.html",
        {
            "period": period,
            "report": presenters.report_view(data, period=period),
            "handovers": presenters.handover_rows(handovers, period=period),
        },
    )


def report_contacts(request: HttpRequest) -> HttpResponse:
    """The contacts behind one figure of the report."""
    _require(request, Perm.VIEW_REPORTS)
    period = _period(request)
    params = {
        key: str(request.GET.get(key, ""))
        for key in (*reports.FILTERS, "measure")
        if request.GET.get(key)
    }
    authority = request.acting.authority  # type: ignore[attr-defined]
    calendar = calendar_for(jurisdiction=authority.jurisdiction, authority_id=authority.pk)
    page = Paginator(
        reports.drill_down(user=request.user, period=period, params=params, calendar=calendar),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "front_door/report_contacts.html",
        {"page": page, "period": period, "back": presenters.report_href(period)},
    )


def report_handovers(request: HttpRequest) -> HttpResponse:
    """The step-up and step-down handovers behind one figure of the report."""
    _require(request, Perm.VIEW_REPORTS)
    period = _period(request)
    params = {
        key: str(request.GET.get(key, ""))
        for key in ("team", "direction", "state")
        if request.GET.get(key)
    }
    try:
        rows = reports.handover_drill_down(user=request.user, period=period, params=params)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    except (ValidationError, ValueError):
        raise Http404 from None
    audit.record_list(
        actor=request.user, objects=[h.child for h in page], context="front_door_report"
    )
    return render(
        request,
        "front_door/report_handovers.html",
        {"page": page, "period": period, "back": presenters.report_href(period)},
    )


# --- The council's threshold framework -------------------------------------------------------


def framework(request: HttpRequest) -> HttpResponse:
    """The council's threshold levels and descriptors, in English and Welsh, to edit."""
    _require(request, Perm.MANAGE_FRAMEWORK)
    authority = request.acting.authority  # type: ignore[attr-defined]
    return render(
        request,
        "front_door/framework.html",
        {
            "levels": selectors.threshold_levels(authority_id=authority.pk),
            "is_default": selectors.framework_is_default(authority_id=authority.pk),
        },
    )


def _retire(
    request: HttpRequest, retire: Callable[[], None], *, back: HttpResponse, success: str
) -> HttpResponse:
    """Take a level or descriptor out of the framework; if that cannot be done (someone changed
    it meanwhile, or it is the last level) say why on the page it was asked from."""
    try:
        retire()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    messages.success(request, success)
    return redirect("front_door:framework")


@require_http_methods(["GET", "POST"])
def framework_level(request: HttpRequest, level_id: uuid.UUID | None = None) -> HttpResponse:
    _require(request, Perm.MANAGE_FRAMEWORK)
    authority = request.acting.authority  # type: ignore[attr-defined]
    by = request.user
    level = (
        selectors.threshold_level_for_edit(authority_id=authority.pk, level_id=level_id)
        if level_id
        else None
    )
    initial: dict[str, Any] = (
        {"version": level.version, **{name: getattr(level, name) for name in services.LEVEL_FIELDS}}
        if level
        else {}
    )
    form = LevelForm(request.POST or None, initial=initial)
    if request.method == "POST" and "retire" in request.POST and level is not None:
        return _retire(
            request,
            lambda: services.threshold_level_retire(
                authority=authority,
                level=level,
                by=by,  # type: ignore[arg-type]
                expected_version=_posted_version(request),
            ),
            back=redirect("front_door:framework_level", level.pk),
            success=_("Level taken out of the framework"),
        )
    saved, conflict_rows = save_posted(
        request,
        form,
        lambda: services.threshold_level_save(
            authority=authority,
            level=level,
            values=form.values(),
            by=by,  # type: ignore[arg-type]
            expected_version=form.cleaned_data["version"],
        ),
        success=_("Threshold framework saved"),
    )
    if saved:
        return redirect("front_door:framework")
    return render(
        request,
        "front_door/framework_level.html",
        {"form": form, "level": level, "conflict_rows": conflict_rows},
        status=409 if conflict_rows else 200,
    )


@require_http_methods(["GET", "POST"])
def framework_descriptor(
    request: HttpRequest, level_id: uuid.UUID, descriptor_id: uuid.UUID | None = None
) -> HttpResponse:
    _require(request, Perm.MANAGE_FRAMEWORK)
    authority = request.acting.authority  # type: ignore[attr-defined]
    by = request.user
    level = selectors.threshold_level_for_edit(authority_id=authority.pk, level_id=level_id)
    descriptor = (
        selectors.threshold_descriptor_for_edit(
            authority_id=authority.pk, descriptor_id=descriptor_id
        )
        if descriptor_id
        else None
    )
    if descriptor is not None and descriptor.level_id != level.pk:
        raise Http404
    form = DescriptorForm(
        request.POST or None,
        initial=(
            {
                "text_en": descriptor.text_en,
                "text_cy": descriptor.text_cy,
                "order": descriptor.order,
                "version": descriptor.version,
            }
            if descriptor
            else {}
        ),
    )
    if request.method == "POST" and "retire" in request.POST and descriptor is not None:
        return _retire(
            request,
            lambda: services.threshold_descriptor_retire(
                authority=authority,
                descriptor=descriptor,
                by=by,  # type: ignore[arg-type]
                expected_version=_posted_version(request),
            ),
            back=redirect("front_door:framework_descriptor", level.pk, descriptor.pk),
            success=_("Descriptor taken out of the framework"),
        )
    saved, conflict_rows = save_posted(
        request,
        form,
        lambda: services.threshold_descriptor_save(
            authority=authority,
            level=level,
            descriptor=descriptor,
            text_en=form.cleaned_data["text_en"],
            text_cy=form.cleaned_data["text_cy"],
            order=form.cleaned_data["order"],
            by=by,  # type: ignore[arg-type]
            expected_version=form.cleaned_data["version"],
        ),
        success=_("Threshold framework saved"),
    )
    if saved:
        return redirect("front_door:framework")
    return render(
        request,
        "front_door/framework_descriptor.html",
        {"form": form, "level": level, "descriptor": descriptor, "conflict_rows": conflict_rows},
        status=409 if conflict_rows else 200,
    )


def _posted_version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None

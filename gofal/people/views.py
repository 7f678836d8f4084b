"""People pages: find, record, view and change a person. Thin: parse, call, redirect, render.

Every page that shows a person audits the view; every search hit shown is audited.
Another council's person, and a restricted person without access, answer 404 (selectors).
"""

import uuid
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from gofal.audit import services as audit
from gofal.audit.models import Action
from gofal.authorities.records import EditConflict
from gofal.people import selectors, services
from gofal.people.forms import (
    AccessGrantForm,
    AccessRevokeForm,
    AddressForm,
    BreakGlassForm,
    ContactDetailForm,
    EndForm,
    PersonForm,
    PersonNameForm,
    RelatedPersonSearchForm,
    RelationshipForm,
    SearchForm,
    WarningForm,
)
from gofal.people.models import Address, ContactDetail, Person, PersonName, Relationship, Warning
from gofal.people.presenters import details_rows, identity_bar, preferred_language, search_rows
from gofal.people.rules import Perm
from gofal.ui.components import edit_conflict


def _person(request: HttpRequest, person_id: uuid.UUID) -> Person:
    return selectors.person_get_for_user(user=request.user, person_id=person_id)


def _render_person_page(
    request: HttpRequest,
    template: str,
    person: Person,
    context: dict[str, Any],
    *,
    warning_kinds: list[str] | None = None,
) -> HttpResponse:
    """Render a page about one person: identity bar, tabs, and the audited view."""
    audit.record_view(actor=request.user, obj=person)
    identity = identity_bar(person, as_of=timezone.localdate(), warning_kinds=warning_kinds)
    return render(request, template, {"person": person, "identity": identity, **context})


def _detail(person: Person) -> str:
    return reverse("people:person_detail", args=[person.pk])


RETURN_ROLES = frozenset({"child", "adult"})


def _return_to(request: HttpRequest) -> tuple[str, str]:
    """Where to go after recording a person from another journey (recording a contact): a
    local path only, and the role the new person joins it as. ("", "") when there is none."""
    params = request.POST if request.method == "POST" else request.GET
    path, role = params.get("next", ""), params.get("add_as", "")
    safe = url_has_allowed_host_and_scheme(path, allowed_hosts=None) and path.startswith("/")
    return (path, role) if safe and role in RETURN_ROLES else ("", "")


def _after_create(person: Person, return_to: tuple[str, str]) -> str:
    path, role = return_to
    if not path:
        return _detail(person)
    return f"{path}{'&' if '?' in path else '?'}{urlencode({role: str(person.pk)})}"


# --- Find a person -------------------------------------------------------------------------


SEARCH_PAGE_SIZE = 20


class _Found:
    """The people a search found, as a paginator sees them: the number in all, and the one page
    the selector read (any other slice is never asked for)."""

    def __init__(self, result: selectors.SearchResult) -> None:
        self.result = result

    def count(self) -> int:
        return self.result.total

    def __getitem__(self, window: slice) -> list[selectors.SearchHit]:
        return self.result.hits


def _page_number(request: HttpRequest) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1


@permission_required(Perm.SEARCH, raise_exception=True)
def person_search(request: HttpRequest) -> HttpResponse:
    """Closest matches first, 20 a page; only the people on the page are read and audited."""
    form = SearchForm(request.GET or None)
    result = None
    page: Page[selectors.SearchHit] | None = None
    addresses: dict[uuid.UUID, Address] = {}
    if request.GET and form.is_valid():

        def search(number: int) -> selectors.SearchResult:
            return selectors.persons_search(
                user=request.user,
                text=form.cleaned_data["q"],
                date_of_birth=form.cleaned_data["date_of_birth"],
                limit=SEARCH_PAGE_SIZE,
                offset=(number - 1) * SEARCH_PAGE_SIZE,
            )

        number = _page_number(request)
        result = search(number)
        if not result.hits and result.total:  # past the last page: show the last one
            number = (result.total - 1) // SEARCH_PAGE_SIZE + 1
            result = search(number)
        if result.total:
            found = cast(Any, _Found(result))  # a paginator asks it only for count() and a slice
            page = Paginator(found, SEARCH_PAGE_SIZE).page(number)
        addresses = selectors.current_addresses_for(result.people, as_of=timezone.localdate())
        audit.record_list(
            actor=request.user,
            objects=result.people,
            action=Action.SEARCH,
            context=form.cleaned_data["q"][:100],
        )
    rows = search_rows(result.hits, addresses) if result else []
    return render(
        request,
        "people/person_search.html",
        {"form": form, "result": result, "rows": rows, "page_obj": page},
    )


@permission_required(Perm.BREAK_GLASS, raise_exception=True)
def break_glass(request: HttpRequest) -> HttpResponse:
    """Open a restricted record found by its exact identifier, with a reason (audited)."""
    identifier = request.POST.get("identifier") or request.GET.get("identifier", "")
    if selectors.restricted_person_by_identifier(user=request.user, text=identifier) is None:
        raise Http404
    form = BreakGlassForm(request.POST or None, initial={"identifier": identifier})
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.person_break_glass(
                user=request.user,  # type: ignore[arg-type]
                identifier=form.cleaned_data["identifier"],
                reason=form.cleaned_data["reason"],
                as_of=timezone.now(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("You can open this record until %(time)s. A privacy officer has been told.")
                % {"time": timezone.localtime(grant.ends_at).strftime("%H:%M")},
            )
            return redirect(_detail(grant.person))
    return render(request, "people/break_glass.html", {"form": form})


# --- Record a person -----------------------------------------------------------------------


def _can_restrict(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(Perm.RESTRICT))


@permission_required(Perm.CREATE, raise_exception=True)
def person_create(request: HttpRequest) -> HttpResponse:
    """Record a person. Likely duplicates are shown first; the user opens one or confirms."""
    initial = {k: request.GET[k] for k in ("given_name", "family_name") if k in request.GET}
    return_to = _return_to(request)
    form = PersonForm(request.POST or None, initial=initial, can_restrict=_can_restrict(request))
    duplicates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        already = selectors.person_submitted(user=request.user, submission_token=form.token)
        if already is not None:  # the same form sent twice: show what the first one made
            return redirect(_after_create(already, return_to))
        details = form.details(user=request.user)
        if "confirm_new" not in request.POST:
            duplicates = selectors.persons_likely_duplicates(
                user=request.user,
                given_name=details["given_name"],
                family_name=details["family_name"],
                date_of_birth=details["date_of_birth"] or details["expected_on"],
                nhs_number=details["nhs_number"],
                upn=details["upn"],
            )
            audit.record_list(
                actor=request.user,
                objects=duplicates,
                action=Action.SEARCH,
                context="duplicate check",
            )
        if not duplicates:
            try:
                person = services.person_create(
                    authority=request.acting.authority,  # type: ignore[attr-defined]
                    created_by=request.user,  # type: ignore[arg-type]
                    details=details,
                    as_of=timezone.localdate(),
                    submission_token=form.token,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(name)s has been recorded") % {"name": person})
                return redirect(_after_create(person, return_to))
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "duplicates": duplicates,
            "creating": True,
            "return_next": return_to[0],
            "return_as": return_to[1],
        },
    )


# --- A person's summary --------------------------------------------------------------------


@permission_required(Perm.VIEW, raise_exception=True)
def person_detail(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = _person(request, person_id)
    record = selectors.person_record(person=person, user=request.user, as_of=timezone.localdate())
    return _render_person_page(
        request,
        "people/person_detail.html",
        person,
        {
            "record": record,
            "language": preferred_language(person),
            "details": details_rows(
                person,
                change_href=reverse("people:person_edit", args=[person.pk])
                if request.user.has_perm(Perm.CHANGE)
                else "",
            ),
        },
        warning_kinds=[w.kind for w in record.current_warnings],
    )


@permission_required(Perm.CHANGE, raise_exception=True)
def person_edit(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = _person(request, person_id)
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    initial["ethnicity"] = person.ethnicity_id
    initial["version"] = person.version
    form = PersonForm(request.POST or None, initial=initial, can_restrict=_can_restrict(request))
    conflict_rows: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                person=person,
                expected_version=form.cleaned_data["version"] or 0,
                changes=form.details(user=request.user, previous_offer=person.active_offer_made_on),
                updated_by=request.user,  # type: ignore[arg-type]
                as_of=timezone.localdate(),
            )
        except EditConflict as conflict:
            conflict_rows = edit_conflict(form, conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The details have been saved"))
            return redirect(_detail(person))
    return _render_person_page(
        request,
        "people/person_form.html",
        person,
        {"form": form, "conflict_rows": conflict_rows, "creating": False},
    )


# --- Names, addresses, contact details, warnings -------------------------------------------


def _add_page(
    request: HttpRequest,
    person_id: uuid.UUID,
    *,
    form_class: type[Any],
    title: str,
    create: Callable[[Person, dict[str, Any], Any], object],
    done: str,
) -> HttpResponse:
    person = _person(request, person_id)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            create(person, form.cleaned_data, form.token)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(_detail(person))
    return _render_person_page(
        request, "people/record_form.html", person, {"form": form, "title": title}
    )


def _end_page(
    request: HttpRequest,
    person_id: uuid.UUID,
    row_id: uuid.UUID,
    *,
    model: type[Any],
    title: str,
    end: Callable[..., None],
    done: str,
) -> HttpResponse:
    person = _person(request, person_id)
    row = selectors.person_row_get(person=person, model=model, row_id=row_id)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            end(
                row,
                ended_on=form.cleaned_data["ended_on"],
                ended_by=request.user,
                as_of=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(_detail(person))
    return _render_person_page(
        request,
        "people/record_form.html",
        person,
        {"form": form, "title": title, "row": row, "ending": True},
    )


@permission_required(Perm.CHANGE, raise_exception=True)
def name_add(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    def create(person: Person, data: dict[str, Any], token: Any) -> object:
        return services.person_name_add(
            person=person,
            kind=data["kind"],
            given_name=data["given_name"],
            family_name=data["family_name"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            recorded_by=request.user,  # type: ignore[arg-type]
            as_of=timezone.localdate(),
            submission_token=token,
        )

    return _add_page(
        request,
        person_id,
        form_class=PersonNameForm,
        title=_("Add a name"),
        create=create,
        done=_("The name has been added"),
    )


@permission_required(Perm.CHANGE, raise_exception=True)
def name_end(request: HttpRequest, person_id: uuid.UUID, row_id: uuid.UUID) -> HttpResponse:
    return _end_page(
        request,
        person_id,
        row_id,
        model=PersonName,
        title=_("Stop using this name"),
        end=lambda row, **kw: services.person_name_end(name=row, **kw),
        done=_("The name has been ended"),
    )


@permission_required(Perm.CHANGE, raise_exception=True)
def address_add(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    def create(person: Person, data: dict[str, Any], token: Any) -> object:
        return services.address_add(
            person=person,
            line_1=data["line_1"],
            line_2=data["line_2"],
            town=data["town"],
            county=data["county"],
            postcode=data["postcode"],
            started_on=data["started_on"],
            recorded_by=request.user,  # type: ignore[arg-type]
            as_of=timezone.localdate(),
            submission_token=token,
        )

    return _add_page(
        request,
        person_id,
        form_class=AddressForm,
        title=_("Add an address"),
        create=create,
        done=_("The address has been added"),
    )


@permission_required(Perm.CHANGE, raise_exception=True)
def address_end(request: HttpRequest, person_id: uuid.UUID, row_id: uuid.UUID) -> HttpResponse:
    return _end_page(
        request,
        person_id,
        row_id,
        model=Address,
        title=_("Record that the person has left this address"),
        end=lambda row, **kw: services.address_end(address=row, **kw),
        done=_("The address has been ended"),
    )


@permission_required(Perm.CHANGE, raise_exception=True)
def contact_add(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    def create(person: Person, data: dict[str, Any], token: Any) -> object:
        return services.contact_detail_add(
            person=person,
            channel=data["channel"],
            kind=data["kind"],
            value=data["value"],
            preferred=data["preferred"],
            started_on=data["started_on"],
            recorded_by=request.user,  # type: ignore[arg-type]
            as_of=timezone.localdate(),
            submission_token=token,
        )

    return _add_page(
        request,
        person_id,
        form_class=ContactDetailForm,
        title=_("Add a contact detail"),
        create=create,
        done=_("The contact detail has been added"),
    )


@permission_required(Perm.CHANGE, raise_exception=True)
def contact_end(request: HttpRequest, person_id: uuid.UUID, row_id: uuid.UUID) -> HttpResponse:
    return _end_page(
        request,
        person_id,
        row_id,
        model=ContactDetail,
        title=_("Stop using this contact detail"),
        end=lambda row, **kw: services.contact_detail_end(contact=row, **kw),
        done=_("The contact detail has been ended"),
    )


@permission_required(Perm.RECORD_WARNING, raise_exception=True)
def warning_add(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    def create(person: Person, data: dict[str, Any], token: Any) -> object:
        return services.warning_add(
            person=person,
            kind=data["kind"],
            description=data["description"],
            started_on=data["started_on"],
            raised_by=request.user,  # type: ignore[arg-type]
            as_of=timezone.localdate(),
            submission_token=token,
        )

    return _add_page(
        request,
        person_id,
        form_class=WarningForm,
        title=_("Add a warning"),
        create=create,
        done=_("The warning has been added"),
    )


@permission_required(Perm.RECORD_WARNING, raise_exception=True)
def warning_end(request: HttpRequest, person_id: uuid.UUID, row_id: uuid.UUID) -> HttpResponse:
    return _end_page(
        request,
        person_id,
        row_id,
        model=Warning,
        title=_("End this warning"),
        end=lambda row, **kw: services.warning_end(warning=row, **kw),
        done=_("The warning has been ended"),
    )


# --- Relationships -------------------------------------------------------------------------


@permission_required(Perm.CHANGE, raise_exception=True)
def relationship_add(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Step 1: find the related person (a search); step 2: how they are related."""
    person = _person(request, person_id)
    related_id = request.POST.get("related") or request.GET.get("related")
    if not related_id:
        search_form = RelatedPersonSearchForm(request.GET or None)
        hits: list[Any] = []
        if request.GET and search_form.is_valid():
            result = selectors.persons_search(user=request.user, text=search_form.cleaned_data["q"])
            hits = [h for h in result.hits if h.person.pk != person.pk]
            audit.record_list(
                actor=request.user,
                objects=[h.person for h in hits],
                action=Action.SEARCH,
                context="relationship",
            )
        return _render_person_page(
            request,
            "people/relationship_find.html",
            person,
            {"form": search_form, "hits": hits},
        )
    related = _person(request, related_id)  # type: ignore[arg-type]
    form = RelationshipForm(request.POST or None, initial={"related": related.pk})
    if request.method == "POST" and form.is_valid():
        try:
            services.relationship_create(
                person=person,
                related=related,
                kind=form.cleaned_data["kind"],
                related_has_parental_responsibility=form.cleaned_data[
                    "related_has_parental_responsibility"
                ],
                person_has_parental_responsibility=form.cleaned_data[
                    "person_has_parental_responsibility"
                ],
                started_on=form.cleaned_data["started_on"],
                description=form.cleaned_data["description"],
                recorded_by=request.user,  # type: ignore[arg-type]
                as_of=timezone.localdate(),
                submission_token=form.token,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The relationship has been added"))
            return redirect(_detail(person))
    audit.record_view(actor=request.user, obj=related)
    return _render_person_page(
        request,
        "people/record_form.html",
        person,
        {"form": form, "title": _("Add a relationship"), "related": related},
    )


@permission_required(Perm.CHANGE, raise_exception=True)
def relationship_end(request: HttpRequest, person_id: uuid.UUID, row_id: uuid.UUID) -> HttpResponse:
    return _end_page(
        request,
        person_id,
        row_id,
        model=Relationship,
        title=_("End this relationship"),
        end=lambda row, **kw: services.relationship_end(relationship=row, **kw),
        done=_("The relationship has been ended"),
    )


# --- Access to a restricted record (privacy officer) ----------------------------------------


def _access_until(day: Any) -> Any:
    """Access granted "until" a day lasts to the end of that day, in the council's time."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


@permission_required(Perm.MANAGE_ACCESS, raise_exception=True)
def person_access(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Who may open this restricted record, and why; grant access to another member of staff."""
    person = _person(request, person_id)
    staff = selectors.staff_of_council(authority_id=person.authority_id, as_of=timezone.localdate())
    form = AccessGrantForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.person_access_grant(
                person=person,
                user=form.cleaned_data["user"],
                granted_by=request.user,  # type: ignore[arg-type]
                reason=form.cleaned_data["reason"],
                as_of=timezone.now(),
                until=_access_until(form.cleaned_data["until"]),
            )
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {None: error.error_list}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("%(user)s can open this record") % {"user": grant.user})
            return redirect("people:person_access", person.pk)
    now = timezone.now()
    grants = list(selectors.person_access_grants(person=person))
    return _render_person_page(
        request,
        "people/person_access.html",
        person,
        {
            "form": form,
            "current": [g for g in grants if g.ends_at is None or g.ends_at > now],
            "past": [g for g in grants if g.ends_at is not None and g.ends_at <= now],
        },
    )


@permission_required(Perm.MANAGE_ACCESS, raise_exception=True)
def person_access_revoke(
    request: HttpRequest, person_id: uuid.UUID, user_id: uuid.UUID
) -> HttpResponse:
    """End a member of staff's access to this record, with the reason."""
    person = _person(request, person_id)
    now = timezone.now()
    current = [
        g
        for g in selectors.person_access_grants(person=person).filter(user_id=user_id)
        if g.starts_at <= now and (g.ends_at is None or g.ends_at > now)
    ]
    if not current:
        raise Http404
    form = AccessRevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_access_revoke(
            person=person,
            user=current[0].user,
            revoked_by=request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data["reason"],
            as_of=now,
        )
        messages.success(
            request, _("%(user)s can no longer open this record") % {"user": current[0].user}
        )
        return redirect("people:person_access", person.pk)
    return _render_person_page(
        request,
        "people/record_form.html",
        person,
        {
            "form": form,
            "title": _("Revoke access"),
            "row": current[0].user,
        },
    )

"""What every page about a child does, for the areas of practice built on casework.

Check the permission (403), find the child through the scoped selector (404 for missing and
forbidden alike), record the read in the audit log, and render with the identity bar.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gofal.audit import services as audit
from gofal.audit.models import Action
from gofal.authorities.records import EditConflict
from gofal.people.models import Person
from gofal.people.presenters import identity_bar
from gofal.people.selectors import person_get_for_user
from gofal.ui.components import ConflictRow, edit_conflict


def child_for_page(request: HttpRequest, person_id: uuid.UUID, perm: str) -> Person:
    """The child, if this user may use this page for them; 404 if they may not see the child."""
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return person_get_for_user(user=request.user, person_id=person_id)


def render_child_page(
    request: HttpRequest,
    template: str,
    child: Person,
    context: dict[str, Any],
    *,
    read: Any = None,
    action: str = Action.VIEW,
    page: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render a page about a child, recording that this user read the record shown (`page`
    names the page in the audit entry's detail). The read is written with the request's other
    reads at its end (`gofal.audit.middleware.DeferredReadAuditMiddleware`), or at once outside
    a request."""
    audit.record_reads(
        actor=request.user,
        entries=[
            audit.entry_for(
                read if read is not None else child, action, {"page": page} if page else None
            )
        ],
    )
    context.update(person=child, identity=identity_bar(child, as_of=timezone.localdate()))
    return render(request, template, context, status=status)


def apply_errors(form: Any, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def save_posted(
    request: HttpRequest, form: Any, save: Callable[[], Any], *, success: str = ""
) -> tuple[bool, list[ConflictRow]]:
    """Run a service's save for a posted, valid form: (saved, conflict rows to show).

    A GET, or a form with errors, saves nothing. A service's ValidationError lands on the
    form's fields; an EditConflict shows both versions (answer 409 when there are rows);
    success leaves `success` (if any) as the message on the next page.
    """
    if request.method != "POST" or not form.is_valid():
        return False, []
    try:
        save()
    except EditConflict as error:
        return False, [row for row in edit_conflict(form, error) if row.field in form.fields]
    except ValidationError as error:
        apply_errors(form, error)
        return False, []
    if success:
        messages.success(request, success)
    return True, []

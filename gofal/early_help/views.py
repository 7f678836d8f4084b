"""Early help pages: the services directory. Thin views over selectors and services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gofal.early_help import selectors, services
from gofal.early_help.forms import ServiceForm
from gofal.early_help.rules import Perm


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

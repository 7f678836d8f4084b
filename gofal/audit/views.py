from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from rules.contrib.views import permission_required

from gofal.audit import selectors
from gofal.audit.forms import StaffActivityForm
from gofal.audit.presenters import event_rows
from gofal.audit.rules import Perm

PAGE_SIZE = 50


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@permission_required(Perm.VIEW_STAFF_ACTIVITY, raise_exception=True)
def staff_activity(request: HttpRequest) -> HttpResponse:
    """What one member of staff viewed or changed in this council, for the privacy officer."""
    authority = request.acting.authority  # type: ignore[attr-defined]
    staff = list(selectors.staff_of_authority(authority_id=authority.pk))
    form = StaffActivityForm(request.GET if "staff" in request.GET else None, staff=staff)
    context: dict[str, object] = {"form": form}
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
        events = selectors.events_by_actor(
            actor_id=form.cleaned_data["staff"],
            authority_id=authority.pk,
            since=_start_of(since) if since else None,
            until=_start_of(until + timedelta(days=1)) if until else None,
        )
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context |= {
            "member": next(u for u in staff if str(u.pk) == form.cleaned_data["staff"]),
            "page": page,
            "rows": event_rows(page.object_list),
            "query": query.urlencode(),
        }
    return render(request, "audit/staff_activity.html", context)

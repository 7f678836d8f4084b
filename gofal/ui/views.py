from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST

from gofal.authorities.models import Notification
from gofal.authorities.services import notification_mark_read
from gofal.ui import selectors
from gofal.ui.pagination import paginate


def home(request: HttpRequest) -> HttpResponse:
    """Send each member of staff to the page they start from."""
    try:
        return redirect(reverse("casework:my_caseload"))
    except NoReverseMatch:
        return render(request, "ui/home.html")


@login_not_required
def language_switch(request: HttpRequest, language: str) -> HttpResponse:
    """Switch between English and Welsh from a plain link (works without JavaScript)."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 60 * 60,
            samesite="Lax",
            httponly=True,
        )
    return response


def notification_list(request: HttpRequest) -> HttpResponse:
    """The notification centre: the signed-in user's messages in this council, unread first."""
    page = paginate(request, selectors.notifications_for_user(user=request.user), per_page=20)
    return render(request, "ui/notifications/list.html", {"page": page})


@require_POST
def notification_read(request: HttpRequest, notification_id: str) -> HttpResponse:
    """Mark one notification as read; with `open`, go on to what it is about."""
    try:
        notification = selectors.notification_get_for_user(
            user=request.user, notification_id=notification_id
        )
    except Notification.DoesNotExist:
        raise Http404 from None
    notification_mark_read(notification=notification, at=timezone.now())
    link = notification.link
    if (
        request.POST.get("open")
        and link
        and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()})
    ):
        return redirect(link)
    return redirect("ui:notifications")

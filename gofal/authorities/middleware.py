"""Request middleware: the council a request acts for, and keeping a session alive."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from gofal.authorities.acting import acting_for
from gofal.authorities.tenancy import council_transaction

SESSION_KEY = "gofal_authority_id"
RENEWED_KEY = "gofal_renewed_at"
RENEW_EVERY_SECONDS = 60


class SessionRenewalMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most once a minute.

    A session ends `SESSION_COOKIE_AGE` after it was last renewed. Writing it on every request
    (Django's `SESSION_SAVE_EVERY_REQUEST`) cost an UPDATE and its commit on every page; this
    renews it on the first request after a minute, so a session may end up to a minute sooner
    than the last click plus the session length (never later). Pages that tell the user when
    the session ends renew it themselves, and so does every htmx request (the warning's script
    counts one as renewing the session), so what the warning shows stays exact. Place it just
    after Django's `SessionMiddleware`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        now = int(time.time())
        due = session.get(RENEWED_KEY, 0) <= now - RENEW_EVERY_SECONDS
        # The session timeout warning counts any htmx request (an autosave) as renewing it.
        if (due or request.headers.get("HX-Request") == "true") and not session.is_empty():
            session[RENEWED_KEY] = now
        return self.get_response(request)


class CurrentAuthorityMiddleware:
    """Set `request.acting` and, on PostgreSQL, scope the whole request to that council."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        acting = acting_for(
            user=request.user,
            authority_id=request.session.get(SESSION_KEY),
            as_of=timezone.localdate(),
        )
        request.acting = acting  # type: ignore[attr-defined]
        request.user.acting = acting  # type: ignore[union-attr]
        with council_transaction(acting.authority.pk if acting.authority else ""):
            return self.get_response(request)

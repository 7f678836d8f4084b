"""Drafts that survive the end of a session, and the warning before it ends.

Long forms (assessment sections, the care and support plan, a plan review) are decorated with
`keep_draft_when_signed_out`. If the session has ended when the form is posted (a save, an
autosave, or the timeout warning's last save), what was typed is kept in the new session under
the form's address with the member of staff it belongs to (a signed field in the form), and
the worker is sent to sign in. Signing in keeps the session's data, so when the form opens
again for the same member of staff, `restored_draft` gives back what they typed, unsaved, for
them to check and save. Nobody else signing in on that browser gets it.

The session length is `SESSION_COOKIE_AGE`, renewed while it is used (at most once a minute,
`gofal.authorities.middleware.SessionRenewalMiddleware`). `timeout_context` gives the form pages
what the warning needs (`assessments/_session_timeout.html`) and renews the session, so the end
it shows is exact.
"""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

OWNER_FIELD = "draft_owner"
DRAFT_ONLY_FIELD = "draft_only"
SESSION_KEY = "gofal_drafts"
_SALT = "gofal.drafts.owner"
_LEFT_OUT = frozenset({"csrfmiddlewaretoken", OWNER_FIELD, DRAFT_ONLY_FIELD})
# Warn this long before the session ends (or halfway through a very short session).
WARN_SECONDS = 5 * 60


def owner_token(user: Any) -> str:
    """The signed owner of a form: put in every long form as a hidden field."""
    return signing.dumps(str(user.pk), salt=_SALT)


def _owner_of(request: HttpRequest) -> str | None:
    try:
        return str(signing.loads(request.POST.get(OWNER_FIELD, ""), salt=_SALT))
    except signing.BadSignature:
        return None


def _keep(request: HttpRequest, owner: str) -> None:
    drafts = dict(request.session.get(SESSION_KEY, {}))
    drafts[request.path] = {
        "owner": owner,
        "data": {k: v for k, v in request.POST.lists() if k not in _LEFT_OUT},
        "kept_at": timezone.now().isoformat(),
    }
    request.session[SESSION_KEY] = drafts


def _sign_out_keeping_drafts(request: HttpRequest) -> None:
    """The session has run out on the worker's screen: sign out, keeping only the drafts."""
    drafts = request.session.get(SESSION_KEY, {})
    logout(request)
    request.session[SESSION_KEY] = drafts


def keep_draft_when_signed_out(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open to the login middleware, so that a form posted after the session ended is kept.

    Signed in: the view runs as usual, except a post marked `draft_only` (the timeout warning,
    when the time is up) is kept without being saved and the worker is signed out.
    Signed out: a post carrying a valid owner is kept; then (or for any other request) the
    worker is sent to sign in and brought back to the form.
    """

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        signed_in = request.user.is_authenticated
        if request.method == "POST":
            owner = _owner_of(request)
            draft_only = request.POST.get(DRAFT_ONLY_FIELD) == "1"
            if owner is not None and (not signed_in or draft_only):
                if not signed_in or owner == str(request.user.pk):
                    _keep(request, owner)
                if draft_only:
                    if signed_in:
                        _sign_out_keeping_drafts(request)
                    return HttpResponse(status=204)
        if not signed_in:
            if getattr(request, "htmx", False):
                response = HttpResponse()
                response["HX-Redirect"] = redirect_to_login(request.path).url
                return response
            return redirect_to_login(request.path)
        return view(request, *args, **kwargs)

    return wrapper


def restored_draft(request: HttpRequest) -> QueryDict | None:
    """What this member of staff typed in this form before their session ended, once."""
    drafts = request.session.get(SESSION_KEY) or {}
    kept = drafts.get(request.path)
    if not kept or kept.get("owner") != str(request.user.pk):
        return None
    drafts = {path: draft for path, draft in drafts.items() if path != request.path}
    request.session[SESSION_KEY] = drafts
    data = QueryDict(mutable=True)
    for name, values in kept["data"].items():
        data.setlist(name, values)
    return data


def timeout_context(request: HttpRequest) -> dict[str, Any]:
    """What the session timeout warning needs: when the session ends if nothing happens (the
    session is renewed with this response, so that is exactly the session length from now)."""
    request.session.modified = True
    seconds = int(settings.SESSION_COOKIE_AGE)
    return {
        "draft_owner": owner_token(request.user),
        "session_seconds": seconds,
        "session_warn_seconds": min(WARN_SECONDS, seconds // 2),
        "session_ends_at": timezone.localtime() + timedelta(seconds=seconds),
    }

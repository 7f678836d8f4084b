"""Write a request's read audit at the end of the request, in one insert.

Place it after `gofal.authorities.middleware.CurrentAuthorityMiddleware` so that, on
PostgreSQL, the write happens inside the request's transaction, just before it commits: the
audit chain's lock is then held for milliseconds, not for the whole request.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gofal.audit.services import reads_deferred


class DeferredReadAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with reads_deferred():
            return self.get_response(request)

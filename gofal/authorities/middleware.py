"""Request middleware: the council a request acts for."""

from collections.abc import Callable

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from gofal.authorities.acting import acting_for
from gofal.authorities.tenancy import acting_as_authority

SESSION_KEY = "gofal_authority_id"


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
        if connection.vendor != "postgresql":
            return self.get_response(request)
        with (
            transaction.atomic(),
            acting_as_authority(acting.authority.pk if acting.authority else ""),
        ):
            return self.get_response(request)

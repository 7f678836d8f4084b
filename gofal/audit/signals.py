"""Sign-in, sign-out and failed sign-in, audited.

Django announces these with its own signals; receiving them here is decoupled infrastructure
(the login views stay Django's own) and the entries are still written by the one audit service.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from gofal.audit.models import Action
from gofal.audit.services import Entry, record_entries

USER_TYPE = "authorities.user"


def _acting_authority_id(request: HttpRequest | None) -> Any:
    acting = getattr(request, "acting", None)
    authority = getattr(acting, "authority", None)
    return authority.pk if authority else None


def signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record_entries(
        actor=user,
        entries=[Entry(action=Action.SIGN_IN, object_type=USER_TYPE, object_id=str(user.pk))],
    )


def signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:  # the session had already ended
        return
    record_entries(
        actor=user,
        entries=[
            Entry(
                action=Action.SIGN_OUT,
                object_type=USER_TYPE,
                object_id=str(user.pk),
                authority_id=_acting_authority_id(request),
            )
        ],
    )


def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Attribute the attempt to the account it named, if there is one.

    What was typed is kept only when it is an existing username: a mistyped name may be a
    password typed into the wrong box, and must not be written down.
    """
    model = get_user_model()
    username = credentials.get(model.USERNAME_FIELD) or credentials.get("username") or ""
    account = (
        model._default_manager.filter(**{model.USERNAME_FIELD: username}).only("pk").first()
        if username
        else None
    )
    record_entries(
        actor=None,
        entries=[
            Entry(
                action=Action.SIGN_IN_FAILED,
                object_type=USER_TYPE,
                object_id=str(account.pk) if account else "",
                detail={"username": username} if account else {"username_known": False},
            )
        ],
    )

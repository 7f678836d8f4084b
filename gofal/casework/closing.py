"""What else ends when the council's involvement with a child ends.

Areas of practice above casework that hold records living within an involvement (a care and
support plan, say) register a handler in their AppConfig.ready():

    from gofal.casework.closing import register_on_involvement_end
    register_on_involvement_end(plans_end_with_involvement)

`casework.services.involvement_end` calls every handler inside its own transaction, after the
involvement is closed, so the records end with it or not at all. A handler writes through its
own area's services (which audit the change).
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

InvolvementEndHandler = Callable[..., None]  # (*, involvement, ended_by, now) -> None
_HANDLERS: list[InvolvementEndHandler] = []


def register_on_involvement_end(handler: InvolvementEndHandler) -> InvolvementEndHandler:
    """Add a handler. Registering the same one twice is harmless."""
    if handler not in _HANDLERS:
        _HANDLERS.append(handler)
    return handler


def involvement_ended(*, involvement: Any, ended_by: Any, now: datetime) -> None:
    for handler in _HANDLERS:
        handler(involvement=involvement, ended_by=ended_by, now=now)

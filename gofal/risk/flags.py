"""The bridge from a risk assessment to the vulnerability flags on the identity bar.

Flags are kept by `gofal.assessments`, which sits above this app, so it registers its
functions here when it is ready (the same way badge providers and chronology sources are
registered). Without them a risk assessment simply offers no flag button.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class FlagHooks:
    # current(*, child, as_of) -> the codes of the child's current flags
    current: Callable[..., list[str]]
    # start(*, child, kind, started_on, note, recorded_by, form_token, as_of) -> the flag
    start: Callable[..., Any]


_HOOKS: list[FlagHooks] = []


def register_flag_hooks(*, current: Callable[..., list[str]], start: Callable[..., Any]) -> None:
    _HOOKS[:] = [FlagHooks(current=current, start=start)]


def flags_available() -> bool:
    return bool(_HOOKS)


def current_flag_kinds(*, child: Any, as_of: date) -> set[str]:
    if not _HOOKS:
        return set()
    return set(_HOOKS[0].current(child=child, as_of=as_of))


def start_flag(
    *, child: Any, kind: str, note: str, recorded_by: Any, form_token: uuid.UUID | None, as_of: date
) -> Any:
    if not _HOOKS:
        raise LookupError("No flag service is registered")
    return _HOOKS[0].start(
        child=child,
        kind=kind,
        started_on=as_of,
        note=note,
        recorded_by=recorded_by,
        form_token=form_token,
        as_of=as_of,
    )

"""Optimistic locking for every edit of a case record (design decision 9).

Each `AuthorityOwned` row carries a `version`. An edit form sends back the version it was
built from; the service saves only if the row still has that version, and bumps it. If someone
else saved in between, `EditConflict` carries both versions so the page can show them side by
side and the user loses nothing they typed.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class EditConflict(ValidationError):
    """Someone else saved this record after the form was opened."""

    def __init__(self, *, current: models.Model, submitted: dict[str, Any]) -> None:
        super().__init__(
            _(
                "Someone else changed this record while you were editing it. Your changes have "
                "not been saved yet: compare both versions below, then save again."
            ),
            code="edit_conflict",
        )
        self.current = current
        self.submitted = submitted


def save_versioned(
    obj: models.Model, *, expected_version: int, changes: dict[str, Any]
) -> dict[str, list[Any]]:
    """Apply `changes` to `obj` if its stored version is still `expected_version`.

    Returns what changed, as {field: [before, after]}, for the audit record. Raises
    `EditConflict` (with the stored row) if another save got there first.
    """
    model = type(obj)
    before = {name: getattr(obj, name) for name in changes}
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if updated != 1:
        current = model._default_manager.get(pk=obj.pk)
        raise EditConflict(current=current, submitted=changes)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version = expected_version + 1  # type: ignore[attr-defined]
    return {
        name: [_plain(before[name]), _plain(value)]
        for name, value in changes.items()
        if before[name] != value
    }


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value

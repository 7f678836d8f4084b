"""Audit events shaped for display: labels for actions and record types, detail as text."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps

from gofal.audit.models import Action


@dataclass(frozen=True)
class EventRow:
    occurred_at: datetime
    action: str
    record_type: str
    object_id: str
    person_id: str
    detail: list[tuple[str, str]]


def record_type_label(object_type: str) -> str:
    """'people.person' becomes 'person' (the model's own name, in the current language)."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def detail_lines(detail: dict[str, Any]) -> list[tuple[str, str]]:
    """Each stored detail as (name, text); changes as one line per field, before → after."""
    lines: list[tuple[str, str]] = []
    for key, value in sorted(detail.items()):
        if key == "changes" and isinstance(value, dict):
            for name, change in sorted(value.items()):
                if isinstance(change, list) and len(change) == 2:
                    lines.append((name, f"{_text(change[0])} → {_text(change[1])}"))
                else:
                    lines.append((name, _text(change)))
        else:
            lines.append((key, _text(value)))
    return lines


def event_rows(events: Any) -> list[EventRow]:
    labels = dict(Action.choices)
    rows = []
    for event in events:
        rows.append(
            EventRow(
                occurred_at=event.occurred_at,
                action=str(labels.get(event.action, event.action)),
                record_type=record_type_label(event.object_type),
                object_id=event.object_id,
                person_id=str(event.person_id or ""),
                detail=detail_lines(event.detail or {}),
            )
        )
    return rows

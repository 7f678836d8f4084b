"""Helpers behind the shared components in `ui/templates/components/`.

- `summary_rows(instance, fields)` for the GOV.UK summary list (`{% summary_list rows %}`).
- `edit_conflict(form, conflict)` for any edit form whose save raised
  `gofal.authorities.records.EditConflict`: both versions side by side, field by field, with
  nothing the user typed lost (`{% include "components/edit_conflict.html" %}`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from gofal.authorities.records import EditConflict
from gofal.ui.templatetags.gofal_ui import govuk_date, govuk_datetime


@dataclass(frozen=True)
class SummaryRow:
    key: str
    value: str
    action_href: str = ""
    action_label: str = ""


def display_value(value: Any, *, choices: Iterable[tuple[Any, Any]] | None = None) -> str:
    """How a stored value reads on a page: choice labels, Yes/No, GOV.UK dates."""
    if value is None or value == "":
        return _("Not recorded")
    if choices:
        labels = {str(k): v for k, v in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return govuk_datetime(value)
    if isinstance(value, date):
        return govuk_date(value)
    return str(value)


def _model_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def summary_rows(
    instance: models.Model,
    fields: Sequence[str],
    *,
    change_href: dict[str, str] | None = None,
) -> list[SummaryRow]:
    """Rows for a summary list of `instance`'s `fields`, labelled with their verbose names."""
    rows = []
    for name in fields:
        field = _model_field(type(instance), name)
        label = capfirst(str(field.verbose_name)) if field else capfirst(name.replace("_", " "))
        value = getattr(instance, name)
        choices = field.choices if field is not None and field.choices else None
        href = (change_href or {}).get(name, "")
        rows.append(
            SummaryRow(
                key=str(label),
                value=display_value(value, choices=choices),
                action_href=href,
                action_label=_("Change") if href else "",
            )
        )
    return rows


@dataclass(frozen=True)
class ConflictRow:
    field: str
    label: str
    yours: str
    saved: str

    @property
    def differs(self) -> bool:
        return self.yours != self.saved


def edit_conflict(
    form: forms.BaseForm, conflict: EditConflict, *, version_field: str = "version"
) -> list[ConflictRow]:
    """Show a conflicting save on `form`: error summary, both versions, nothing typed lost.

    Adds the conflict message to the form's errors, and moves the form's hidden version on to
    the saved one, so that saving again is a deliberate choice to keep your version.
    Returns the rows for `components/edit_conflict.html` (put them in the context as
    `conflict_rows`).
    """
    form.add_error(None, conflict)
    current = conflict.current
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict or a dict
    data[form.add_prefix(version_field)] = str(getattr(current, "version", ""))
    form.data = data
    rows = []
    for name, submitted in conflict.submitted.items():
        model_field = _model_field(type(current), name)
        form_field = form.fields.get(name)
        if form_field is not None and form_field.label:
            label = str(form_field.label)
        elif model_field is not None:
            label = capfirst(str(model_field.verbose_name))
        else:
            label = capfirst(name.replace("_", " "))
        choices = model_field.choices if model_field is not None and model_field.choices else None
        rows.append(
            ConflictRow(
                field=name,
                label=str(label),
                yours=display_value(submitted, choices=choices),
                saved=display_value(getattr(current, name, None), choices=choices),
            )
        )
    return rows

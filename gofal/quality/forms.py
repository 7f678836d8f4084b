"""Forms for quality records: they parse and say what is wrong; services decide and write."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.quality.models import OversightKind
from gofal.ui.forms import GovDateField, GovForm


class OversightForm(GovForm):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("What kind of decision is it?"),
        choices=OversightKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of decision")},
    )
    decided_on = GovDateField(
        label=_("Date of the decision"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date of the decision")},
    )
    decision = forms.CharField(
        label=_("Decision"),
        help_text=_("What you decided, and what should happen next"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the decision")},
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        help_text=_("Why: what you weighed, including the child's views and any risks"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter the rationale: why you made this decision")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())

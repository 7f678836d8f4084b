"""Early help forms: they parse and say what is missing; services decide and write."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.early_help.models import FundingSource
from gofal.ui.forms import GovDateField, GovForm


class ServiceForm(GovForm):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=160,
        error_messages={"required": _("Enter the name in English")},
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=160,
        error_messages={"required": _("Enter the name in Welsh")},
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the description in English")},
    )
    description_cy = forms.CharField(
        label=_("Description in Welsh"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the description in Welsh")},
    )
    provider = forms.CharField(
        label=_("Provider"), max_length=160, error_messages={"required": _("Enter the provider")}
    )
    eligibility = forms.CharField(
        label=_("Who can use it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter who can use the service")},
    )
    area = forms.CharField(
        label=_("Area covered"),
        max_length=160,
        error_messages={"required": _("Enter the area covered")},
    )
    contact = forms.CharField(
        label=_("How to contact the service"),
        max_length=300,
        error_messages={"required": _("Enter how to contact the service")},
    )
    funding_source = forms.ChoiceField(
        label=_("Funding source"),
        choices=FundingSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the funding source")},
    )
    funding_ends_on = GovDateField(
        label=_("Funding end date"),
        help_text=_("Leave blank if the funding is not time-limited. For example, 31 3 2027"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())

"""Early help forms: they parse and say what is missing; services decide and write."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.early_help.models import Direction, EpisodeOutcome, FundingSource, Response
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


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "name", obj))


class EpisodeStartForm(GovForm):
    team = NamedChoiceField(
        label=_("Early help team"),
        queryset=None,
        empty_label=_("Select a team"),
        error_messages={"required": _("Select the early help team")},
    )
    lead_worker: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Lead worker"),
        queryset=None,
        empty_label=_("Select a worker"),
        error_messages={"required": _("Select the lead worker")},
    )
    started_on = GovDateField(
        label=_("Start date"),
        allow_future=False,
        error_messages={"required": _("Enter the start date")},
    )

    def __init__(self, *args: Any, teams: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["lead_worker"].queryset = workers  # type: ignore[attr-defined]


class EpisodeEndForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = GovDateField(
        label=_("End date"),
        allow_future=False,
        error_messages={"required": _("Enter the end date")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=EpisodeOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome")},
    )
    outcome_detail = forms.CharField(
        label=_("More about the outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanForm(GovForm):
    assessment = forms.CharField(
        label=_("What the assessment found"),
        help_text=_("Strengths, needs and risks, in the family’s words where you can."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what the assessment found")},
    )
    outcomes = forms.CharField(
        label=_("Outcomes the family wants"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the outcomes the family wants")},
    )
    actions = forms.CharField(
        label=_("Actions: who does what, by when"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the actions")},
    )
    review_on = GovDateField(
        label=_("Review date"), error_messages={"required": _("Enter the review date")}
    )


class HandoverForm(GovForm):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    direction = forms.ChoiceField(
        label=_("Which way is the work going?"),
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select step-up or step-down")},
    )
    from_team = NamedChoiceField(
        label=_("Sending team"),
        queryset=None,
        empty_label=_("Select a team"),
        error_messages={"required": _("Select the sending team")},
    )
    to_team = NamedChoiceField(
        label=_("Receiving team"),
        queryset=None,
        empty_label=_("Select a team"),
        error_messages={"required": _("Select the receiving team")},
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the reasons for the handover")},
    )
    information = forms.CharField(
        label=_("Information passed on"),
        help_text=_("What the receiving team needs to know: history, risks, what has worked."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter the information passed on")},
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["to_team"].queryset = teams  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


class HandoverResponseForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.ChoiceField(
        label=_("Will your team take the work?"),
        choices=Response.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select accept or return")},
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        help_text=_("Required when returning the handover."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

"""Forms for risk assessments: they parse and say what is wrong; services decide and write."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.risk.models import (
    ActionStatus,
    Capacity,
    HarmKind,
    Likelihood,
    RiskContext,
    RiskLevel,
    Severity,
    SharingMethod,
)
from gofal.ui.forms import GovDateField, GovForm

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
DATE_HINT = _("For example, 27 3 2025")


class YesNoField(forms.ChoiceField):
    """Yes or no as True or False; nothing chosen is None (not yet answered)."""

    widget = forms.RadioSelect(attrs={"small": True})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(choices=YES_NO, **kwargs)

    def clean(self, value: Any) -> bool | None:
        value = super().clean(value)
        return {"yes": True, "no": False}.get(value)

    def prepare_value(self, value: Any) -> Any:
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value


def _text(label: Any, hint: Any = "", rows: int = 4, required: bool = False, **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


class TokenForm(GovForm):
    """A create form: a one-time token makes a double submission create one record."""

    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


class StartForm(TokenForm):
    context = forms.ChoiceField(
        label=_("What is the risk assessment for?"),
        choices=RiskContext.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the risk assessment is for")},
    )
    started_on = GovDateField(
        label=_("Date the risk assessment started"),
        help_text=DATE_HINT,
        allow_future=False,
        error_messages={"required": _("Enter the date the risk assessment started")},
    )
    linked_type = forms.CharField(widget=forms.HiddenInput, required=False)
    linked_id = forms.CharField(widget=forms.HiddenInput, required=False)


class JudgementForm(GovForm):
    """The overall judgement of a draft: level, rationale, the young person, the review date.

    Nothing is required to save a draft; `completion_gaps` says what completing needs.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    overall_level = forms.ChoiceField(
        label=_("Overall level of risk"),
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    level_rationale = _text(
        _("Why this level?"),
        _(
            "Weigh the harms, their likelihood and severity, what protects the child and what "
            "the family can change"
        ),
        rows=6,
    )
    young_person_took_part = YesNoField(label=_("Did the young person take part?"))
    participation = _text(
        _("How did they take part, or why not?"),
        _("Their views in their own words, where you can"),
    )
    young_person_knows = YesNoField(
        label=_("Does the young person know this risk assessment exists?")
    )
    review_on = GovDateField(
        label=_("Review by"),
        help_text=_(
            "No statutory timescale applies: set the date the risk should be looked at "
            "again. For example, 27 3 2026"
        ),
        required=False,
    )

    FIELDS = (
        "overall_level",
        "level_rationale",
        "young_person_took_part",
        "participation",
        "young_person_knows",
        "review_on",
    )

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class HarmForm(TokenForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("What is the harm of concern?"),
        choices=[("", _("Select a harm")), *HarmKind.choices],
        error_messages={"required": _("Select the harm of concern")},
    )
    described_as = forms.CharField(
        label=_("In a few words (optional unless you chose another harm)"),
        required=False,
        max_length=200,
    )
    evidence = _text(
        _("Evidence"),
        _("What has been seen, heard or reported, by whom and when"),
        required=True,
        error_messages={"required": _("Enter the evidence for this harm")},
    )
    history = _text(_("History"), _("What has happened before, and how often"))
    current_picture = _text(_("Current picture"), _("What is happening now"))
    likelihood = forms.ChoiceField(
        label=_("How likely is the harm?"),
        choices=Likelihood.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how likely the harm is")},
    )
    severity = forms.ChoiceField(
        label=_("How serious would the harm be?"),
        choices=Severity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how serious the harm would be")},
    )
    protective_factors = _text(
        _("Protective factors"), _("People, places and things that keep the child safe")
    )
    capacity_to_change = forms.ChoiceField(
        label=_("The family's capacity to change"),
        choices=Capacity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the family's capacity to change")},
    )
    capacity_detail = _text(_("What shows this?"), rows=3)

    FIELDS = (
        "kind",
        "described_as",
        "evidence",
        "history",
        "current_picture",
        "likelihood",
        "severity",
        "protective_factors",
        "capacity_to_change",
        "capacity_detail",
    )

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class ActionForm(TokenForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    what = _text(
        _("What will be done to reduce the risk?"),
        rows=3,
        required=True,
        error_messages={"required": _("Enter what will be done")},
    )
    owner = forms.CharField(
        label=_("Who will do it?"),
        help_text=_("A person or an agency, for example 'Gwent Police child exploitation team'"),
        max_length=200,
        error_messages={"required": _("Enter who will do it: a person or an agency")},
    )
    due_on = GovDateField(
        label=_("By when?"),
        help_text=DATE_HINT,
        error_messages={"required": _("Enter the date it will be done by")},
    )
    status = forms.ChoiceField(
        label=_("Progress"),
        choices=ActionStatus.choices,
        widget=forms.RadioSelect(attrs={"small": True}),
        initial=ActionStatus.NOT_STARTED,
        error_messages={"required": _("Select the progress of the action")},
    )


class SharingForm(TokenForm):
    agency = forms.CharField(
        label=_("Who was it shared with?"),
        help_text=_("The agency, and the person where you know it"),
        max_length=200,
        error_messages={"required": _("Enter who it was shared with")},
    )
    shared_on = GovDateField(
        label=_("Date shared"),
        help_text=DATE_HINT,
        allow_future=False,
        error_messages={"required": _("Enter the date it was shared")},
    )
    method = forms.ChoiceField(
        label=_("How was it shared?"),
        choices=SharingMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how it was shared")},
    )


class VersionForm(GovForm):
    """Complete a draft (the page's version, so a stale page cannot complete a changed one)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

"""Forms for care and support plans: they parse and say what is wrong; services write."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.planning.models import (
    Agreement,
    AgreementDecision,
    EndReason,
    PlanAction,
    PlanLanguage,
    Progress,
    SharingMethod,
)
from gofal.ui.forms import GovDateField, GovForm


def _text(label: Any, hint: Any = "", rows: int = 4, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TokenForm(GovForm):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


class PlanDetailsForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    eligible_needs = _text(_("Eligible needs"), _("From the assessment: change if needed"))
    family_contribution = _text(
        _("What the family will do"), _("The family's own part in the plan, in their words")
    )
    family_agreement = forms.ChoiceField(
        label=_("Does the family agree with the plan?"),
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    family_words = _text(_("The family's views on the plan, in their words"))
    child_contribution = _text(_("What the child will do"))
    child_agreement = forms.ChoiceField(
        label=_("Does the child agree with the plan?"),
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    child_words = _text(_("The child's views on the plan, in their words"))
    contingency = _text(
        _("Contingency plan"), _("What will happen if the plan does not work or things change")
    )
    language = forms.ChoiceField(
        label=_("Which language should the plan be written in?"),
        help_text=_("The family's preferred language"),
        choices=PlanLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language of the plan")},
    )

    FIELDS = (
        "eligible_needs",
        "family_contribution",
        "family_agreement",
        "family_words",
        "child_contribution",
        "child_agreement",
        "child_words",
        "contingency",
        "language",
    )

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class OutcomeForm(GovForm):
    text = forms.CharField(
        label=_("Personal outcome"),
        help_text=_("What the child and family want to achieve, in their words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the outcome")},
    )


class ActionForm(GovForm):
    outcome = forms.ChoiceField(
        label=_("Which outcome does this action serve?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome this action serves")},
    )
    what = _text(_("What will be done"), rows=3, required=True)
    who = forms.CharField(
        label=_("Who will do it"),
        help_text=_("A named person or an agency"),
        error_messages={"required": _("Enter who will do it: a person or an agency")},
    )
    due_on = GovDateField(
        label=_("By when"),
        help_text=_("For example, 27 3 2025"),
        error_messages={"required": _("Enter the date it will be done by")},
    )
    why = _text(_("Why it matters"), _("What difference it makes for the child"), 3, True)
    if_not_done = _text(_("What happens if it is not done"), rows=3, required=True)

    def __init__(self, *args: Any, outcomes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(str(o.pk), o.text) for o in outcomes]  # type: ignore[attr-defined]
        self.fields["what"].error_messages["required"] = _("Enter what will be done")
        self.fields["why"].error_messages["required"] = _("Enter why it matters")
        self.fields["if_not_done"].error_messages["required"] = _(
            "Enter what happens if it is not done"
        )


class SharingForm(TokenForm):
    shared_on = GovDateField(
        label=_("Date shared"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date the plan was shared")},
    )
    shared_with = forms.CharField(
        label=_("Who was it shared with?"),
        help_text=_("For example: mum and dad, Cerys"),
        error_messages={"required": _("Enter who the plan was shared with")},
    )
    method = forms.ChoiceField(
        label=_("How was it shared?"),
        choices=SharingMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the plan was shared")},
    )
    language = forms.ChoiceField(
        label=_("Which language was it shared in?"),
        choices=PlanLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language it was shared in")},
    )


class AgreementForm(TokenForm):
    made_on = GovDateField(
        label=_("Date agreed"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date it was agreed")},
    )
    agreed_with = forms.CharField(
        label=_("Who is the agreement with?"),
        error_messages={"required": _("Enter who the agreement is with")},
    )
    expectations = _text(_("What is agreed"), rows=6, required=True)
    why_not_child_protection = _text(
        _("Why are child protection procedures not needed?"),
        _(
            "A written agreement is not a substitute for child protection procedures. Every "
            "agreement is reviewed by a head of service."
        ),
        rows=4,
        required=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expectations"].error_messages["required"] = _("Enter what is agreed")
        self.fields["why_not_child_protection"].error_messages["required"] = _(
            "Enter why child protection procedures are not needed"
        )


class AgreementReviewForm(GovForm):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=AgreementDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select your decision")},
    )
    note = _text(_("Reasons"), rows=4, required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].error_messages["required"] = _("Enter the reasons for your decision")


class ReviewForm(TokenForm):
    """A review: date, who came, progress on each outcome and action, what changed."""

    held_on = GovDateField(
        label=_("Date of the review"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date of the review")},
    )
    attended = _text(
        _("Who attended"),
        _("Names and roles, including the child and family members, and who sent apologies"),
        rows=3,
        required=True,
    )
    views = _text(
        _("The child's and family's views at the review"),
        _("In their own words: what is working, what is not"),
    )

    def __init__(self, *args: Any, items: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].error_messages["required"] = _("Enter who attended the review")
        self.item_keys: list[str] = []
        for key, item in items:
            if isinstance(item, PlanAction):
                label = _("Action: %(what)s (%(who)s)") % {"what": item.what, "who": item.who}
            else:
                label = _("Outcome: %(text)s") % {"text": item.text}
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=Progress.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"{key}-note"] = _text(_("What has happened"), label, rows=2)
            self.item_keys.append(key)
        self.fields["plan_changed"] = forms.BooleanField(
            label=_("The plan was changed at this review"),
            help_text=_("A manager will need to authorise the changed plan as a new version"),
            required=False,
        )
        self.fields["changes"] = _text(
            _("Changes made to the plan"),
            _("Outcomes or actions added, changed or ended, and why"),
        )

    def progress(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {key: (data.get(key) or "", data.get(f"{key}-note") or "") for key in self.item_keys}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in self.item_keys:
            if not data.get(key):
                self.add_error(key, _("Select the progress made"))
        if data.get("plan_changed") and not (data.get("changes") or "").strip():
            self.add_error("changes", _("Enter the changes made to the plan"))
        return data


class EndForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    ended_on = GovDateField(
        label=_("Date the plan ended"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date the plan ended")},
    )
    reason = forms.ChoiceField(
        label=_("Why is the plan ending?"),
        choices=EndReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why the plan is ending")},
    )
    detail = forms.CharField(
        label=_("What happens next for the child and family?"),
        help_text=_("Who will support them now, and what the family were told"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what happens next for the child and family")},
    )

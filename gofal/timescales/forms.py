from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.timescales.models import ExceptionDecision, ExceptionReason
from gofal.ui.forms import GovForm


class ExceptionForm(GovForm):
    reason = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=ExceptionReason.objects.filter(active=True),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a reason")},
    )
    explanation = forms.CharField(
        label=_("Explain what happened"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter an explanation")},
    )


class ExceptionDecisionForm(GovForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=ExceptionDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select approved or not approved")},
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea)

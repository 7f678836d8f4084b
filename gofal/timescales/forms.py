from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import Jurisdiction
from gofal.timescales.models import ExceptionDecision, ExceptionReason, SourceStatus, Unit
from gofal.ui.forms import GovDateField, GovForm


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


UNIT_CHOICES = Unit.choices


class RuleVersionForm(GovForm):
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"),
        choices=Jurisdiction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select Wales or England")},
    )
    effective_from = GovDateField(label=_("In force from"))
    duration = forms.IntegerField(
        label=_("Duration"),
        min_value=1,
        max_value=1000,
        error_messages={
            "required": _("Enter the duration"),
            "invalid": _("Enter the duration as a whole number"),
            "min_value": _("Enter a duration of 1 or more"),
            "max_value": _("Enter a duration of 1000 or less"),
        },
    )
    unit = forms.ChoiceField(
        label=_("Unit"),
        choices=UNIT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the unit")},
    )
    source = forms.CharField(
        label=_("Source"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the source of the new figure")},
    )
    status = forms.ChoiceField(
        label=_("Status of the source"),
        choices=SourceStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how sure the source is")},
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea)
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the reason for the change")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["effective_from"].error_messages["required"] = _(
            "Enter the date the new figure is in force from"
        )


class LocalStandardForm(GovForm):
    duration = RuleVersionForm.base_fields["duration"]
    unit = RuleVersionForm.base_fields["unit"]
    effective_from = GovDateField(
        label=_("In force from"), error_messages={"required": _("Enter the date it starts")}
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the reason for the council's standard")},
    )


class ClosureDayForm(GovForm):
    on = GovDateField(label=_("Date"), error_messages={"required": _("Enter the date")})
    reason = forms.CharField(
        label=_("Why are the offices closed?"),
        max_length=120,
        error_messages={
            "required": _("Enter why the offices are closed"),
            "max_length": _("Reason must be 120 characters or fewer"),
        },
    )


class ReasonForm(GovForm):
    reason = forms.CharField(
        label=_("Reason"),
        error_messages={"required": _("Enter the reason for the change")},
    )


class ReminderSettingForm(GovForm):
    remind_working_days = forms.IntegerField(
        label=_("Remind workers this many working days before a due date"),
        min_value=0,
        max_value=20,
        error_messages={
            "required": _("Enter a number of working days"),
            "invalid": _("Enter a whole number"),
            "min_value": _("Enter a number of working days from 0 to 20"),
            "max_value": _("Enter a number of working days from 0 to 20"),
        },
    )
    reason = ReasonForm.base_fields["reason"]


class WorkFilterForm(GovForm):
    team = forms.ChoiceField(label=_("Team"), required=False)
    worker = forms.ChoiceField(label=_("Worker"), required=False)
    rule = forms.ChoiceField(label=_("Timescale"), required=False)
    due = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("overdue", _("Overdue")),
            ("week", _("Due this week")),
        ],
    )

    def __init__(
        self,
        *args: object,
        teams: list[tuple[str, str]],
        workers: list[tuple[str, str]],
        rules: list[tuple[str, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        everyone = [("", _("All"))]
        self.fields["team"].choices = everyone + teams  # type: ignore[attr-defined]
        self.fields["worker"].choices = everyone + workers  # type: ignore[attr-defined]
        self.fields["rule"].choices = everyone + rules  # type: ignore[attr-defined]


class TimelinessForm(GovForm):
    rule = forms.ChoiceField(
        label=_("Timescale"), error_messages={"required": _("Select a timescale")}
    )
    period_start = GovDateField(
        label=_("From"), error_messages={"required": _("Enter the first day of the period")}
    )
    period_end = GovDateField(
        label=_("To"), error_messages={"required": _("Enter the last day of the period")}
    )

    def __init__(self, *args: object, rules: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["rule"].choices = [("", _("Select a timescale"))] + rules  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last day must be on or after the first day"))
        return data

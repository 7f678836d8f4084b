"""Forms for casework pages: they parse and say what is wrong; services decide and write."""

import datetime as dt
import re
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gofal.audit.models import Action
from gofal.casework.models import (
    AllocationChangeReason,
    CaseNoteKind,
    DocumentKind,
    DocumentLanguage,
    InvolvementEndReason,
    InvolvementReason,
    SignificantEventKind,
)
from gofal.ui.forms import GovDateField, GovForm

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def parse_time(text: str) -> dt.time | None:
    """A time as people type it: 14:30, 2:30pm, 9am, 09.15."""
    match = _TIME.match(text.strip())
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class TokenForm(GovForm):
    """A form that carries a one-time token, so a double submission records one thing."""

    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


class CaseNoteForm(TokenForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("What kind of contact was it?"),
        choices=CaseNoteKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of contact")},
    )
    occurred_on = GovDateField(
        label=_("Date it happened"),
        help_text=_("For example, 27 3 2025"),
        error_messages={"required": _("Enter the date it happened")},
    )
    occurred_time = forms.CharField(
        label=_("Time it happened"),
        help_text=_("For example, 14:30 or 2:30pm"),
        error_messages={"required": _("Enter the time it happened")},
        widget=forms.TextInput(attrs={"width": "5"}),
    )
    child_seen = forms.ChoiceField(
        label=_("Was the child seen?"),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": _("Select whether the child was seen")},
    )
    seen_alone = forms.ChoiceField(
        label=_("Was the child seen alone?"),
        help_text=_("Answer only if the child was seen."),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"small": True}),
        required=False,
    )
    narrative = forms.CharField(
        label=_("What happened"),
        help_text=_(
            "Who was there, what the child said and did, what you saw, and what happens next."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
        error_messages={"required": _("Enter what happened")},
    )

    def clean_occurred_time(self) -> dt.time:
        value = parse_time(self.cleaned_data["occurred_time"])
        if value is None:
            raise ValidationError(_("Enter a real time, for example 14:30 or 2:30pm"))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen = data.get("child_seen")
        if seen == "yes" and not data.get("seen_alone"):
            self.add_error("seen_alone", _("Select whether the child was seen alone"))
        if seen == "no" and data.get("seen_alone") == "yes":
            self.add_error("seen_alone", _("Select ‘No’ for seen alone if the child was not seen"))
        day, time = data.get("occurred_on"), data.get("occurred_time")
        if day and time:
            data["occurred_at"] = timezone.make_aware(dt.datetime.combine(day, time))
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "occurred_at": data["occurred_at"],
            "child_seen": data["child_seen"] == "yes",
            "seen_alone": data["child_seen"] == "yes" and data.get("seen_alone") == "yes",
            "narrative": data["narrative"],
        }

    @classmethod
    def initial_from(cls, note: Any) -> dict[str, Any]:
        local = timezone.localtime(note.occurred_at)
        return {
            "version": note.version,
            "kind": note.kind,
            "occurred_on": local.date(),
            "occurred_time": local.strftime("%H:%M"),
            "child_seen": "yes" if note.child_seen else "no",
            "seen_alone": ("yes" if note.seen_alone else "no") if note.child_seen else "",
            "narrative": note.narrative,
        }


class SignificantEventForm(TokenForm):
    occurred_on = GovDateField(
        label=_("Date it happened"),
        help_text=_("For example, 27 3 2025. If you do not know the day, use the 1st."),
        error_messages={"required": _("Enter the date it happened")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of event"),
        choices=[("", _("Select a kind of event")), *SignificantEventKind.choices],
        error_messages={"required": _("Select the kind of event")},
    )
    summary = forms.CharField(
        label=_("What happened"),
        help_text=_("What happened and why it matters for the child."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what happened")},
    )


class DocumentForm(TokenForm):
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_(
            "PDF, Word, OpenDocument text, JPEG, PNG or plain text. The file must be smaller "
            "than %(limit)s."
        ),
        error_messages={
            "required": _("Select a file"),
            "empty": _("The selected file is empty"),
            "invalid": _("Select a file"),
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png,.txt"}
        ),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, Child and family assessment, March 2025"),
        error_messages={
            "required": _("Enter a title"),
            "max_length": _("Title must be 200 characters or fewer"),
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[("", _("Select a kind of document")), *DocumentKind.choices],
        error_messages={"required": _("Select the kind of document")},
    )
    language = forms.ChoiceField(
        label=_("Language of the document"),
        choices=DocumentLanguage.choices,
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": _("Select the language of the document")},
    )

    def __init__(self, *args: Any, limit: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"limit": limit}


class ReasonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AllocationChangeReason) -> str:  # type: ignore[override]
        return obj.label


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class WorkerChoiceField(forms.ModelChoiceField):
    """A worker with their team, so a manager can tell two people of the same name apart."""

    def label_from_instance(self, obj: Any) -> str:
        welsh = (get_language() or "en").startswith("cy")
        team = (getattr(obj, "team_name_cy", "") if welsh else "") or getattr(
            obj, "team_name_en", ""
        )
        return f"{obj} ({team})" if team else str(obj)


class InvolvementStartForm(GovForm):
    team = TeamChoiceField(
        label=_("Team"),
        queryset=None,
        empty_label=_("Select a team"),
        error_messages={"required": _("Select a team"), "invalid_choice": _("Select a team")},
    )
    started_on = GovDateField(
        label=_("Start date"), error_messages={"required": _("Enter the start date")}
    )
    reason = forms.ChoiceField(
        label=_("Reason for involvement"),
        choices=[("", _("Select a reason")), *InvolvementReason.choices],
        error_messages={"required": _("Select the reason for involvement")},
    )
    reason_detail = forms.CharField(
        label=_("More about the reason (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]


class InvolvementEndForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = GovDateField(
        label=_("End date"), error_messages={"required": _("Enter the end date")}
    )
    end_reason = forms.ChoiceField(
        label=_("Reason for ending"),
        choices=InvolvementEndReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the reason for ending the involvement")},
    )
    end_detail = forms.CharField(
        label=_("More about the ending (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AllocationForm(GovForm):
    worker = WorkerChoiceField(
        label=_("Worker"),
        queryset=None,
        empty_label=_("Select a worker"),
        error_messages={
            "required": _("Select a worker"),
            "invalid_choice": _("Select a worker"),
        },
    )
    team = TeamChoiceField(
        label=_("Team"),
        queryset=None,
        empty_label=_("Select a team"),
        error_messages={"required": _("Select a team"), "invalid_choice": _("Select a team")},
    )
    started_on = GovDateField(
        label=_("Date allocated"), error_messages={"required": _("Enter the date allocated")}
    )
    reason = ReasonChoiceField(
        label=_("Reason for the change of worker"),
        help_text=_("Not needed when a child is allocated a worker for the first time."),
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select the reason for the change of worker")},
    )
    reason_detail = forms.CharField(
        label=_("More about the reason (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, workers: Any, teams: Any, reasons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers  # type: ignore[attr-defined]
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["reason"].queryset = reasons  # type: ignore[attr-defined]


class ChronologyFilterForm(GovForm):
    kind = forms.MultipleChoiceField(
        label=_("Show"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"small": True}),
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("newest", _("Newest first")), ("oldest", _("Oldest first"))],
        widget=forms.RadioSelect(attrs={"small": True}),
    )

    def __init__(self, *args: Any, kinds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


class RecordAccessFilterForm(GovForm):
    action = forms.ChoiceField(
        label=_("What they did"),
        required=False,
        choices=[
            ("", _("Anything")),
            *((value, label) for value, label in Action.choices if value != Action.SIGN_IN),
        ],
    )
    since = GovDateField(label=_("From"), required=False)
    until = GovDateField(label=_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The ‘to’ date must be the same as or after the ‘from’ date"))
        return data

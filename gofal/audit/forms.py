from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.ui.forms import GovDateField, GovForm


class StaffActivityForm(GovForm):
    staff = forms.ChoiceField(
        label=_("Member of staff"),
        error_messages={
            "required": _("Select a member of staff"),
            "invalid_choice": _("Select a member of staff from the list"),
        },
    )
    since = GovDateField(
        label=_("From"),
        required=False,
        allow_future=False,
        help_text=_("For example, 27 3 2026. Leave empty to start from the first record."),
    )
    until = GovDateField(
        label=_("To"),
        required=False,
        allow_future=False,
        help_text=_("Leave empty to include everything up to now."),
    )

    def __init__(self, *args: Any, staff: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [("", _("Select a member of staff"))] + [  # type: ignore[attr-defined]
            (str(user.pk), f"{user} ({user.username})") for user in staff
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since: date | None = cleaned.get("since")
        until: date | None = cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date must be the same as or after the start date"))
        return cleaned

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.ui.forms import GovForm


class SwitchAuthorityForm(GovForm):
    authority = forms.ChoiceField(
        label=_("Council"),
        error_messages={"required": _("Select the council you are working for")},
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, authorities: tuple[Any, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [(str(a.pk), a.name) for a in authorities]  # type: ignore[attr-defined]

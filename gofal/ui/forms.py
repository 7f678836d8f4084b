"""GOV.UK Design System form fields, widgets and the form base every Gofal form uses.

Forms render through `ui/forms/form.html` and `ui/forms/field.html` (GOV.UK markup: labels,
hints, the error message beside each field, and the error summary at the top of the page).
"""

import datetime
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class GovFormRenderer(TemplatesSetting):
    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"


class GovDateInput(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input). Keeps whatever was typed."""

    template_name = "ui/forms/date_input.html"

    def __init__(self, attrs: dict | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            "month": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            "year": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: object) -> list:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovDateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK error messages."""

    widget = GovDateInput
    default_error_messages = {
        "required": _("Enter a date"),
        "incomplete": _("Enter the day, month and year"),
        "invalid": _("Enter a real date"),
        "year": _("Enter the year as 4 digits, for example 2024"),
        "future": _("The date must be today or in the past"),
    }

    def __init__(self, *, allow_future: bool = True, **kwargs: Any) -> None:
        self.allow_future = allow_future
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list) -> datetime.date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(v or "").strip() for v in data_list)
        if not (day and month and year):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(year) != 4:
            raise ValidationError(self.error_messages["year"], code="year")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return value

    def clean(self, value: object) -> datetime.date | None:
        result = super().clean(value)
        if result and not self.allow_future:
            from django.utils import timezone

            if result > timezone.localdate():
                raise ValidationError(self.error_messages["future"], code="future")
        return result


class GovForm(forms.Form):
    """Base for Gofal forms: GOV.UK rendering."""

    default_renderer = GovFormRenderer


class GovModelForm(forms.ModelForm):
    default_renderer = GovFormRenderer


class GovAuthenticationForm(AuthenticationForm):
    default_renderer = GovFormRenderer
    error_messages = {
        "invalid_login": _("Enter a correct username and password. Both may be case-sensitive."),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Enter your username")
        self.fields["password"].error_messages["required"] = _("Enter your password")

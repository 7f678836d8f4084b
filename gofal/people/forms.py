"""Forms for people's records: parse what was typed, say clearly what is wrong.

Services check the rules again; forms only turn input into values and messages. Every create
form carries a one-time `submission_token`, so a double submission creates one record.
"""

import uuid
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gofal.people.models import (
    ContactChannel,
    ContactKind,
    Disability,
    EthnicityCode,
    Language,
    PersonNameKind,
    RelationshipKind,
    Sex,
    WarningKind,
)
from gofal.people.validators import clean_nhs_number, clean_upn
from gofal.ui.forms import GovDateField, GovForm


class TokenForm(GovForm):
    """A create form: the token is made when the page is first shown and sent back with it."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("submission_token", uuid.uuid4())
        super().__init__(*args, **kwargs)

    @property
    def token(self) -> uuid.UUID | None:
        return self.cleaned_data.get("submission_token")


def _text(label: Any, *, required: bool = False, max_length: int = 100, **kwargs: Any) -> Any:
    return forms.CharField(label=label, required=required, max_length=max_length, **kwargs)


class SearchForm(GovForm):
    q = forms.CharField(
        label=_("Name, NHS number or Unique Pupil Number"),
        help_text=_("Similar spellings and other names are found too"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    date_of_birth = GovDateField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 2012"),
        required=False,
        allow_future=True,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("q") or "").strip() and not data.get("date_of_birth"):
            if not self.errors:
                raise ValidationError(
                    _("Enter a name, an NHS number, a Unique Pupil Number or a date of birth")
                )
        return data


class PersonForm(TokenForm):
    """A person's details, for creating and editing (editing sends back the version)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    given_name = _text(_("First name"), widget=forms.TextInput(attrs={"spellcheck": "false"}))
    middle_names = _text(_("Middle names"), widget=forms.TextInput(attrs={"spellcheck": "false"}))
    family_name = _text(_("Last name"), widget=forms.TextInput(attrs={"spellcheck": "false"}))
    date_of_birth = GovDateField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 2012. Leave empty for an unborn child"),
        required=False,
        allow_future=False,
    )
    date_of_birth_estimated = forms.BooleanField(
        label=_("The date of birth is estimated"), required=False
    )
    expected_on = GovDateField(
        label=_("Expected date of birth (unborn child)"),
        help_text=_("Only for a child not yet born"),
        required=False,
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN
    )
    gender = _text(
        _("Gender as recorded (optional)"),
        max_length=60,
        help_text=_("In the person's own words, where they have said"),
    )
    ethnicity = forms.ModelChoiceField(
        label=_("Ethnicity"),
        queryset=EthnicityCode.objects.filter(active=True),
        required=False,
        empty_label=_("Not recorded"),
    )
    religion = _text(_("Religion or belief (optional)"))
    first_language = _text(_("First language (optional)"), max_length=60)
    disability = forms.ChoiceField(
        label=_("Does the person have a disability?"),
        choices=Disability.choices,
        widget=forms.RadioSelect,
        initial=Disability.NOT_KNOWN,
    )
    disability_description = forms.CharField(
        label=_("About the disability"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        initial=Language.ENGLISH,
    )
    preferred_language_other = _text(_("Other language"), max_length=60)
    interpreter_needed = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    active_offer_made_on = GovDateField(
        label=_("Date the active offer of Welsh was made"),
        help_text=_("The offer to work with the person in Welsh without them having to ask"),
        required=False,
        allow_future=False,
    )
    nhs_number = _text(
        _("NHS number (optional)"),
        max_length=20,
        help_text=_("10 digits, for example 485 777 3456"),
        widget=forms.TextInput(attrs={"width": "10", "inputmode": "numeric"}),
    )
    upn = _text(
        _("Unique Pupil Number (optional)"),
        max_length=20,
        help_text=_("13 characters, starting with a letter"),
        widget=forms.TextInput(attrs={"width": "10"}),
    )
    restricted = forms.BooleanField(
        label=_("Restricted record"),
        required=False,
        help_text=_("Only staff given access, and privacy officers, will be able to open it"),
    )

    def __init__(self, *args: Any, can_restrict: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_restrict:
            del self.fields["restricted"]
        for name in ("sex", "disability", "preferred_language"):
            self.fields[name].error_messages["required"] = _("Select an option")

    def clean_nhs_number(self) -> str:
        return clean_nhs_number(self.cleaned_data.get("nhs_number", ""))

    def clean_upn(self) -> str:
        return clean_upn(self.cleaned_data.get("upn", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_of_birth") and data.get("expected_on"):
            self.add_error(
                "expected_on", _("Enter either a date of birth or an expected date, not both")
            )
        names = (data.get("given_name") or "").strip() or (data.get("family_name") or "").strip()
        if not names and not data.get("expected_on") and "family_name" not in self.errors:
            self.add_error("family_name", _("Enter a first name or last name"))
        return data

    def details(self, *, user: Any, previous_offer: date | None = None) -> dict[str, Any]:
        """The values for the person services. Whoever records a new active offer made it."""
        names = [n for n in self.fields if n not in ("submission_token", "version")]
        values = {name: self.cleaned_data.get(name) for name in names}
        for name in ("date_of_birth", "expected_on", "active_offer_made_on"):
            values[name] = values[name] or None
        if values["active_offer_made_on"] and values["active_offer_made_on"] != previous_offer:
            values["active_offer_made_by"] = user
        return values


def _date(label: Any, *, required: bool = True, **kwargs: Any) -> GovDateField:
    field = GovDateField(label=label, required=required, allow_future=False, **kwargs)
    field.error_messages["required"] = _("Enter the date")
    return field


class PersonNameForm(TokenForm):
    kind = forms.ChoiceField(
        label=_("Kind of name"), choices=PersonNameKind.choices, widget=forms.RadioSelect
    )
    given_name = _text(_("First name"))
    family_name = _text(_("Last name"))
    started_on = _date(_("Used from (optional)"), required=False)
    ended_on = _date(_("Used until (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = _("Select the kind of name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not (data.get("given_name") or "").strip()
            and not (data.get("family_name") or "").strip()
        ):
            self.add_error("family_name", _("Enter a first name or last name"))
        return data


class AddressForm(TokenForm):
    line_1 = _text(_("Address line 1"), required=True, max_length=120)
    line_2 = _text(_("Address line 2 (optional)"), max_length=120)
    town = _text(_("Town or city"), required=True, max_length=80)
    county = _text(_("County (optional)"), max_length=80)
    postcode = _text(_("Postcode"), max_length=10, widget=forms.TextInput(attrs={"width": "10"}))
    started_on = _date(_("Lived here from"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line_1"].error_messages["required"] = _("Enter address line 1")
        self.fields["town"].error_messages["required"] = _("Enter the town or city")


class ContactDetailForm(TokenForm):
    channel = forms.ChoiceField(
        label=_("Type"), choices=ContactChannel.choices, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices)
    value = _text(_("Number or email address"), required=True, max_length=200)
    preferred = forms.BooleanField(label=_("This is the preferred way to contact"), required=False)
    started_on = _date(_("From"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].error_messages["required"] = _("Select telephone or email")
        self.fields["value"].error_messages["required"] = _("Enter the number or email address")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value = (data.get("value") or "").strip()
        if data.get("channel") == ContactChannel.EMAIL and value:
            try:
                forms.EmailField().clean(value)
            except ValidationError:
                self.add_error(
                    "value",
                    _("Enter an email address in the correct format, like name@example.com"),
                )
        if data.get("channel") == ContactChannel.PHONE and value:
            digits = [c for c in value if c.isdigit()]
            if len(digits) < 6 or any(not (c.isdigit() or c in " +()-") for c in value):
                self.add_error(
                    "value", _("Enter a telephone number, like 01632 960 001 or 07700 900 982")
                )
        return data


class WarningForm(TokenForm):
    kind = forms.ChoiceField(
        label=_("Kind of warning"), choices=WarningKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What staff need to know"), widget=forms.Textarea(attrs={"rows": 4})
    )
    started_on = _date(_("From"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = _("Select the kind of warning")
        self.fields["description"].error_messages["required"] = _("Describe the warning")


class EndForm(GovForm):
    ended_on = _date(_("End date"))


class RelatedPersonSearchForm(GovForm):
    q = forms.CharField(
        label=_("Find the related person by name or NHS number"), max_length=200, required=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].error_messages["required"] = _("Enter a name or NHS number")


class RelationshipForm(TokenForm):
    related = forms.UUIDField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("How is this person related?"),
        help_text=_("What they are to the person whose record this is"),
        choices=RelationshipKind.choices,
    )
    related_has_parental_responsibility = forms.BooleanField(
        label=_("They have parental responsibility for this person"), required=False
    )
    person_has_parental_responsibility = forms.BooleanField(
        label=_("This person has parental responsibility for them"), required=False
    )
    description = _text(_("Details (optional)"), max_length=200)
    started_on = _date(_("From (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = _("Select the relationship")


class BreakGlassForm(GovForm):
    identifier = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why do you need to open this record now?"),
        help_text=_("A privacy officer will be told, and will review your reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _(
            "Enter why you need to open this record now"
        )


class AccessGrantForm(GovForm):
    """A privacy officer lets one member of staff open a restricted record."""

    user = forms.ChoiceField(label=_("Member of staff"))
    reason = forms.CharField(
        label=_("Reason for access"),
        help_text=_("For example, allocated worker, or covering while the worker is on leave"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    until = GovDateField(
        label=_("Access ends (optional)"),
        help_text=_("Leave empty for access until you revoke it. For example, 27 3 2027"),
        required=False,
    )

    def __init__(self, *args: Any, staff: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(u.pk): u for u in staff}
        field = self.fields["user"]
        field.choices = [("", _("Select a member of staff"))] + [  # type: ignore[attr-defined]
            (str(u.pk), str(u)) for u in staff
        ]
        field.error_messages["required"] = _("Select the member of staff")
        self.fields["reason"].error_messages["required"] = _("Enter the reason for access")

    def clean_user(self) -> Any:
        return self.staff[self.cleaned_data["user"]]


class AccessRevokeForm(GovForm):
    reason = forms.CharField(
        label=_("Why is access being revoked?"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("Enter why access is being revoked")

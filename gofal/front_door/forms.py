"""Front-door forms: they parse and say what is missing; services decide and write."""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gofal.casework.models import InvolvementReason
from gofal.front_door.models import (
    OUTCOME_REQUIRES,
    Channel,
    ConcernCategory,
    Consent,
    DisagreementResult,
    DisagreementStage,
    FeedbackMethod,
    Language,
    NotificationKind,
    Outcome,
    Source,
    ThresholdDescriptor,
    ThresholdLevel,
    Urgency,
)
from gofal.front_door.services import (
    MISSING,
    ContactDetails,
    DecisionDetails,
    FamilyLink,
    LevelValues,
    NotificationDetails,
)
from gofal.people.models import RelationshipKind
from gofal.ui.forms import GovDateField, GovForm

TIME_FORMATS = ["%H:%M", "%H.%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p", "%H"]


class OnceForm(GovForm):
    """Carries a one-time token, so submitting twice records one thing."""

    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


class PersonSearchForm(GovForm):
    q = forms.CharField(
        label=_("Name, date of birth, NHS number or UPN"),
        required=False,
        max_length=200,
    )


class ContactForm(OnceForm):
    received_on = GovDateField(
        label=_("Date received"),
        allow_future=False,
        help_text=_("For example, 27 3 2025"),
        error_messages={
            "required": _("Enter the date the contact was received"),
            "future": _("Date received must be today or in the past"),
        },
    )
    received_time = forms.TimeField(
        label=_("Time received"),
        help_text=_("For example, 14:30 or 2:30pm"),
        input_formats=TIME_FORMATS,
        widget=forms.TextInput(attrs={"width": "5"}),
        error_messages={
            "required": _("Enter the time the contact was received"),
            "invalid": _("Enter a real time, for example 14:30 or 2:30pm"),
        },
    )
    channel = forms.ChoiceField(
        label=_("How did the contact come in?"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the contact came in")},
    )
    source = forms.ChoiceField(
        label=_("Who made the contact?"),
        choices=[("", _("Select the source"))] + Source.choices,
        error_messages={"required": _("Select who made the contact")},
    )
    referrer_name = forms.CharField(label=_("Referrer’s name"), required=False, max_length=160)
    referrer_organisation = forms.CharField(label=_("Organisation"), required=False, max_length=160)
    referrer_role = forms.CharField(label=_("Referrer’s role"), required=False, max_length=120)
    referrer_phone = forms.CharField(label=_("Telephone"), required=False, max_length=40)
    referrer_email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages={"invalid": _("Enter an email address like name@example.com")},
    )
    referrer_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    referrer_language = forms.ChoiceField(
        label=_("Which language does the referrer want feedback in?"),
        choices=Language.choices,
        initial=Language.ENGLISH,
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": _("Select the language for feedback")},
    )
    concerns = forms.CharField(
        label=_("Concerns in the referrer’s words"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter the concerns in the referrer’s words")},
    )
    concern_categories = forms.MultipleChoiceField(
        label=_("Kinds of concern"),
        choices=ConcernCategory.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"small": True}),
        required=False,
    )
    child_said = forms.CharField(
        label=_("What the child has said, if known"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.ChoiceField(
        label=_("Consent to share information"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether consent was obtained")},
    )
    consent_reason = forms.CharField(
        label=_("Why consent was not obtained or not sought"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the urgency")},
    )
    unidentified_reason = forms.CharField(
        label=_("Why is the child not yet identified?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, child_identified: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if child_identified:
            del self.fields["unidentified_reason"]
        else:
            self.fields["unidentified_reason"].required = True
            self.fields["unidentified_reason"].error_messages["required"] = _(
                "Enter why the child is not yet identified"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.get("received_on"), data.get("received_time")
        if day and time:
            received = timezone.make_aware(dt.datetime.combine(day, time))
            if received > timezone.now():
                self.add_error("received_time", _("Time received must be now or in the past"))
            data["received_at"] = received
        if data.get("consent") and data["consent"] != Consent.OBTAINED:
            if not (data.get("consent_reason") or "").strip():
                self.add_error(
                    "consent_reason", _("Enter why consent was not obtained or not sought")
                )
        return data

    def details(self) -> ContactDetails:
        data = self.cleaned_data
        return ContactDetails(
            received_at=data["received_at"],
            channel=data["channel"],
            source=data["source"],
            concerns=data["concerns"],
            concern_categories=list(data["concern_categories"]),
            child_said=data["child_said"],
            consent=data["consent"],
            consent_reason=data["consent_reason"],
            urgency=data["urgency"],
            referrer_name=data["referrer_name"],
            referrer_organisation=data["referrer_organisation"],
            referrer_role=data["referrer_role"],
            referrer_phone=data["referrer_phone"],
            referrer_email=data["referrer_email"],
            referrer_address=data["referrer_address"],
            referrer_language=data["referrer_language"],
        )


# What a person can be to another on a contact (what `related` is to `person`), by who they are.
ADULT_TO_CHILD = (
    RelationshipKind.PARENT,
    RelationshipKind.STEP_PARENT,
    RelationshipKind.GRANDPARENT,
    RelationshipKind.AUNT_OR_UNCLE,
    RelationshipKind.FOSTER_CARER,
    RelationshipKind.FRIEND_OR_NEIGHBOUR,
    RelationshipKind.OTHER,
)
CHILD_TO_CHILD = (RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING, RelationshipKind.OTHER)
ADULT_TO_ADULT = (
    RelationshipKind.PARTNER,
    RelationshipKind.PARENT,
    RelationshipKind.CHILD,
    RelationshipKind.SIBLING,
    RelationshipKind.OTHER,
)


@dataclass
class FamilyPair:
    person: Any
    related: Any
    kinds: tuple[str, ...]
    recorded: str = ""  # what `related` is already recorded as, if anything


def family_pairs(
    children: list[Any], adults: list[Any], recorded: dict[tuple[Any, Any], str]
) -> list[FamilyPair]:
    """Every pair of people on the contact: each adult to each child, children to each other,
    adults to each other."""
    pairs = [FamilyPair(c, a, ADULT_TO_CHILD) for c in children for a in adults]
    pairs += [
        FamilyPair(c, d, CHILD_TO_CHILD) for i, c in enumerate(children) for d in children[i + 1 :]
    ]
    pairs += [
        FamilyPair(a, b, ADULT_TO_ADULT) for i, a in enumerate(adults) for b in adults[i + 1 :]
    ]
    for pair in pairs:
        key = (pair.person.pk, pair.related.pk)
        pair.recorded = recorded.get(key, "") or (
            str(_("Already linked")) if (key[1], key[0]) in recorded else ""
        )
    return pairs


class FamilyForm(GovForm):
    """How the people on a contact are related, chosen by the worker: one question per pair not
    already linked. Each answer is recorded both ways (parent and child, siblings)."""

    def __init__(self, *args: Any, pairs: list[FamilyPair], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "family")
        super().__init__(*args, **kwargs)
        self.pairs = pairs
        self.recorded = [p for p in pairs if p.recorded]
        self.asked: dict[str, FamilyPair] = {}
        for index, pair in enumerate(pairs):
            if pair.recorded:
                continue
            name = f"pair_{index}"
            self.asked[name] = pair
            self.fields[name] = forms.ChoiceField(
                label=_("What is %(related)s to %(person)s?")
                % {"related": pair.related.full_name, "person": pair.person.full_name},
                choices=[("", _("Not related, or not known yet"))]
                + [(k, RelationshipKind(k).label) for k in pair.kinds],
                required=False,
            )

    def links(self) -> list[FamilyLink]:
        return [
            FamilyLink(person=pair.person, related=pair.related, kind=self.cleaned_data[name])
            for name, pair in self.asked.items()
            if self.cleaned_data.get(name)
        ]


class AddPersonForm(GovForm):
    person = forms.UUIDField(widget=forms.HiddenInput)
    role = forms.ChoiceField(
        choices=[("child", _("Child")), ("adult", _("Adult"))], widget=forms.HiddenInput
    )


class ConfirmationForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    received_on = GovDateField(
        label=_("Date the written confirmation arrived"),
        allow_future=False,
        error_messages={"required": _("Enter the date the written confirmation arrived")},
    )


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}: {obj.summary}" if obj.summary else str(obj.name)


class DescriptorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.level.name}: {obj.text}"


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.provider})"


class DecisionForm(OnceForm):
    level = LevelChoiceField(
        label=_("Threshold level"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Select the threshold level")},
    )
    descriptors = DescriptorChoiceField(
        label=_("Descriptors relied on"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple(attrs={"small": True}),
        required=False,
        help_text=_("Select the descriptors of the chosen level that this decision rests on."),
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"),
        help_text=_("Include how the child’s history was weighed."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter the reasons for the decision")},
    )
    corroboration = forms.CharField(
        label=_("Corroboration sought"),
        help_text=_("Who else was asked (school, health, police), not only the parent’s account."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter what corroboration was sought, beyond the parent’s account")
        },
    )
    child_perspective = forms.CharField(
        label=_("The child’s perspective"),
        help_text=_("What the child wants and feels, or why it could not be sought."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter the child’s perspective, or why it could not be sought")
        },
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome")},
    )
    what_matters = forms.CharField(
        label=_("Information and advice: the ‘what matters’ conversation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    services = ServiceChoiceField(
        label=_("Signposting: services from the directory"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple(attrs={"small": True}),
        required=False,
        help_text=_("Services whose funding has ended are not listed."),
    )
    early_help_team = NamedChoiceField(
        label=_("Early help: the team referred to"),
        queryset=None,
        required=False,
        empty_label=_("Select a team"),
    )
    involvement_team = NamedChoiceField(
        label=_("Assessment or strategy discussion: the team that will do the work"),
        queryset=None,
        required=False,
        empty_label=_("Select a team"),
    )
    involvement_reason = forms.ChoiceField(
        label=_("Assessment or strategy discussion: the reason for involvement"),
        choices=[("", _("Select a reason")), *InvolvementReason.choices],
        required=False,
    )
    family_told = forms.CharField(
        label=_("No further action: what the family was told and advised"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        levels: list[Any],
        services: Any,
        early_help_teams: Any,
        teams: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = ThresholdLevel.objects.filter(  # type: ignore[attr-defined]
            pk__in=[level.pk for level in levels]
        ).order_by("order")
        self.fields["descriptors"].queryset = (  # type: ignore[attr-defined]
            ThresholdDescriptor.objects.filter(level__in=[level.pk for level in levels])
            .select_related("level")
            .order_by("level__order", "order")
        )
        self.fields["services"].queryset = services  # type: ignore[attr-defined]
        self.fields["early_help_team"].queryset = early_help_teams  # type: ignore[attr-defined]
        self.fields["involvement_team"].queryset = teams  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in OUTCOME_REQUIRES.get(data.get("outcome", ""), ()):
            if name in self.fields and not data.get(name) and name not in self.errors:
                self.add_error(name, MISSING[name])
        return data

    def details(self) -> DecisionDetails:
        data = self.cleaned_data
        return DecisionDetails(
            level=data["level"],
            descriptors=list(data["descriptors"]),
            reasons=data["reasons"],
            corroboration=data["corroboration"],
            child_perspective=data["child_perspective"],
            outcome=data["outcome"],
            what_matters=data["what_matters"],
            services=list(data["services"]),
            early_help_team=data["early_help_team"],
            involvement_team=data["involvement_team"],
            involvement_reason=data["involvement_reason"],
            family_told=data["family_told"],
        )


class AuthoriseForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class FeedbackForm(OnceForm):
    method = forms.ChoiceField(
        label=_("How will it be sent?"),
        choices=FeedbackMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the message will be sent")},
    )


class DisagreementForm(GovForm):
    stage = forms.ChoiceField(
        label=_("What is happening?"),
        choices=DisagreementStage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what is happening")},
    )
    note = forms.CharField(
        label=_("What was said"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what was said")},
    )
    result = forms.ChoiceField(
        label=_("Result, if resolved"),
        choices=[("", _("Select the result")), *DisagreementResult.choices],
        required=False,
    )


class NotificationForm(OnceForm):
    kind = forms.ChoiceField(
        label=_("What is the notification about?"),
        choices=NotificationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the notification is about")},
    )
    from_council = forms.CharField(
        label=_("Council that sent it"),
        max_length=160,
        help_text=_("For example, Caerphilly County Borough Council"),
        error_messages={"required": _("Enter the council that sent it")},
    )
    their_contact = forms.CharField(
        label=_("Who sent it (name, role, telephone or email)"), required=False, max_length=200
    )
    their_reference = forms.CharField(label=_("Their reference"), required=False, max_length=80)
    received_on = GovDateField(
        label=_("Date received"),
        allow_future=False,
        help_text=_("For example, 27 3 2025"),
        error_messages={
            "required": _("Enter the date the notification was received"),
            "future": _("Date received must be today or in the past"),
        },
    )
    applies_from = GovDateField(
        label=_("Date it applies from (optional)"),
        required=False,
        help_text=_("The date the child was registered, placed or is moving, if they said"),
    )
    details = forms.CharField(
        label=_("What they told us"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plan, category of registration or legal status, where the child lives now"),
        error_messages={"required": _("Enter what the other council told us")},
    )

    def notification(self) -> NotificationDetails:
        data = self.cleaned_data
        return NotificationDetails(
            kind=data["kind"],
            from_council=data["from_council"],
            received_on=data["received_on"],
            details=data["details"],
            their_contact=data["their_contact"],
            their_reference=data["their_reference"],
            applies_from=data.get("applies_from"),
        )


class LevelForm(GovForm):
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=120,
        error_messages={"required": _("Enter the name in English")},
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=120,
        error_messages={"required": _("Enter the name in Welsh")},
    )
    summary_en = forms.CharField(
        label=_("Summary in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_cy = forms.CharField(
        label=_("Summary in Welsh"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    order = forms.IntegerField(
        label=_("Position in the framework"),
        min_value=0,
        max_value=999,
        help_text=_("Lower numbers come first, for example 10 for universal services"),
        error_messages={
            "required": _("Enter the position in the framework"),
            "invalid": _("Position must be a whole number"),
            "min_value": _("Position must be 0 or more"),
            "max_value": _("Position must be 999 or less"),
        },
    )
    requires_authorisation = forms.BooleanField(
        label=_("A manager must authorise decisions at this level"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def values(self) -> LevelValues:
        return LevelValues(**{k: v for k, v in self.cleaned_data.items() if k != "version"})


class DescriptorForm(GovForm):
    text_en = forms.CharField(
        label=_("Descriptor in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the descriptor in English")},
    )
    text_cy = forms.CharField(
        label=_("Descriptor in Welsh"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the descriptor in Welsh")},
    )
    order = forms.IntegerField(
        label=_("Position in the level"),
        min_value=0,
        max_value=999,
        initial=100,
        error_messages={
            "required": _("Enter the position in the level"),
            "invalid": _("Position must be a whole number"),
            "min_value": _("Position must be 0 or more"),
            "max_value": _("Position must be 999 or less"),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

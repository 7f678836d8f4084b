"""Forms for assessments: they parse and say what is wrong; services decide and write.

Section forms require nothing: a draft is saved as it stands on every "save and continue"
(and periodically by htmx). What an assessment needs before submission is checked by
`gofal.assessments.sections.submission_gaps`.
"""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gofal.assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentLanguage,
    AssessmentOutcome,
    EligibilityDomain,
    FlagKind,
    HistoryWeight,
    SharedWith,
    SharingMethod,
)
from gofal.assessments.sections import SECTIONS_BY_KEY
from gofal.ui.forms import GovDateField, GovForm

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


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


def _text(label: Any, hint: Any = "", rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class StartForm(GovForm):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("What kind of assessment is it?"),
        choices=AssessmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of assessment")},
    )
    started_on = GovDateField(
        label=_("Date the assessment started"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date the assessment started")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


class SectionForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    section_key = ""

    @classmethod
    def initial_from(cls, assessment: Assessment) -> dict[str, Any]:
        fields = SECTIONS_BY_KEY[cls.section_key].fields
        return {"version": assessment.version, **{n: getattr(assessment, n) for n in fields}}

    def values(self) -> dict[str, Any]:
        fields = SECTIONS_BY_KEY[self.section_key].fields
        return {name: self.cleaned_data[name] for name in fields}


class AboutForm(SectionForm):
    section_key = "about"
    kind = forms.ChoiceField(
        label=_("What kind of assessment is it?"),
        choices=AssessmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of assessment")},
    )
    language = forms.ChoiceField(
        label=_("Which language was the assessment done in?"),
        choices=AssessmentLanguage.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    active_offer_made = YesNoField(
        label=_("Was the active offer of Welsh made?"),
        help_text=_("The family were offered the assessment in Welsh without having to ask"),
    )


class ElementsForm(SectionForm):
    section_key = "elements"
    personal_circumstances = _text(
        _("Personal circumstances"),
        _("The child's life now: who they live with, school, health, what a day is like"),
    )
    personal_outcomes = _text(
        _("Personal outcomes"),
        _("What matters to the child and family: what they want to be different"),
    )
    barriers = _text(
        _("Barriers to achieving the outcomes"),
        _("What gets in the way, in plain words"),
    )
    risks = _text(
        _("Risks if the outcomes are not achieved"),
        _("What could happen to the child if nothing changes"),
    )
    strengths = _text(
        _("Strengths and capabilities"),
        _("What is going well, and who in the family and community can help"),
    )


class ChildForm(SectionForm):
    section_key = "child"
    child_seen = YesNoField(label=_("Was the child seen?"))
    child_seen_alone = YesNoField(label=_("Was the child seen alone?"))
    views_gathered_how = _text(
        _("How were the child's views gathered?"),
        _("For example: talking at school, drawing, a trusted adult, an advocate"),
        rows=3,
    )
    child_views = _text(
        _("The child's views, in their own words"),
        _("Write what the child said, as they said it. Avoid jargon."),
        rows=8,
    )
    views_not_obtained_reason = _text(
        _("If the child's views could not be obtained, why not?"),
        _("For example: a baby, or the child did not want to talk. Say what you tried."),
        rows=3,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("child_seen") is False and data.get("child_seen_alone"):
            self.add_error(
                "child_seen_alone", _("The child can only be seen alone if they were seen")
            )
        return data


class FamilyForm(SectionForm):
    section_key = "family"
    parents_views = _text(
        _("Parents' and carers' views"),
        _("What the parents and carers think, in their words, including where they disagree"),
        rows=8,
    )


class CarerForm(SectionForm):
    """A carer's or young carer's own needs, as the Act asks (SSWBA s.24)."""

    section_key = "carer"
    carer_name = forms.CharField(
        label=_("Who is the carer?"),
        help_text=_(
            "Their name, for example Gareth Jones, or the child's own name for a young carer"
        ),
        required=False,
        max_length=200,
    )
    cared_for = forms.CharField(
        label=_("Who do they care for, and what is their relationship?"),
        help_text=_("For example: Mam, who has multiple sclerosis"),
        required=False,
        max_length=200,
    )
    care_provided = _text(
        _("What care do they provide?"),
        _("What they do, how often, and for how long each day or week"),
        rows=4,
    )
    carer_needs = _text(
        _("The carer's needs for support"),
        _("What would help the carer, in their words"),
    )
    carer_willing = _text(
        _("How willing is the carer to provide care, and to go on providing it?"),
        rows=4,
    )
    carer_able = _text(
        _("How able is the carer to provide care, and to go on providing it?"),
        _("Their health, other responsibilities, and what would happen if they could not"),
        rows=4,
    )
    carer_outcomes = _text(
        _("What outcomes does the carer wish to achieve?"),
        _("What matters to the carer for their own life"),
        rows=4,
    )
    carer_work_learning_leisure = _text(
        _("Work, education, training and leisure"),
        _("What the carer does, or would like to do, outside caring"),
        rows=4,
    )
    young_carer_appropriate = _text(
        _("Young carers only: is it appropriate for the young carer to provide this care?"),
        _("Given their age, their own needs and their schooling"),
        rows=4,
    )


class HistoryForm(SectionForm):
    section_key = "history"
    history_summary = _text(
        _("Summary of the history"),
        _("What the history above tells you about the child now"),
    )
    history_weight = forms.ChoiceField(
        label=_("What weight do you give to the history?"),
        choices=HistoryWeight.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    history_weight_reason = _text(_("Why this weight?"), rows=3)


class AnalysisForm(SectionForm):
    section_key = "analysis"
    analysis = _text(
        _("Analysis"),
        _(
            "Bring it together: what the information means for the child, what you think is "
            "happening and why, and what needs to change. An assessment cannot be submitted "
            "without an analysis."
        ),
        rows=12,
    )


class EligibilityForm(SectionForm):
    section_key = "eligibility"
    need_arises_from_circumstances = YesNoField(
        label=_(
            "Does the need arise from ill-health, age, disability, dependence on alcohol or "
            "drugs or similar circumstances, or would it, unmet, harm the child's development?"
        ),
    )
    eligibility_domains = forms.MultipleChoiceField(
        label=_("Which domains does the need relate to?"),
        help_text=_("Select all that apply"),
        choices=EligibilityDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    family_cannot_meet_need = YesNoField(
        label=_(
            "Are the child and family unable to meet the need, alone, with others' support or "
            "with community services?"
        ),
        help_text=_(
            "Someone who can meet a need only with significant pain, distress or danger, or "
            "taking much longer than normal, counts as unable to meet it"
        ),
    )
    outcomes_unlikely_without_council = YesNoField(
        label=_(
            "Is the child unlikely to achieve their personal outcomes unless the council "
            "provides or arranges care and support?"
        ),
    )
    outcome = forms.ChoiceField(
        label=_("What is the outcome of the assessment?"),
        choices=AssessmentOutcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    outcome_detail = _text(
        _("Advice given and next steps"),
        _("Required when there is no further action: say what advice was given"),
        rows=4,
    )


SECTION_FORMS: dict[str, type[SectionForm]] = {
    form.section_key: form
    for form in (
        AboutForm,
        ElementsForm,
        ChildForm,
        FamilyForm,
        CarerForm,
        HistoryForm,
        AnalysisForm,
        EligibilityForm,
    )
}


class ReturnForm(GovForm):
    comment = forms.CharField(
        label=_("Your comments for the worker"),
        help_text=_("Say what needs to change before you can authorise it"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter your comments for the worker")},
    )


class AuthoriseForm(GovForm):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FlagForm(GovForm):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Which vulnerability or risky behaviour?"),
        choices=FlagKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the flag")},
    )
    started_on = GovDateField(
        label=_("From"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date it started")},
    )
    note = forms.CharField(
        label=_("What is it based on?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


class FlagEndForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    ended_on = GovDateField(
        label=_("Until"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date it ended")},
    )
    reason = forms.CharField(
        label=_("Why has it ended?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why the flag ended")},
    )


class SharingForm(GovForm):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    shared_on = GovDateField(
        label=_("Date shared"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date the assessment was shared")},
    )
    shared_with = forms.ChoiceField(
        label=_("Who was it shared with?"),
        choices=SharedWith.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who the assessment was shared with")},
    )
    name = forms.CharField(
        label=_("Their names, or the agency"),
        help_text=_("For example: Mam and Dad; or Ysgol Gynradd Aberdâr"),
        max_length=200,
        error_messages={"required": _("Enter the names of the people or the agency")},
    )
    method = forms.ChoiceField(
        label=_("How was it shared?"),
        choices=SharingMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the assessment was shared")},
    )
    language = forms.ChoiceField(
        label=_("Which language was it shared in?"),
        choices=AssessmentLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language it was shared in")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())

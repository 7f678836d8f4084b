"""Structured risk assessments: one model used by every area of practice.

A risk assessment is about one child, made in a context (an assessment of need, a child
protection enquiry, a missing episode, an exploitation screening, or on its own), optionally
linked to the record it was made for. It names the harms of concern, each with the evidence,
history, current picture, likelihood and severity, protective factors and the family's capacity
to change; an overall level with its rationale; actions to reduce the risk (what, who, by
when, status); who it was shared with; whether the young person took part and knows it exists;
and a review date.

Versions: every risk assessment belongs to a series (`series_id`) and has a number. A completed
version is never edited: reviewing it starts the next version as a draft copy, and when that
is completed the earlier one is marked reviewed. Only `gofal.risk.services` writes these rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned


class RiskContext(models.TextChoices):
    ASSESSMENT = "assessment", _("Assessment of need")
    CHILD_PROTECTION = "child_protection", _("Child protection enquiry")
    MISSING = "missing", _("Missing episode")
    EXPLOITATION = "exploitation", _("Exploitation screening")
    STANDALONE = "standalone", _("On its own")


class RiskStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETED = "completed", _("Completed")
    REVIEWED = "reviewed", _("Reviewed (replaced by a later version)")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class HarmKind(models.TextChoices):
    """Harms of concern. The first nine match the vulnerability flags (same codes)."""

    CSE = "cse", _("Child sexual exploitation")
    CCE = "cce", _("Child criminal exploitation")
    MISSING = "missing", _("Going missing")
    SELF_HARM = "self_harm", _("Self-harm")
    SUBSTANCE_MISUSE = "substance_misuse", _("Substance misuse")
    OFFENDING = "offending", _("Offending")
    HARMFUL_SEXUAL_BEHAVIOUR = "harmful_sexual_behaviour", _("Harmful sexual behaviour")
    RADICALISATION = "radicalisation", _("Radicalisation")
    TRAFFICKING = "trafficking", _("Trafficking")
    NEGLECT = "neglect", _("Neglect")
    PHYSICAL_ABUSE = "physical_abuse", _("Physical abuse")
    EMOTIONAL_ABUSE = "emotional_abuse", _("Emotional abuse")
    SEXUAL_ABUSE = "sexual_abuse", _("Sexual abuse")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse at home")
    ONLINE_HARM = "online_harm", _("Harm online")
    OTHER = "other", _("Another harm")


# Harms that can raise the vulnerability flag with the same code on the identity bar.
FLAG_HARMS = frozenset(
    {
        HarmKind.CSE,
        HarmKind.CCE,
        HarmKind.MISSING,
        HarmKind.SELF_HARM,
        HarmKind.SUBSTANCE_MISUSE,
        HarmKind.OFFENDING,
        HarmKind.HARMFUL_SEXUAL_BEHAVIOUR,
        HarmKind.RADICALISATION,
        HarmKind.TRAFFICKING,
    }
)


class Likelihood(models.TextChoices):
    """How likely the harm is in the coming months, on the evidence (ADR 8)."""

    UNLIKELY = "unlikely", _("Unlikely: no current indication it will happen")
    POSSIBLE = "possible", _("Possible: it could happen")
    LIKELY = "likely", _("Likely: it will probably happen without action")
    HAPPENING = "happening", _("Happening now or almost certain")


class Severity(models.TextChoices):
    """How serious the harm would be for this child if it happened (ADR 8)."""

    LOW = "low", _("Low: short-lived, the child recovers with ordinary support")
    MODERATE = "moderate", _("Moderate: lasting effect on health, development or safety")
    SERIOUS = "serious", _("Serious: significant harm")
    SEVERE = "severe", _("Severe: life-threatening or life-changing")


class Capacity(models.TextChoices):
    """The family's capacity to change what puts the child at risk."""

    GOOD = "good", _("Good: they accept the concern and are making changes")
    SOME = "some", _("Some: they accept some of it, or change is slow")
    LIMITED = "limited", _("Limited: little acceptance or change so far")
    NOT_KNOWN = "not_known", _("Not known yet")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")


class SharingMethod(models.TextChoices):
    MEETING = "meeting", _("At a meeting")
    SECURE_EMAIL = "secure_email", _("Secure email")
    PHONE = "phone", _("By telephone")
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("By post")


class RiskAssessment(AuthorityOwned):
    """One version of a risk assessment about a child."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    involvement = models.ForeignKey(
        "casework.Involvement", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    series_id = models.UUIDField(db_index=True)
    number = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    context = models.CharField(_("made for"), max_length=20, choices=RiskContext.choices)
    # The record it was made for, in another area (e.g. "assessments.assessment" and its id).
    linked_type = models.CharField(max_length=60, blank=True)
    linked_id = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12, choices=RiskStatus.choices, default=RiskStatus.DRAFT)
    overall_level = models.CharField(
        _("overall level of risk"), max_length=8, choices=RiskLevel.choices, blank=True
    )
    level_rationale = models.TextField(_("why this level"), blank=True)
    young_person_took_part = models.BooleanField(_("the young person took part"), null=True)
    participation = models.TextField(_("how they took part, or why not"), blank=True)
    young_person_knows = models.BooleanField(
        _("the young person knows this risk assessment exists"), null=True
    )
    review_on = models.DateField(_("review by"), null=True, blank=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started on"))
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-started_on", "-number"]
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        constraints = [
            models.UniqueConstraint(fields=["series_id", "number"], name="risk_version_unique"),
            models.UniqueConstraint(
                fields=["series_id"],
                condition=Q(status="draft"),
                name="risk_one_draft_per_series",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (
                    Q(completed_at__isnull=False)
                    & ~Q(overall_level="")
                    & ~Q(level_rationale="")
                    & Q(review_on__isnull=False)
                ),
                name="risk_completed_is_whole",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "-started_on"], name="risk_child_idx"),
            models.Index(fields=["authority", "status", "review_on"], name="risk_review_idx"),
            models.Index(fields=["linked_type", "linked_id"], name="risk_linked_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_context_display()} v{self.number} ({self.started_on:%Y-%m-%d})"

    @property
    def is_editable(self) -> bool:
        return self.status == RiskStatus.DRAFT

    @property
    def level_colour(self) -> str:
        return {"high": "red", "medium": "orange", "low": "green"}.get(self.overall_level, "grey")

    @property
    def status_colour(self) -> str:
        return {"draft": "grey", "completed": "blue", "reviewed": "green"}[self.status]


class Harm(AuthorityOwned):
    """One harm of concern in a risk assessment."""

    risk_assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.PROTECT, related_name="harms"
    )
    kind = models.CharField(_("harm"), max_length=32, choices=HarmKind.choices)
    described_as = models.CharField(_("in a few words"), max_length=200, blank=True)
    evidence = models.TextField(_("evidence"))
    history = models.TextField(_("history"), blank=True)
    current_picture = models.TextField(_("current picture"), blank=True)
    likelihood = models.CharField(_("likelihood"), max_length=12, choices=Likelihood.choices)
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices)
    protective_factors = models.TextField(_("protective factors"), blank=True)
    capacity_to_change = models.CharField(
        _("the family's capacity to change"), max_length=12, choices=Capacity.choices
    )
    capacity_detail = models.TextField(_("what shows it"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["risk_assessment", "order", "created_at"]
        verbose_name = _("harm of concern")
        verbose_name_plural = _("harms of concern")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}"

    @property
    def raises_flag(self) -> bool:
        return self.kind in FLAG_HARMS


class RiskAction(AuthorityOwned):
    """What will be done to reduce the risk, by whom (person or agency) and by when."""

    risk_assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.PROTECT, related_name="actions"
    )
    what = models.TextField(_("what will be done"))
    owner = models.CharField(_("who will do it (person or agency)"), max_length=200)
    due_on = models.DateField(_("by when"))
    status = models.CharField(
        _("progress"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["risk_assessment", "due_on", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(owner=""), name="risk_action_has_owner"),
        ]

    def __str__(self) -> str:
        return self.what[:60]


class RiskSharing(AuthorityOwned):
    """The risk assessment was shared with an agency: when and how."""

    risk_assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.PROTECT, related_name="sharings"
    )
    agency = models.CharField(_("agency or person"), max_length=200)
    shared_on = models.DateField(_("date shared"))
    method = models.CharField(_("how"), max_length=16, choices=SharingMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["risk_assessment", "-shared_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.agency} {self.shared_on}"

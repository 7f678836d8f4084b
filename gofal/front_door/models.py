"""The front door: contacts received about children, and the threshold decision on each.

A contact is a report or request received by the council's information, advice and
assistance service. Each child concerned gets the `referral-decision` clock from the moment
the contact was received; the threshold decision (against the council's framework, held as
data) meets it and starts what follows. Only `gofal.front_door.services` writes these rows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned, Bilingual


class Channel(models.TextChoices):
    PHONE = "phone", _("Telephone")
    EMAIL = "email", _("Email")
    ONLINE = "online", _("Online form")
    IN_PERSON = "in_person", _("In person")
    OUT_OF_HOURS = "out_of_hours", _("Out of hours")


class Source(models.TextChoices):
    POLICE = "police", _("Police")
    SCHOOL = "school", _("School")
    HEALTH_VISITOR = "health_visitor", _("Health visitor")
    GP = "gp", _("GP")
    HOSPITAL = "hospital", _("Hospital")
    HOUSING = "housing", _("Housing")
    PROBATION = "probation", _("Probation")
    FAMILY = "family", _("Family member")
    PUBLIC = "public", _("Member of the public")
    CHILD = "child", _("The child")
    OTHER_COUNCIL = "other_council", _("Another council")
    ANONYMOUS = "anonymous", _("Anonymous")
    OTHER = "other", _("Other")


# Reports from these sources are from practitioners: they get written feedback, and a report
# by telephone expects the referrer's written confirmation within 24 hours.
PROFESSIONAL_SOURCES = frozenset(
    {
        Source.POLICE,
        Source.SCHOOL,
        Source.HEALTH_VISITOR,
        Source.GP,
        Source.HOSPITAL,
        Source.HOUSING,
        Source.PROBATION,
        Source.OTHER_COUNCIL,
    }
)


class ConcernCategory(models.TextChoices):
    PHYSICAL_ABUSE = "physical_abuse", _("Physical abuse")
    SEXUAL_ABUSE = "sexual_abuse", _("Sexual abuse")
    EMOTIONAL_ABUSE = "emotional_abuse", _("Emotional abuse")
    NEGLECT = "neglect", _("Neglect")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
    PARENTAL_SUBSTANCE = "parental_substance", _("Parental drug or alcohol use")
    PARENTAL_MENTAL_HEALTH = "parental_mental_health", _("Parental mental health")
    CHILD_MENTAL_HEALTH = "child_mental_health", _("Child's mental health")
    EXPLOITATION = "exploitation", _("Exploitation")
    MISSING = "missing", _("Missing from home or school")
    DISABILITY = "disability", _("Disability or illness")
    BEHAVIOUR = "behaviour", _("Behaviour")
    HOUSING = "housing", _("Housing or money")
    OTHER = "other", _("Other")


class Consent(models.TextChoices):
    OBTAINED = "obtained", _("Consent obtained")
    NOT_OBTAINED = "not_obtained", _("Consent sought but not obtained")
    NOT_SOUGHT = "not_sought", _("Not sought: seeking it would put a child at risk")


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate: a child may be at risk of significant harm now")
    TODAY = "today", _("Today")
    ROUTINE = "routine", _("Routine")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    WELSH = "cy", _("Welsh")


class Contact(AuthorityOwned):
    """A report or request about one or more children, as the referrer gave it."""

    received_at = models.DateTimeField(_("received"))
    channel = models.CharField(_("how it came in"), max_length=16, choices=Channel.choices)
    source = models.CharField(_("who made it"), max_length=16, choices=Source.choices)
    referrer_name = models.CharField(_("referrer’s name"), max_length=160, blank=True)
    referrer_organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    referrer_role = models.CharField(_("referrer’s role"), max_length=120, blank=True)
    referrer_phone = models.CharField(_("telephone"), max_length=40, blank=True)
    referrer_email = models.EmailField(_("email"), blank=True)
    referrer_address = models.TextField(_("postal address"), blank=True)
    referrer_language = models.CharField(
        _("language for letters to the referrer"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
    )
    concerns = models.TextField(_("concerns in the referrer’s words"))
    concern_categories = models.JSONField(_("kinds of concern"), default=list)
    child_said = models.TextField(_("what the child has said"), blank=True)
    consent = models.CharField(_("consent to share"), max_length=16, choices=Consent.choices)
    consent_reason = models.TextField(_("why consent was not obtained or sought"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices)
    team = models.ForeignKey(
        "authorities.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unidentified_reason = models.TextField(
        _("why the child is not yet identified"),
        blank=True,
        help_text="Set when the contact was recorded with no child; kept once one is added.",
    )
    child_identified_at = models.DateTimeField(null=True, blank=True)
    confirmation_due_at = models.DateTimeField(_("written confirmation due"), null=True, blank=True)
    confirmation_received_at = models.DateTimeField(
        _("written confirmation received"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent="obtained") | ~Q(consent_reason=""),
                name="contact_consent_reason_given",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "-received_at"], name="contact_received_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} ({self.received_at:%Y-%m-%d %H:%M})"

    @property
    def is_professional(self) -> bool:
        return self.source in PROFESSIONAL_SOURCES


class PersonRole(models.TextChoices):
    CHILD = "child", _("Child")
    ADULT = "adult", _("Adult")


class ContactPerson(AuthorityOwned):
    """A child or adult a contact is about. Each child's decision clock is kept on the row."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="persons")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=8, choices=PersonRole.choices)
    decision_deadline = models.ForeignKey(
        "timescales.Deadline", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "person"], name="contact_person_once"),
        ]
        indexes = [models.Index(fields=["person", "role"], name="contact_person_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} ({self.role})"


class ThresholdLevel(Bilingual, models.Model):
    """A level of the council's threshold framework, such as early help or protection.

    Rows with no council are the default framework, used by any council that has not set its
    own. `requires_authorisation` means a manager must authorise a decision at this level.

    A level a decision relied on is never changed: editing it retires the row (`active` off)
    and adds a new one that `replaces` it, so each decision keeps the words it was made on.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    code = models.SlugField(max_length=40)
    name_en = models.CharField(_("name in English"), max_length=120)
    name_cy = models.CharField(_("name in Welsh"), max_length=120)
    summary_en = models.TextField(_("summary in English"), blank=True)
    summary_cy = models.TextField(_("summary in Welsh"), blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    requires_authorisation = models.BooleanField(
        _("a manager must authorise decisions at this level"), default=False
    )
    active = models.BooleanField(default=True)
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "code"],
                condition=Q(active=True),
                name="threshold_level_code_unique",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(authority__isnull=True, active=True),
                name="threshold_level_default_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localised("name")

    @property
    def summary(self) -> str:
        return self.localised("summary")


class ThresholdDescriptor(Bilingual, models.Model):
    """One descriptor of need at a level, which a decision can say it relied on.

    Retired rather than changed once a decision relied on it (see `ThresholdLevel`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    level = models.ForeignKey(ThresholdLevel, on_delete=models.PROTECT, related_name="descriptors")
    text_en = models.TextField(_("descriptor in English"))
    text_cy = models.TextField(_("descriptor in Welsh"))
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking

    class Meta:
        ordering = ["level", "order"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.localised("text")


class Outcome(models.TextChoices):
    ADVICE = "advice", _("Information and advice given")
    SIGNPOSTED = "signposted", _("Signposted to named services")
    EARLY_HELP = "early_help", _("Referred to early help")
    ASSESSMENT = "assessment", _("Assessment of the child’s needs")
    STRATEGY_DISCUSSION = "strategy_discussion", _("Strategy discussion")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")


# What each outcome must record besides the level and reasons (a data table, checked by the
# decision service): field name -> the error message shown when it is missing.
OUTCOME_REQUIRES: dict[str, tuple[str, ...]] = {
    Outcome.ADVICE: ("what_matters",),
    Outcome.SIGNPOSTED: ("services",),
    Outcome.EARLY_HELP: ("early_help_team",),
    Outcome.ASSESSMENT: ("involvement_team", "involvement_reason"),
    Outcome.STRATEGY_DISCUSSION: ("involvement_team", "involvement_reason"),
    Outcome.NO_FURTHER_ACTION: ("family_told",),
}
OPENS_INVOLVEMENT = frozenset({Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION})


class ThresholdDecision(AuthorityOwned):
    """What the front door decided about a contact, against which level, and why."""

    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="decision")
    level = models.ForeignKey(ThresholdLevel, on_delete=models.PROTECT, related_name="+")
    descriptors = models.ManyToManyField(ThresholdDescriptor, blank=True, related_name="+")
    reasons = models.TextField(_("reasons for the decision"))
    corroboration = models.TextField(_("corroboration sought"))
    child_perspective = models.TextField(_("the child’s perspective"))
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices)
    what_matters = models.TextField(_("the ‘what matters’ conversation"), blank=True)
    services = models.ManyToManyField("early_help.Service", blank=True, related_name="+")
    early_help_team = models.ForeignKey(
        "authorities.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    involvement_team = models.ForeignKey(
        "authorities.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    involvement_reason = models.CharField(max_length=32, blank=True)
    family_told = models.TextField(_("what the family was told and advised"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorised_at = models.DateTimeField(_("authorised"), null=True, blank=True)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("threshold decision")
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="threshold_decision_has_reasons"),
        ]
        indexes = [
            models.Index(fields=["authority", "decided_at"], name="decision_decided_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.decided_at:%Y-%m-%d})"

    @property
    def awaiting_authorisation(self) -> bool:
        return self.level.requires_authorisation and self.authorised_at is None


# ---------------------------------------------------------------------------------------------
# Feedback to the referrer


class FeedbackKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    OUTCOME = "outcome", _("Outcome")


class FeedbackMethod(models.TextChoices):
    EMAIL = "email", _("Email")
    PRINT = "print", _("Printed letter")


class Feedback(AuthorityOwned):
    """A message to the referrer, as it was produced and sent. Never changed once sent."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="feedback")
    kind = models.CharField(_("kind of message"), max_length=16, choices=FeedbackKind.choices)
    method = models.CharField(_("sent by"), max_length=8, choices=FeedbackMethod.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    recipient = models.TextField(_("sent to"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"))
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["sent_at"]
        verbose_name = _("feedback to the referrer")
        constraints = [
            models.UniqueConstraint(fields=["contact", "kind"], name="feedback_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.sent_at:%Y-%m-%d})"


class DisagreementStage(models.TextChoices):
    RAISED = "raised", _("Disagreement raised")
    LINE_MANAGER = "line_manager", _("Escalated to the line manager")
    SENIOR_MANAGER = "senior_manager", _("Escalated to the senior manager")
    RESOLVED = "resolved", _("Resolved")


class DisagreementResult(models.TextChoices):
    UPHELD = "upheld", _("Decision upheld")
    CHANGED = "changed", _("Decision changed")
    WITHDRAWN = "withdrawn", _("Referrer withdrew the disagreement")


class DisagreementStep(AuthorityOwned):
    """One step of a referrer's disagreement with a decision: raised, escalated, resolved.

    Steps are appended; the current stage is the latest step."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="disagreement")
    stage = models.CharField(_("stage"), max_length=16, choices=DisagreementStage.choices)
    note = models.TextField(_("what was said"))
    result = models.CharField(
        _("result"), max_length=16, choices=DisagreementResult.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["recorded_at", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "stage"], name="disagreement_stage_once"),
            models.CheckConstraint(
                condition=~Q(stage="resolved") | ~Q(result=""),
                name="disagreement_resolved_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} ({self.recorded_at:%Y-%m-%d})"


# ---------------------------------------------------------------------------------------------
# Notifications from other councils


class NotificationKind(models.TextChoices):
    REGISTER_MOVE_IN = (
        "register_move_in",
        _("Child on another council’s child protection register moving into this area"),
    )
    LOOKED_AFTER_PLACED = (
        "looked_after_placed",
        _("Child looked after by another council placed in this area"),
    )
    TRANSFER_IN = "transfer_in", _("Transfer in: another council is passing on the child’s case")
    CONCERN = "concern", _("Concern about a child who lives in this area")
    OTHER = "other", _("Other notification")


# Which status a notification of each kind speaks to (gofal.casework.statuses topics).
NOTIFICATION_TOPIC = {
    NotificationKind.REGISTER_MOVE_IN: "register",
    NotificationKind.LOOKED_AFTER_PLACED: "looked_after",
}


class CouncilNotification(AuthorityOwned):
    """A notification about a child received from another council, recorded on receipt.

    `authority` is the council that received it; `from_council` names the one that sent it (it
    may not use Gofal). Never changed once recorded: a later notification is another row.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("what it is about"), max_length=24, choices=NotificationKind.choices)
    from_council = models.CharField(_("council that sent it"), max_length=160)
    their_contact = models.CharField(_("who sent it"), max_length=200, blank=True)
    their_reference = models.CharField(_("their reference"), max_length=80, blank=True)
    received_on = models.DateField(_("received"))
    applies_from = models.DateField(
        _("date it applies from"),
        null=True,
        blank=True,
        help_text="Registered, placed or moving on this date, as the other council said.",
    )
    details = models.TextField(_("what they told us"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-received_on", "-recorded_at"]
        verbose_name = _("notification from another council")
        verbose_name_plural = _("notifications from other councils")
        constraints = [
            models.CheckConstraint(condition=~Q(from_council=""), name="notification_has_sender"),
            models.CheckConstraint(condition=~Q(details=""), name="notification_has_details"),
        ]
        indexes = [models.Index(fields=["child", "-received_on"], name="notification_child_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.from_council}, {self.received_on:%Y-%m-%d})"

    @property
    def topic(self) -> str | None:
        return NOTIFICATION_TOPIC.get(NotificationKind(self.kind))

"""Care and support plans built from an authorised assessment's personal outcomes.

A plan holds the outcomes it works towards, the actions that serve each outcome (what, who,
by when, why it matters, what happens if it is not done), the family's and the child's own
contributions and whether they agree (in their words), a contingency plan, and a record of
every time it was shared. Each authorisation keeps a numbered version of the whole plan.
Only `gofal.planning.services` writes these rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AUTHORISED = "authorised", _("Authorised")
    ENDED = "ended", _("Ended")


class EndReason(models.TextChoices):
    NEEDS_MET = "needs_met", _("The outcomes were achieved: care and support no longer needed")
    NOT_ELIGIBLE = "not_eligible", _("The child's needs are no longer eligible")
    CHILD_PROTECTION = "child_protection", _("A child protection plan replaces it")
    LOOKED_AFTER = "looked_after", _("The child became looked after: their care plan replaces it")
    STEPPED_DOWN = "stepped_down", _("Stepped down to early help")
    MOVED_AWAY = "moved_away", _("The family moved to another council's area")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The family no longer wish to receive support")
    CASE_CLOSED = "case_closed", _("The council's involvement ended")
    OTHER = "other", _("Another reason")


class Agreement(models.TextChoices):
    AGREES = "agrees", _("Agrees")
    PARTLY = "partly", _("Agrees with some of it")
    DISAGREES = "disagrees", _("Does not agree")
    NOT_ASKED = "not_asked", _("Could not be asked")


class PlanLanguage(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")


class SharingMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Given in person and talked through")
    POST = "post", _("Sent by post")
    EMAIL = "email", _("Sent by email")
    MEETING = "meeting", _("At a meeting")


class CareAndSupportPlan(AuthorityOwned):
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="+"
    )
    involvement = models.ForeignKey(
        "casework.Involvement", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    eligible_needs = models.TextField(_("eligible needs"), blank=True)
    family_contribution = models.TextField(_("what the family will do"), blank=True)
    family_agreement = models.CharField(
        _("does the family agree?"), max_length=12, choices=Agreement.choices, blank=True
    )
    family_words = models.TextField(_("the family's views, in their words"), blank=True)
    child_contribution = models.TextField(_("what the child will do"), blank=True)
    child_agreement = models.CharField(
        _("does the child agree?"), max_length=12, choices=Agreement.choices, blank=True
    )
    child_words = models.TextField(_("the child's views, in their words"), blank=True)
    contingency = models.TextField(_("contingency plan"), blank=True)
    language = models.CharField(
        _("language of the plan"), max_length=2, choices=PlanLanguage.choices
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    ended_on = models.DateField(_("date the plan ended"), null=True, blank=True)
    end_reason = models.CharField(
        _("why the plan ended"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_detail = models.TextField(_("what happens next"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("care and support plan")
        verbose_name_plural = _("care and support plans")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment"],
                condition=~Q(status="ended"),
                name="plan_one_live_per_assessment",
            )
        ]
        indexes = [models.Index(fields=["child", "-created_at"], name="plan_child_idx")]

    def __str__(self) -> str:
        return f"{self.child_id} plan ({self.created_at:%Y-%m-%d})"

    @property
    def is_editable(self) -> bool:
        return self.status != PlanStatus.ENDED


class PlanOutcome(AuthorityOwned):
    """A personal outcome the plan works towards, in the family's words."""

    plan = models.ForeignKey(CareAndSupportPlan, on_delete=models.PROTECT, related_name="outcomes")
    text = models.TextField(_("personal outcome"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class PlanAction(AuthorityOwned):
    """What will be done, by whom and by when, for which outcome, and why it matters."""

    plan = models.ForeignKey(CareAndSupportPlan, on_delete=models.PROTECT, related_name="actions")
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="actions")
    what = models.TextField(_("what will be done"))
    who = models.CharField(_("who will do it (person or agency)"), max_length=200)
    due_on = models.DateField(_("by when"))
    why = models.TextField(_("why it matters"))
    if_not_done = models.TextField(_("what happens if it is not done"))

    class Meta:
        ordering = ["plan", "due_on", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(who=""), name="plan_action_has_owner"),
        ]

    def __str__(self) -> str:
        return self.what[:60]


class PlanSharing(AuthorityOwned):
    """The plan was shared with the family: when, how, with whom and in which language."""

    plan = models.ForeignKey(CareAndSupportPlan, on_delete=models.PROTECT, related_name="sharings")
    shared_on = models.DateField(_("date shared"))
    shared_with = models.CharField(_("shared with"), max_length=200)
    method = models.CharField(_("how"), max_length=12, choices=SharingMethod.choices)
    language = models.CharField(_("language"), max_length=2, choices=PlanLanguage.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["plan", "-shared_on"]

    def __str__(self) -> str:
        return f"{self.plan_id} shared {self.shared_on}"


class PlanVersion(AuthorityOwned):
    """The whole plan as authorised: numbered, never changed."""

    plan = models.ForeignKey(CareAndSupportPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    authorised_at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"


class AgreementDecision(models.TextChoices):
    CONTINUE = "continue", _("Appropriate: it may continue")
    END = "end", _("End it: it is not needed")
    CHILD_PROTECTION = "child_protection", _("Follow child protection procedures instead")


class WrittenAgreement(AuthorityOwned):
    """A written agreement with a family ("contract of expectations"), linked to a plan.

    Every active one is listed for a head of service to review until it has been reviewed.
    """

    plan = models.ForeignKey(
        CareAndSupportPlan, on_delete=models.PROTECT, related_name="agreements"
    )
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("authorities.Team", on_delete=models.PROTECT, related_name="+")
    made_on = models.DateField(_("date agreed"))
    agreed_with = models.CharField(_("agreed with"), max_length=200)
    expectations = models.TextField(_("what is agreed"))
    why_not_child_protection = models.TextField(_("why child protection procedures are not needed"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-made_on"]
        verbose_name = _("written agreement")
        verbose_name_plural = _("written agreements")
        indexes = [models.Index(fields=["authority", "ended_on"], name="agreement_open_idx")]

    def __str__(self) -> str:
        return f"{self.child_id} agreement ({self.made_on:%Y-%m-%d})"


class WrittenAgreementReview(AuthorityOwned):
    """A head of service's decision on a written agreement. Appended, never changed."""

    agreement = models.ForeignKey(
        WrittenAgreement, on_delete=models.PROTECT, related_name="reviews"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=AgreementDecision.choices)
    note = models.TextField(_("reasons"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["agreement", "-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.decision}"


class Progress(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved or done")
    PROGRESSING = "progressing", _("Making progress")
    NO_PROGRESS = "no_progress", _("No progress")
    NOT_NEEDED = "not_needed", _("No longer needed")


class PlanReview(AuthorityOwned):
    """A review of the plan: when, who came, progress on each outcome and action, what changed.

    It meets the plan's review clock (`care-support-plan-review`), which starts again from it.
    A review that changes the plan sends it back for a manager to authorise a new version.
    """

    plan = models.ForeignKey(CareAndSupportPlan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField(_("date of the review"))
    attended = models.TextField(_("who attended"))
    views = models.TextField(_("the child's and family's views at the review"), blank=True)
    plan_changed = models.BooleanField(_("the plan was changed at this review"), default=False)
    changes = models.TextField(_("changes made to the plan"), blank=True)
    version_reviewed = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["plan", "-held_on", "-created_at"]
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")

    def __str__(self) -> str:
        return f"{self.plan_id} reviewed {self.held_on}"


class PlanReviewProgress(AuthorityOwned):
    """Progress on one outcome or one action of the plan, as found at a review."""

    review = models.ForeignKey(PlanReview, on_delete=models.PROTECT, related_name="progress")
    outcome = models.ForeignKey(
        PlanOutcome, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        PlanAction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    progress = models.CharField(_("progress"), max_length=12, choices=Progress.choices)
    note = models.TextField(_("what has happened"), blank=True)

    class Meta:
        ordering = ["review", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__isnull=True, action__isnull=False)
                | Q(outcome__isnull=False, action__isnull=True),
                name="plan_review_progress_one_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review_id}: {self.progress}"

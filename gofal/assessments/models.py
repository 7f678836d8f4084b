"""Assessments of a child's needs: the five elements, the child's voice, history, analysis,
eligibility against the national criteria and the outcome, with a workflow of status rows.

Only `gofal.assessments.services` writes these rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned


class AssessmentKind(models.TextChoices):
    PROPORTIONATE = "proportionate", _("Proportionate assessment")
    FULL = "full", _("Full assessment")
    CARER = "carer", _("Carer's assessment")
    YOUNG_CARER = "young_carer", _("Young carer's assessment")


CARER_KINDS = frozenset({AssessmentKind.CARER, AssessmentKind.YOUNG_CARER})


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for authorisation")
    RETURNED = "returned", _("Returned by the manager")
    AUTHORISED = "authorised", _("Authorised")


class AssessmentLanguage(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")
    BILINGUAL = "bilingual", _("Welsh and English")
    OTHER = "other", _("Another language, with an interpreter")


class HistoryWeight(models.TextChoices):
    SIGNIFICANT = "significant", _("Significant: it shapes the decision")
    SOME = "some", _("Some: it is relevant but not decisive")
    LITTLE = "little", _("Little: things have changed since")
    NONE = "none", _("None: there is no relevant history")


class AssessmentOutcome(models.TextChoices):
    CARE_AND_SUPPORT_PLAN = "care_and_support_plan", _("Care and support plan")
    EARLY_HELP = "early_help", _("Early help")
    NO_FURTHER_ACTION = "no_further_action", _("No further action, with advice")


class EligibilityDomain(models.TextChoices):
    """The domains of a child's need in the national eligibility criteria (reg 4(1)(b))."""

    SELF_CARE_DOMESTIC = "self_care_domestic", _("Self-care or domestic routines")
    COMMUNICATION = "communication", _("Communication")
    PROTECTION_ABUSE_NEGLECT = "protection_abuse_neglect", _("Protection from abuse or neglect")
    WORK_EDUCATION_LEISURE = (
        "work_education_leisure",
        _("Involvement in work, education, learning or leisure"),
    )
    FAMILY_RELATIONSHIPS = (
        "family_relationships",
        _("Family or other significant personal relationships"),
    )
    SOCIAL_COMMUNITY = "social_community", _("Social relationships and community involvement")
    DEVELOPMENTAL_GOALS = "developmental_goals", _("Achieving developmental goals")


class Assessment(AuthorityOwned):
    """One assessment of a child's needs during an involvement.

    `status` is a cache of the latest `AssessmentStatusChange`, kept by the services only.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    involvement = models.ForeignKey(
        "casework.Involvement", on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.ForeignKey(
        "timescales.Deadline", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind of assessment"), max_length=20, choices=AssessmentKind.choices)
    started_on = models.DateField(_("started on"))
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    # Language and the active offer of Welsh
    language = models.CharField(
        _("language the assessment was done in"),
        max_length=12,
        choices=AssessmentLanguage.choices,
        blank=True,
    )
    active_offer_made = models.BooleanField(_("active offer of Welsh made"), null=True)
    # The five elements
    personal_circumstances = models.TextField(_("personal circumstances"), blank=True)
    personal_outcomes = models.TextField(_("personal outcomes"), blank=True)
    barriers = models.TextField(_("barriers to achieving the outcomes"), blank=True)
    risks = models.TextField(_("risks if the outcomes are not achieved"), blank=True)
    strengths = models.TextField(_("strengths and capabilities"), blank=True)
    # The child's views
    child_seen = models.BooleanField(_("child seen"), null=True)
    child_seen_alone = models.BooleanField(_("child seen alone"), null=True)
    views_gathered_how = models.TextField(_("how the child's views were gathered"), blank=True)
    child_views = models.TextField(_("the child's views, in their own words"), blank=True)
    views_not_obtained_reason = models.TextField(
        _("why the child's views could not be obtained"), blank=True
    )
    parents_views = models.TextField(_("parents' and carers' views"), blank=True)
    # A carer's or young carer's assessment (SSWBA s.24): the carer's own needs
    carer_name = models.CharField(_("the carer"), max_length=200, blank=True)
    cared_for = models.CharField(
        _("who they care for, and their relationship"), max_length=200, blank=True
    )
    care_provided = models.TextField(_("the care they provide"), blank=True)
    carer_needs = models.TextField(_("the carer's needs for support"), blank=True)
    carer_willing = models.TextField(
        _("how willing the carer is to provide care and to go on providing it"), blank=True
    )
    carer_able = models.TextField(
        _("how able the carer is to provide care and to go on providing it"), blank=True
    )
    carer_outcomes = models.TextField(_("the outcomes the carer wishes to achieve"), blank=True)
    carer_work_learning_leisure = models.TextField(
        _("work, education, training and leisure the carer takes part in or wishes to"),
        blank=True,
    )
    young_carer_appropriate = models.TextField(
        _("whether it is appropriate for the young carer to provide this care"), blank=True
    )
    # History and its weight
    history_summary = models.TextField(_("summary of the history"), blank=True)
    history_weight = models.CharField(
        _("weight given to the history"), max_length=12, choices=HistoryWeight.choices, blank=True
    )
    history_weight_reason = models.TextField(_("why this weight"), blank=True)
    history_considered = models.JSONField(default=list, blank=True)
    # Analysis, eligibility, outcome
    analysis = models.TextField(_("analysis"), blank=True)
    need_arises_from_circumstances = models.BooleanField(
        _("the need arises from the child's circumstances or affects their development"),
        null=True,
    )
    eligibility_domains = models.JSONField(
        _("domains the need relates to"), default=list, blank=True
    )
    family_cannot_meet_need = models.BooleanField(
        _("the child and family cannot meet the need, even with support"), null=True
    )
    outcomes_unlikely_without_council = models.BooleanField(
        _("personal outcomes unlikely without care and support from the council"), null=True
    )
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=AssessmentOutcome.choices, blank=True
    )
    outcome_detail = models.TextField(_("advice given and next steps"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-started_on", "-created_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(child_seen_alone__isnull=True)
                | Q(child_seen_alone=False)
                | Q(child_seen=True),
                name="assessment_seen_alone_only_if_seen",
            ),
            models.CheckConstraint(
                condition=~Q(status="authorised") | Q(authorised_at__isnull=False),
                name="assessment_authorised_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "-started_on"], name="assessment_child_idx"),
            models.Index(fields=["authority", "status"], name="assessment_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.started_on:%Y-%m-%d})"

    @property
    def is_editable(self) -> bool:
        return self.status in (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)

    @property
    def is_carers(self) -> bool:
        return self.kind in CARER_KINDS

    @property
    def status_colour(self) -> str:
        """The GOV.UK tag colour for the status."""
        return {
            AssessmentStatus.DRAFT: "grey",
            AssessmentStatus.SUBMITTED: "blue",
            AssessmentStatus.RETURNED: "orange",
            AssessmentStatus.AUTHORISED: "green",
        }[AssessmentStatus(self.status)]

    @property
    def eligible(self) -> bool | None:
        """All four tests of the national criteria met (None until every test is answered)."""
        tests = [
            self.need_arises_from_circumstances,
            self.family_cannot_meet_need,
            self.outcomes_unlikely_without_council,
        ]
        if any(test is None for test in tests):
            return None
        return all(tests) and bool(self.eligibility_domains)

    def domain_labels(self) -> list[str]:
        labels = dict(EligibilityDomain.choices)
        return [str(labels[d]) for d in self.eligibility_domains if d in labels]


class AssessmentStatusChange(AuthorityOwned):
    """One step of an assessment's workflow, with who took it, when, and any comment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="statuses")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=AssessmentStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["assessment", "changed_at", "created_at"]
        indexes = [models.Index(fields=["child", "changed_at"], name="assessment_step_child_idx")]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.status}"


class FlagKind(models.TextChoices):
    """Vulnerabilities and risky behaviours shown on the identity bar while they are current."""

    CSE = "cse", _("Child sexual exploitation")
    CCE = "cce", _("Child criminal exploitation")
    MISSING = "missing", _("Missing")
    SELF_HARM = "self_harm", _("Self-harm")
    SUBSTANCE_MISUSE = "substance_misuse", _("Substance misuse")
    OFFENDING = "offending", _("Offending")
    HARMFUL_SEXUAL_BEHAVIOUR = "harmful_sexual_behaviour", _("Harmful sexual behaviour")
    RADICALISATION = "radicalisation", _("Radicalisation")
    TRAFFICKING = "trafficking", _("Trafficking")


class VulnerabilityFlag(AuthorityOwned):
    """A vulnerability or risky behaviour, from a start date until it is ended (a period)."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("flag"), max_length=32, choices=FlagKind.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("what it is based on"), blank=True)
    end_reason = models.TextField(_("why it ended"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("vulnerability flag")
        verbose_name_plural = _("vulnerability flags")
        constraints = [
            models.UniqueConstraint(
                fields=["child", "kind"],
                condition=Q(ended_on__isnull=True),
                name="flag_one_open_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="flag_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "ended_on"], name="flag_child_idx"),
            models.Index(fields=["authority", "kind", "ended_on"], name="flag_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.started_on:%Y-%m-%d})"


class SharedWith(models.TextChoices):
    FAMILY = "family", _("The family (parents or carers)")
    CHILD = "child", _("The child or young person")
    AGENCY = "agency", _("Another agency")


class SharingMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Given in person and talked through")
    POST = "post", _("Sent by post")
    EMAIL = "email", _("Sent by secure email")
    MEETING = "meeting", _("At a meeting")


class AssessmentSharing(AuthorityOwned):
    """The assessment was shared with the family, the child or an agency: when, how, language."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="sharings")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    shared_on = models.DateField(_("date shared"))
    shared_with = models.CharField(_("shared with"), max_length=12, choices=SharedWith.choices)
    name = models.CharField(_("name or agency"), max_length=200)
    method = models.CharField(_("how"), max_length=12, choices=SharingMethod.choices)
    language = models.CharField(_("language"), max_length=12, choices=AssessmentLanguage.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["assessment", "-shared_on", "-created_at"]
        verbose_name = _("sharing of an assessment")
        verbose_name_plural = _("sharings of assessments")

    def __str__(self) -> str:
        return f"{self.assessment_id} shared {self.shared_on}"

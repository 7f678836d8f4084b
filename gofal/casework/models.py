"""Casework: the council's involvement with a child, who is allocated, what was done and seen.

Every record here is a row of history: periods (involvement, allocation) have a start, an end
and a reason; case notes keep every revision; nothing is overwritten. Only
`gofal.casework.services` writes these rows.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned, Bilingual


class InvolvementReason(models.TextChoices):
    """Why the council is involved: the category of the child's main need."""

    ABUSE_OR_NEGLECT = "abuse_or_neglect", _("Abuse or neglect")
    DISABILITY = "disability", _("Child's disability or illness")
    PARENTAL_ILLNESS = "parental_illness", _("Parental illness or disability")
    ACUTE_STRESS = "acute_stress", _("Family in acute stress")
    FAMILY_DYSFUNCTION = "family_dysfunction", _("Family dysfunction")
    BEHAVIOUR = "behaviour", _("Socially unacceptable behaviour")
    LOW_INCOME = "low_income", _("Low income")
    ABSENT_PARENTING = "absent_parenting", _("Absent parenting")


class InvolvementEndReason(models.TextChoices):
    NEEDS_MET = "needs_met", _("Needs met: no further support from social services")
    STEPPED_DOWN = "stepped_down", _("Stepped down to early help or universal services")
    MOVED_AWAY = "moved_away", _("Moved to another council's area")
    ADULT_SERVICES = "adult_services", _("Transferred to adult services")
    DECLINED = "declined", _("Family declined support")
    NO_FURTHER_ACTION = "no_further_action", _("No further action after assessment")
    DIED = "died", _("Child died")
    OTHER = "other", _("Other reason")


class Involvement(AuthorityOwned):
    """A period of the council's involvement with a child. At most one open at a time."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="involvements"
    )
    team = models.ForeignKey(
        "authorities.Team", on_delete=models.PROTECT, related_name="involvements"
    )
    started_on = models.DateField(_("started on"))
    reason = models.CharField(
        _("reason for involvement"), max_length=32, choices=InvolvementReason.choices
    )
    reason_detail = models.TextField(_("more about the reason"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for ending"), max_length=32, choices=InvolvementEndReason.choices, blank=True
    )
    end_detail = models.TextField(_("more about the ending"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="involvement_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="involvement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""),
                name="involvement_end_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "ended_on"], name="involvement_team_idx"),
            models.Index(fields=["child", "-started_on"], name="involvement_child_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.started_on:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class AllocationChangeReason(Bilingual, models.Model):
    """Why a child's worker changed: a code list held as data (a global table).

    Based on England's reasons for a change of social worker (children in need census from
    2023-24). Mapping to return codes lives with the returns, not here.
    """

    code = models.SlugField(max_length=40, primary_key=True)
    label_en = models.CharField(_("label in English"), max_length=120)
    label_cy = models.CharField(_("label in Welsh"), max_length=120)
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("reason for a change of worker")
        verbose_name_plural = _("reasons for a change of worker")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.localised("label")


class Allocation(AuthorityOwned):
    """A worker allocated to a child during an involvement. At most one open per child.

    The first allocation of an involvement has no change reason; every later one records why
    the worker changed.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    involvement = models.ForeignKey(
        Involvement, on_delete=models.PROTECT, related_name="allocations"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("worker"),
    )
    team = models.ForeignKey("authorities.Team", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("allocated on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    reason = models.ForeignKey(
        AllocationChangeReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reason for the change"),
    )
    reason_detail = models.TextField(_("more about the reason"), blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="allocation_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="allocation_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["worker", "ended_on"], name="allocation_worker_idx"),
            models.Index(fields=["team", "ended_on"], name="allocation_team_idx"),
            # A team's changes of worker, newest first (team caseload): only changes carry a
            # reason, so the index holds a fraction of the allocations.
            models.Index(
                fields=["team", "-started_on"],
                condition=models.Q(reason__isnull=False),
                name="allocation_team_change_idx",
            ),
            models.Index(fields=["child", "-started_on"], name="allocation_child_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} ({self.started_on:%Y-%m-%d})"

    @property
    def is_change(self) -> bool:
        return self.reason_id is not None


class CaseNoteKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    OFFICE_VISIT = "office_visit", _("Office visit")
    PHONE_CALL = "phone_call", _("Phone call")
    MEETING = "meeting", _("Meeting")
    EMAIL_OR_LETTER = "email_or_letter", _("Email or letter")
    OTHER = "other", _("Other")


class CaseNote(AuthorityOwned):
    """What happened, when, whether the child was seen (and seen alone), in the worker's words.

    The row holds the current text; every version (the first included) is kept as a
    `CaseNoteRevision`, so an edit never loses what was there before.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of contact"), max_length=24, choices=CaseNoteKind.choices)
    occurred_at = models.DateTimeField(_("when it happened"))
    child_seen = models.BooleanField(_("child seen"), default=False)
    seen_alone = models.BooleanField(_("child seen alone"), default=False)
    narrative = models.TextField(_("what happened"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(null=True, blank=True)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(seen_alone=False) | Q(child_seen=True),
                name="case_note_seen_alone_only_if_seen",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "-occurred_at"], name="case_note_child_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurred_at:%Y-%m-%d})"


class CaseNoteRevision(AuthorityOwned):
    """One version of a case note, as saved. Appended on every save; never changed."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=24, choices=CaseNoteKind.choices)
    occurred_at = models.DateTimeField()
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField()
    narrative = models.TextField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["note", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["note", "number"], name="case_note_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.note_id} v{self.number}"


class DocumentKind(models.TextChoices):
    ASSESSMENT = "assessment", _("Assessment")
    PLAN = "plan", _("Plan")
    REPORT = "report", _("Report")
    LETTER = "letter", _("Letter")
    MINUTES = "minutes", _("Meeting minutes")
    COURT = "court", _("Court document")
    CONSENT = "consent", _("Consent form")
    PARTNER = "partner", _("From a partner agency")
    PHOTOGRAPH = "photograph", _("Photograph")
    OTHER = "other", _("Other")


class DocumentLanguage(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")
    BILINGUAL = "bilingual", _("Welsh and English")
    OTHER = "other", _("Another language")


def document_path(instance: "Document", filename: str) -> str:
    """Stored name: never the uploader's file name, which may say too much."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"documents/{instance.authority_id}/{instance.child_id}/{uuid.uuid4().hex}{suffix}"


class Document(AuthorityOwned):
    """A file on a child's record. Read only through the download view, which checks access."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of document"), max_length=24, choices=DocumentKind.choices)
    language = models.CharField(_("language"), max_length=16, choices=DocumentLanguage.choices)
    file = models.FileField(upload_to=document_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["child", "-created_at"], name="document_child_idx")]

    def __str__(self) -> str:
        return self.title


class SignificantEventKind(models.TextChoices):
    FAMILY_CHANGE = "family_change", _("Change in the family")
    HOUSE_MOVE = "house_move", _("House move")
    SCHOOL_CHANGE = "school_change", _("School change or exclusion")
    HEALTH = "health", _("Health: illness, injury or hospital admission")
    POLICE = "police", _("Police involvement")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse incident")
    MISSING = "missing", _("Missing or absent")
    BEREAVEMENT = "bereavement", _("Bereavement")
    COURT = "court", _("Court hearing or order")
    ACHIEVEMENT = "achievement", _("Achievement or celebration")
    OTHER = "other", _("Other")


class SignificantEvent(AuthorityOwned):
    """Something important in the child's life, added to the chronology by hand."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    occurred_on = models.DateField(_("date it happened"))
    kind = models.CharField(_("kind of event"), max_length=24, choices=SignificantEventKind.choices)
    summary = models.TextField(_("what happened"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-occurred_on"]
        verbose_name = _("significant event")
        verbose_name_plural = _("significant events")
        indexes = [
            models.Index(fields=["child", "-occurred_on"], name="significant_event_child_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurred_on:%Y-%m-%d})"

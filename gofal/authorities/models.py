"""Councils (authorities), their teams, and the staff who work in them."""

import uuid
from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Bilingual:
    """Pick the Welsh or English form of a name for the active language."""

    def localised(self, field: str) -> str:
        lang = (get_language() or "en")[:2]
        welsh = getattr(self, f"{field}_cy", "")
        return welsh if lang == "cy" and welsh else getattr(self, f"{field}_en")


class Jurisdiction(models.TextChoices):
    WALES = "wales", _("Wales")
    ENGLAND = "england", _("England")


class Authority(Bilingual, models.Model):
    """A council with social services functions. Owns every case record it holds."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(
        _("official code"),
        max_length=16,
        unique=True,
        help_text=_("The ONS or government code for the council, such as W06000015."),
    )
    name_en = models.CharField(_("name in English"), max_length=120)
    name_cy = models.CharField(_("name in Welsh"), max_length=120, blank=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localised("name")


class TeamKind(models.TextChoices):
    FRONT_DOOR = "front_door", _("Front door (information, advice and assistance)")
    EARLY_HELP = "early_help", _("Early help")
    LOCALITY = "locality", _("Locality")
    DISABILITY = "disability", _("Disability")
    FOURTEEN_PLUS = "fourteen_plus", _("14 Plus and leaving care")
    LOOKED_AFTER = "looked_after", _("Looked-after children")
    FAMILY_PLACEMENT = "family_placement", _("Family placement")
    MISSING_CHILDREN = "missing_children", _("Missing children")
    REVIEWING_OFFICERS = "reviewing_officers", _("Reviewing officers and conference chairs")
    QUALITY_ASSURANCE = "quality_assurance", _("Quality assurance")
    BUSINESS_SUPPORT = "business_support", _("Business support")


class Team(Bilingual, models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="teams")
    name_en = models.CharField(_("name in English"), max_length=120)
    name_cy = models.CharField(_("name in Welsh"), max_length=120, blank=True)
    kind = models.CharField(_("kind of team"), max_length=24, choices=TeamKind.choices)
    also_serves = models.ManyToManyField(
        Authority,
        blank=True,
        related_name="shared_teams",
        help_text=_("Other councils this team works for, such as a regional missing team."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name_en"], name="team_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localised("name")


class User(AbstractUser):
    """A member of staff (or partner agency user). Roles come from memberships."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SENIOR_PRACTITIONER = "senior_practitioner", _("Senior practitioner")
    TEAM_MANAGER = "team_manager", _("Team manager")
    REVIEWING_OFFICER = "reviewing_officer", _("Independent reviewing officer")
    PERSONAL_ADVISER = "personal_adviser", _("Personal adviser")
    PLACEMENTS_OFFICER = "placements_officer", _("Placements officer")
    QA_OFFICER = "qa_officer", _("Quality assurance officer")
    HEAD_OF_SERVICE = "head_of_service", _("Head of service")
    DIRECTOR = "director", _("Director")
    BUSINESS_SUPPORT = "business_support", _("Business support")
    PARTNER_AGENCY = "partner_agency", _("Partner agency")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    SYSTEM_ADMINISTRATOR = "system_administrator", _("System administrator")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, as_of: date) -> "MembershipQuerySet":
        return self.filter(started_on__lte=as_of).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)
        )


class Membership(models.Model):
    """A member of staff holding a role for a council, usually in a team. A period: appended."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.authority.code})"


class AuthorityOwned(models.Model):
    """Base for every case record: owned by one council, UUID key, version for optimistic locking.

    On PostgreSQL each concrete table gets a row-level security policy on `authority_id`
    (see `gofal.authorities.tenancy.EnableRowLevelSecurity`).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Notification(models.Model):
    """A message to a member of staff, shown in their notification centre (and emailed).

    `dedupe_key` makes sending idempotent: a task that runs twice sends nothing twice.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], name="notification_sent_once"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.subject

"""Statutory timescales as data: rules and their versions, the calendar, and deadline rows.

Every figure (a duration, its unit, the events that start and meet a clock, the source and how
sure we are of it) is a row here, loaded by a data migration from the statutory reference and
changed by an administrator with a reason. Nothing in code knows that an assessment takes 42
working days.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned, Bilingual, Jurisdiction, Role


class Unit(models.TextChoices):
    HOURS = "hours", _("hours")
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")


class SourceStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PREDECESSOR = "predecessor", _("Predecessor or proxy")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")


class Rule(Bilingual, models.Model):
    """A statutory clock, known by a stable code. Its figures live in its versions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_en = models.CharField(_("name in English"), max_length=160)
    name_cy = models.CharField(_("name in Welsh"), max_length=160, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("timescale")
        verbose_name_plural = _("timescales")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localised("name")


class RuleVersion(models.Model):
    """The figures of a rule in one jurisdiction from `effective_from` (to `effective_to`).

    A clock started on a date uses the version in force on that date. `then_rule` is the rule
    whose clock starts when this one is met (a core group starts the next core group).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="versions")
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)
    start_event = models.CharField(_("event that starts the clock"), max_length=200)
    meeting_event = models.CharField(_("event that meets it"), max_length=200)
    duration = models.PositiveIntegerField(_("duration"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    then_rule = models.ForeignKey(
        Rule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("when met, starts"),
    )
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("The last day it applies.")
    )
    responsible_role = models.CharField(_("responsible role"), max_length=24, choices=Role.choices)
    source = models.TextField(_("source"))
    status = models.CharField(
        _("status of the source"), max_length=12, choices=SourceStatus.choices
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rule__code", "jurisdiction", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "jurisdiction", "effective_from"], name="rule_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="rule_version_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(duration__gt=0), name="rule_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.code} ({self.jurisdiction}, {self.effective_from})"


class LocalStandard(models.Model):
    """A council's own, stricter, figure for a rule (never a laxer one)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="local_standards")
    duration = models.PositiveIntegerField(_("duration"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rule__code", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "rule", "effective_from"], name="local_standard_unique"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="local_standard_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(duration__gt=0), name="local_standard_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.code}: {self.duration} {self.unit}"


class BankHolidaySource(models.TextChoices):
    PACKAGE = "package", _("Published bank holidays")
    ADMINISTRATOR = "administrator", _("Added by an administrator")


class BankHoliday(Bilingual, models.Model):
    """A bank holiday in England or Wales. Seeded from the `holidays` package, offline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)
    on = models.DateField(_("date"))
    name_en = models.CharField(_("name in English"), max_length=120)
    name_cy = models.CharField(_("name in Welsh"), max_length=120, blank=True)
    source = models.CharField(
        max_length=16, choices=BankHolidaySource.choices, default=BankHolidaySource.PACKAGE
    )

    class Meta:
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "on"], name="bank_holiday_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.name_en}"

    @property
    def name(self) -> str:
        return self.localised("name")


class ClosureDay(models.Model):
    """A day a council's offices are closed (not a working day for its clocks)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "on"], name="closure_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.reason}"


class CouncilSetting(models.Model):
    """A council's reminder setting: how many working days before a due date to remind."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.OneToOneField(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    remind_working_days = models.PositiveSmallIntegerField(
        _("working days before the due date to remind"), default=2
    )

    def __str__(self) -> str:
        return f"{self.authority_id}: {self.remind_working_days}"


class ChangeKind(models.TextChoices):
    RULE_VERSION = "rule_version", _("Rule version")
    LOCAL_STANDARD = "local_standard", _("Local standard")
    CLOSURE_DAY = "closure_day", _("Closure day")
    SETTING = "setting", _("Reminder setting")


class RegistryChange(models.Model):
    """Append-only history of every change to the rules, standards and calendar, with a reason."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=16, choices=ChangeKind.choices)
    object_id = models.UUIDField()
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, null=True, related_name="+"
    )
    changes = models.JSONField(default=dict)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.changed_at}"


class DeadlineQuerySet(models.QuerySet["Deadline"]):
    def open(self) -> "DeadlineQuerySet":
        return self.filter(met_at__isnull=True, cancelled_at__isnull=True)


class Deadline(AuthorityOwned):
    """One running (or finished) clock for one child, kept by the services only.

    `due_on` (and `due_at` for hour rules) is a cache of the computed due date: only the
    services that start, correct or meet the clock set it, and `timescales reconcile` checks it.
    """

    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="+")
    rule_version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    local_standard = models.ForeignKey(
        LocalStandard, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    source_type = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "authorities.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("clock started"))
    started_on = models.DateField(_("clock started on"))
    due_on = models.DateField(_("due on"))
    due_at = models.DateTimeField(_("due by"), null=True, blank=True)
    met_at = models.DateTimeField(_("met"), null=True, blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    met_on_time = models.BooleanField(null=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    exception_approved = models.BooleanField(
        default=False, help_text="Kept by the exception services: a manager approved a reason."
    )

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]
        indexes = [
            models.Index(
                fields=["authority", "worker", "due_on"],
                condition=Q(met_at__isnull=True, cancelled_at__isnull=True),
                name="deadline_open_worker_idx",
            ),
            models.Index(
                fields=["authority", "team", "due_on"],
                condition=Q(met_at__isnull=True, cancelled_at__isnull=True),
                name="deadline_open_team_idx",
            ),
            # Covers the work queues' counts and pages (PostgreSQL can answer them from the
            # index alone): a team's open clocks in due order, with who, what and which child.
            models.Index(
                fields=["authority", "team", "due_on", "due_at", "id", "worker", "rule", "child"],
                condition=Q(met_at__isnull=True, cancelled_at__isnull=True),
                name="deadline_open_queue_idx",
            ),
            models.Index(fields=["authority", "rule", "met_on"], name="deadline_met_idx"),
            models.Index(fields=["child", "due_on"], name="deadline_child_idx"),
            models.Index(fields=["source_type", "source_id"], name="deadline_source_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(met_at__isnull=True) | Q(met_on__isnull=False),
                name="deadline_met_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule.code} due {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.cancelled_at is None


class ExceptionReason(Bilingual, models.Model):
    """A reason a deadline was (or will be) missed, from a list held as data."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(_("name in English"), max_length=160)
    name_cy = models.CharField(_("name in Welsh"), max_length=160, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localised("name")


class DeadlineException(AuthorityOwned):
    """A recorded reason for a missed (or about to be missed) deadline. Decided by a manager."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="exceptions")
    reason = models.ForeignKey(ExceptionReason, on_delete=models.PROTECT, related_name="+")
    explanation = models.TextField(_("explanation"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"{self.reason_id} for {self.deadline_id}"


class ExceptionDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Not approved")


class DeadlineExceptionStatus(AuthorityOwned):
    """A manager's decision on an exception: appended, never changed."""

    exception = models.ForeignKey(
        DeadlineException, on_delete=models.PROTECT, related_name="statuses"
    )
    decision = models.CharField(_("decision"), max_length=12, choices=ExceptionDecision.choices)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at"]
        verbose_name_plural = "deadline exception statuses"

    def __str__(self) -> str:
        return f"{self.decision} {self.decided_at}"

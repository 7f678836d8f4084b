"""Quality and oversight: managers' decisions on a child's record, with their rationale.

A management oversight entry is not a case note: it records a manager's decision about the
child's case and why, so that oversight is visible on the file and in the chronology.
Only `gofal.quality.services` writes these rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned


class OversightKind(models.TextChoices):
    SUPERVISION = "supervision", _("Decision in supervision")
    CASE_DIRECTION = "case_direction", _("Case direction")
    ALLOCATION = "allocation", _("Allocation or priority decision")
    THRESHOLD = "threshold", _("Threshold or step-up or step-down decision")
    CLOSURE = "closure", _("Decision to close")
    OTHER = "other", _("Other decision")


class OversightEntry(AuthorityOwned):
    """A manager's decision on a child's case and the reasons for it. Never changed."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of decision"), max_length=20, choices=OversightKind.choices)
    decided_on = models.DateField(_("date of the decision"))
    decision = models.TextField(_("decision"))
    rationale = models.TextField(_("rationale"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        verbose_name = _("management oversight entry")
        verbose_name_plural = _("management oversight entries")
        indexes = [models.Index(fields=["child", "-decided_on"], name="oversight_child_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.decided_on:%Y-%m-%d})"

"""The audit log: append-only, hash-chained. Written only by `gofal.audit.services`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    SEARCH = "search", _("Found in a search")
    PRINT = "print", _("Printed")
    EXPORT = "export", _("Exported")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    BREAK_GLASS = "break_glass", _("Restricted record opened")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed to sign in")
    SIGN_OUT = "sign_out", _("Signed out")


class AuditEvent(models.Model):
    """One read or change. `seq` is the chain position; `hash` covers this row and the last."""

    seq = models.BigIntegerField(primary_key=True)
    occurred_at = models.DateTimeField()
    actor_id = models.UUIDField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    authority_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64, blank=True)
    person_id = models.UUIDField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["person_id", "-occurred_at"], name="audit_person_idx"),
            models.Index(fields=["authority_id", "-occurred_at"], name="audit_authority_idx"),
            models.Index(fields=["actor_id", "-occurred_at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

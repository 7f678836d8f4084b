"""Reads for the shared interface: the signed-in member of staff's own notifications."""

from typing import Any

from django.db.models import F, QuerySet

from gofal.authorities.models import Notification


def notifications_for_user(*, user: Any) -> QuerySet[Notification]:
    """The user's notifications in the council they are acting for: unread first, newest first."""
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user, authority=acting.authority).order_by(
        F("read_at").asc(nulls_first=True), "-created_at"
    )


def notifications_unread_count(*, user: Any) -> int:
    return notifications_for_user(user=user).filter(read_at__isnull=True).count()


def notification_get_for_user(*, user: Any, notification_id: Any) -> Notification:
    """One of the user's own notifications in this council, or Notification.DoesNotExist."""
    return notifications_for_user(user=user).get(pk=notification_id)

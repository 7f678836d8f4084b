"""Reads for the shared interface: the signed-in member of staff's own notifications."""

from typing import Any

from django.db import connection
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


# The header's count on every page, as one fixed statement: building it with the ORM cost
# several times more CPU than running it.
_UNREAD_SQL = (
    "SELECT COUNT(*) FROM authorities_notification"
    " WHERE recipient_id = %s AND authority_id = %s AND read_at IS NULL"
)


def notifications_unread_count(*, user: Any) -> int:
    """How many of `notifications_for_user` are unread."""
    acting = getattr(user, "acting", None)
    if acting is None or acting.authority is None or not user.is_authenticated:
        return 0
    key = Notification._meta.pk  # a UUID, stored as text on SQLite
    with connection.cursor() as cursor:
        cursor.execute(
            _UNREAD_SQL,
            [
                key.get_db_prep_value(user.pk, connection),
                key.get_db_prep_value(acting.authority.pk, connection),
            ],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def notification_get_for_user(*, user: Any, notification_id: Any) -> Notification:
    """One of the user's own notifications in this council, or Notification.DoesNotExist."""
    return notifications_for_user(user=user).get(pk=notification_id)

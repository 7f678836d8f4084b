"""Changes to staff records and messages to staff."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from gofal.authorities.models import Authority, Notification, User


def notification_send(
    *,
    recipient: User,
    authority: Authority,
    kind: str,
    subject: str,
    body: str,
    link: str,
    dedupe_key: str,
    at: datetime,
    email: bool = True,
) -> Notification | None:
    """Put a message in a member of staff's notification centre, and email it after commit.

    Idempotent: a second call with the same recipient and `dedupe_key` sends nothing and
    returns None.
    """
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                authority=authority,
                kind=kind,
                subject=subject[:200],
                body=body,
                link=link[:300],
                dedupe_key=dedupe_key[:200],
                created_at=at,
            )
    except IntegrityError:
        return None
    if email and recipient.email:
        transaction.on_commit(lambda: _email(notification_id=notification.pk))
    return notification


def _email(*, notification_id: Any) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    send_mail(
        subject=f"Gofal: {notification.subject}",
        message=f"{notification.body}\n\n{notification.link}".strip(),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient.email],
        fail_silently=True,
    )
    Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )


def notification_mark_read(*, notification: Notification, at: datetime) -> None:
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=at)

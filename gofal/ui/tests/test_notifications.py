from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from gofal.authorities.middleware import SESSION_KEY
from gofal.authorities.models import Notification, Role
from gofal.authorities.services import notification_send
from gofal.authorities.tests.factories import MembershipFactory, TeamFactory, staff

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def send(user, authority, subject, *, at=AT, link=""):
    return notification_send(
        recipient=user,
        authority=authority,
        kind="test",
        subject=subject,
        body=f"About {subject}",
        link=link,
        dedupe_key=subject,
        at=at,
        email=False,
    )


@pytest.fixture
def worker():
    return staff(Role.SOCIAL_WORKER)


def authority_of(user):
    return user.memberships.get().authority


@pytest.mark.django_db
class TestNotificationList:
    def test_lists_unread_first_then_newest(self, client, worker):
        authority = authority_of(worker)
        old_read = send(worker, authority, "Old and read", at=AT - timedelta(days=2))
        old_read.read_at = AT
        old_read.save()
        send(worker, authority, "Older unread", at=AT - timedelta(days=1))
        send(worker, authority, "Newest unread", at=AT)
        client.force_login(worker)

        response = client.get(reverse("ui:notifications"))

        subjects = [n.subject for n in response.context["page"].object_list]
        assert subjects == ["Newest unread", "Older unread", "Old and read"]

    def test_shows_nothing_from_other_people_or_other_councils(self, client, worker):
        authority = authority_of(worker)
        someone_else = staff(Role.SOCIAL_WORKER, team=TeamFactory(authority=authority))
        send(someone_else, authority, "Not yours")
        elsewhere = TeamFactory()
        MembershipFactory(user=worker, team=elsewhere, authority=elsewhere.authority)
        send(worker, elsewhere.authority, "Other council")
        send(worker, authority, "Yours")
        client.force_login(worker)

        response = client.get(reverse("ui:notifications"))

        assert [n.subject for n in response.context["page"].object_list] == ["Yours"]

    def test_header_shows_unread_count(self, client, worker):
        authority = authority_of(worker)
        send(worker, authority, "One")
        send(worker, authority, "Two")
        client.force_login(worker)

        response = client.get(reverse("ui:notifications"))

        assert b'class="gofal-count-badge">2<' in response.content

    def test_header_counts_only_this_users_unread_in_this_council(self, client, worker):
        authority = authority_of(worker)
        send(worker, authority, "Unread")
        read = send(worker, authority, "Read")
        read.read_at = AT
        read.save()
        send(staff(Role.SOCIAL_WORKER, team=TeamFactory(authority=authority)), authority, "Theirs")
        elsewhere = TeamFactory()
        MembershipFactory(user=worker, team=elsewhere, authority=elsewhere.authority)
        send(worker, elsewhere.authority, "In another council")
        send(worker, elsewhere.authority, "Also in another council")
        client.force_login(worker)
        session = client.session
        session[SESSION_KEY] = str(authority.pk)
        session.save()

        content = client.get(reverse("ui:notifications")).content.decode()

        assert 'class="gofal-count-badge">1<' in content

    def test_empty_centre_says_so(self, client, worker):
        client.force_login(worker)
        response = client.get(reverse("ui:notifications"))
        assert b"You have no notifications." in response.content

    def test_list_query_count_does_not_grow(self, client, worker, django_assert_num_queries):
        authority = authority_of(worker)
        client.force_login(worker)
        client.get(reverse("ui:notifications"))  # warm the session
        for i in range(3):
            send(worker, authority, f"Message {i}")
        # No query for Django's database permissions, even when a navigation entry needs a
        # permission this user lacks (gofal.authorities.backends.PasswordBackend).
        with django_assert_num_queries(6 if connection.vendor == "sqlite" else 13) as few:
            client.get(reverse("ui:notifications"))
        for i in range(3, 15):
            send(worker, authority, f"Message {i}")
        with django_assert_num_queries(len(few.captured_queries)):
            client.get(reverse("ui:notifications"))


@pytest.mark.django_db
class TestNotificationRead:
    def test_marks_as_read_with_post(self, client, worker):
        notification = send(worker, authority_of(worker), "Read me")
        client.force_login(worker)

        response = client.post(reverse("ui:notification_read", args=[notification.pk]))

        assert response.status_code == 302
        assert response["Location"] == reverse("ui:notifications")
        notification.refresh_from_db()
        assert notification.read_at is not None

    def test_open_goes_on_to_the_link(self, client, worker):
        notification = send(worker, authority_of(worker), "Go", link="/somewhere/")
        client.force_login(worker)

        response = client.post(
            reverse("ui:notification_read", args=[notification.pk]), {"open": "1"}
        )

        assert response["Location"] == "/somewhere/"

    def test_open_never_leaves_the_site(self, client, worker):
        notification = send(worker, authority_of(worker), "Go", link="https://evil.example/")
        client.force_login(worker)

        response = client.post(
            reverse("ui:notification_read", args=[notification.pk]), {"open": "1"}
        )

        assert response["Location"] == reverse("ui:notifications")

    def test_get_is_refused(self, client, worker):
        notification = send(worker, authority_of(worker), "No GET")
        client.force_login(worker)

        response = client.get(reverse("ui:notification_read", args=[notification.pk]))

        assert response.status_code == 405
        notification.refresh_from_db()
        assert notification.read_at is None

    def test_someone_elses_notification_is_not_found(self, client, worker):
        other = staff(Role.SOCIAL_WORKER)
        notification = send(other, authority_of(other), "Private")
        client.force_login(worker)

        response = client.post(reverse("ui:notification_read", args=[notification.pk]))

        assert response.status_code == 404
        assert Notification.objects.get(pk=notification.pk).read_at is None

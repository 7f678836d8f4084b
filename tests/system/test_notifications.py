import re

from playwright.sync_api import expect

from tests.system.journey import Journey

SEND = """
from django.utils import timezone
from gofal.authorities.models import Membership, User
from gofal.authorities.services import notification_send
user = User.objects.get(username="social.worker")
membership = Membership.objects.filter(user=user).first()
notification_send(recipient=user, authority=membership.authority, kind="system_test",
                  subject={subject!r}, body="Check the chronology before Friday.",
                  link="/caseload/", dedupe_key={subject!r}, at=timezone.now(), email=False)
"""


class TestNotificationCentre(Journey):
    def test_a_worker_reads_a_notification_and_the_badge_goes(self):
        self.given_a_notification_for("social.worker", "Review due for a child on your caseload")
        self.given_i_am_signed_in_as("social.worker")
        self.then_the_header_shows_unread(1)
        self.when_i_open_my_notifications()
        self.then_i_see_the_notification_unread()
        self.when_i_mark_it_as_read()
        self.then_the_header_shows_no_unread_notifications()

    def given_a_notification_for(self, username, subject):
        assert username == "social.worker"
        self.subject = subject
        self.gofal.manage("shell", "-c", SEND.format(subject=subject))

    def then_the_header_shows_unread(self, count):
        link = self.page.locator(".gofal-header").get_by_role("link", name=re.compile("Notif"))
        expect(link).to_contain_text(f"{count} unread")

    def when_i_open_my_notifications(self):
        self.page.locator(".gofal-header").get_by_role(
            "link", name=re.compile("Notifications")
        ).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Notifications")
        self.then_the_accessibility_baseline_is_met()

    def then_i_see_the_notification_unread(self):
        item = self.page.locator(".gofal-notification", has_text=self.subject)
        expect(item).to_contain_text("Unread")
        expect(item).to_contain_text("Check the chronology before Friday.")
        self.screenshot("20-notifications-en")

    def when_i_mark_it_as_read(self):
        item = self.page.locator(".gofal-notification", has_text=self.subject)
        item.get_by_role("button", name=re.compile("Mark as read")).click()
        self.then_the_accessibility_baseline_is_met()

    def then_the_header_shows_no_unread_notifications(self):
        expect(self.page.locator(".gofal-count-badge")).to_have_count(0)
        item = self.page.locator(".gofal-notification", has_text=self.subject)
        expect(item).not_to_contain_text("Unread")

"""Issue 3, the team work journey: a team manager opens Team work, filters it to what is
overdue, opens a child from the list and sees on the child's Timescales page the clock that is
overdue and why its date is what it is, then reads the same page in Welsh. Every page on the
way is checked with axe."""

import re

from playwright.sync_api import expect

from tests.system.journey import Journey

# An assessment clock started ten weeks ago for the first child on the social worker's
# caseload, through the timescales service that keeps deadline rows: overdue today.
OVERDUE_ASSESSMENT = """
from datetime import timedelta
from django.utils import timezone
from gofal.authorities.models import Authority, User
from gofal.authorities.tenancy import system_access
from gofal.casework.models import Allocation
from gofal.timescales import services
with system_access():
    worker = User.objects.get(username="social.worker")
    allocation = (Allocation.objects.filter(worker=worker, ended_on__isnull=True)
                  .select_related("team").order_by("started_on", "id").first())
    services.deadline_start(rule_code="assessment",
                            authority=Authority.objects.get(pk=allocation.authority_id),
                            child_id=allocation.child_id,
                            started_at=timezone.localdate() - timedelta(weeks=10),
                            worker=worker, team=allocation.team, source_type="journey")
"""


class TestTeamWorkJourney(Journey):
    def test_manager_filters_overdue_and_opens_a_child(self):
        self.given_an_overdue_assessment_on_the_team()
        self.given_i_am_signed_in_as("team.manager")
        self.when_i_open_team_work()
        self.when_i_filter_to_overdue()
        self.then_every_deadline_listed_is_overdue()
        self.when_i_open_the_first_child()
        self.then_i_see_their_overdue_timescale_and_why()
        self.then_the_childs_timescales_read_in_welsh()

    # Steps ----------------------------------------------------------------------------------

    def given_an_overdue_assessment_on_the_team(self):
        self.gofal.manage("shell", "-c", OVERDUE_ASSESSMENT)

    def when_i_open_team_work(self):
        self.page.get_by_role("link", name="Team work", exact=True).first.click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Team work")
        self.then_the_accessibility_baseline_is_met()

    def when_i_filter_to_overdue(self):
        self.page.get_by_label("Due", exact=True).select_option("overdue")
        self.page.get_by_role("button", name="Apply filters").click()
        expect(self.page).to_have_url(re.compile(r"due=overdue"))
        expect(self.page.get_by_label("Due", exact=True)).to_have_value("overdue")
        self.then_the_accessibility_baseline_is_met()
        self.screenshot("30-team-work-overdue")

    def then_every_deadline_listed_is_overdue(self):
        rows = self.page.locator("main table").last.locator("tbody tr")
        expect(rows.first).to_be_visible()
        count = rows.count()
        for index in range(count):
            expect(rows.nth(index).locator(".govuk-tag").first).to_have_text("Overdue")

    def when_i_open_the_first_child(self):
        first = self.page.locator("main table").last.locator("tbody tr").first
        link = first.locator("td").first.get_by_role("link")
        self.child_name = link.inner_text().strip()
        self.timescale = first.locator("td").nth(1).inner_text().strip()
        link.click()
        self.then_the_accessibility_baseline_is_met()
        expect(self.page.locator(".moj-identity-bar")).to_contain_text(self.child_name)

    def then_i_see_their_overdue_timescale_and_why(self):
        nav = self.page.locator(".moj-sub-navigation")
        nav.get_by_role("link", name="Timescales", exact=True).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Timescales")
        expect(self.page.locator(".moj-identity-bar")).to_contain_text(self.child_name)
        self.then_the_accessibility_baseline_is_met()
        running = self.page.locator("main table").first
        row = running.locator("tbody tr", has_text=self.timescale).first
        expect(row.locator(".govuk-tag").first).to_have_text("Overdue")
        self.screenshot("31-child-timescales")
        row.get_by_role("link", name=self.timescale).click()
        self.then_the_accessibility_baseline_is_met()
        expect(self.page.locator("main")).to_contain_text(re.compile(r"due: \d{4}-\d{2}-\d{2}"))

    def then_the_childs_timescales_read_in_welsh(self):
        self.page.go_back()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Timescales")
        self.then_the_accessibility_baseline_is_met()
        self.when_i_switch_to_welsh()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Amserlenni")
        expect(self.page.get_by_role("heading", name="Yn rhedeg")).to_be_visible()
        row = self.page.locator("main table").first.locator("tbody tr").first
        expect(row.locator(".govuk-tag").first).to_have_text("Hwyr")  # soonest due first: overdue
        self.screenshot("32-child-timescales-cy")
        self.when_i_switch_to_english()

"""Two people edit the same child's details: the second save shows both versions, loses nothing."""

import re

from playwright.sync_api import Page, expect

from tests.system.journey import Journey


class TestEditConflict(Journey):
    def test_the_second_save_shows_both_versions_and_keeps_what_was_typed(self):
        self.given_i_am_signed_in_as("social.worker")
        self.given_the_details_of_a_child_are_open_in_two_tabs()
        self.when_the_first_tab_saves_a_gender("Non-binary")
        self.when_the_second_tab_saves_a_different_gender("Boy")
        self.then_the_second_tab_shows_both_versions()
        self.when_the_second_tab_saves_again()
        self.then_the_second_version_is_saved("Boy")

    def given_the_details_of_a_child_are_open_in_two_tabs(self):
        child = self.page.locator("main table tbody tr").last.get_by_role("link").first
        child.click()
        self.then_the_accessibility_baseline_is_met()
        person = re.search(r"/people/[0-9a-f-]{36}/", self.page.url)
        assert person, self.page.url
        self.edit_path = person.group(0) + "edit/"
        self.visit(self.edit_path)
        self.other: Page = self.page.context.new_page()
        self.other.goto(self.edit_path)

    def _gender(self, page: Page):
        return page.get_by_label("Gender as recorded (optional)")

    def when_the_first_tab_saves_a_gender(self, value):
        self._gender(self.other).fill(value)
        self.other.get_by_role("button", name="Save").click()
        expect(self.other.locator(".govuk-notification-banner")).to_be_visible()
        self.other.close()

    def when_the_second_tab_saves_a_different_gender(self, value):
        self._gender(self.page).fill(value)
        self.page.get_by_role("button", name="Save").click()

    def then_the_second_tab_shows_both_versions(self):
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Someone else changed this record"
        )
        conflict = self.page.locator("#edit-conflict")
        row = conflict.locator("tr", has_text="Gender as recorded")
        expect(row.locator("td").nth(0)).to_have_text(
            "Boy"
        )  # only differing fields are in the table
        expect(row.locator("td").nth(1)).to_have_text("Non-binary")
        expect(self._gender(self.page)).to_have_value("Boy")
        self.then_the_accessibility_baseline_is_met()
        self.screenshot("21-edit-conflict-en")

    def when_the_second_tab_saves_again(self):
        self.page.get_by_role("button", name="Save").click()
        self.then_the_accessibility_baseline_is_met()

    def then_the_second_version_is_saved(self, value):
        expect(self.page.locator(".govuk-notification-banner")).to_be_visible()
        expect(self.page.locator("main")).to_contain_text(value)

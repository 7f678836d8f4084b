"""Issue 2, "How we will check it": the first journey a new user takes through the demo council.

A social worker signs in, sees their caseload, finds a child by a misspelt name, opens the child
(identity bar, chronology, case notes), adds a case note and switches to Welsh; then the team
manager sees who viewed that child. Every page on the way is checked with axe, and key pages
are kept as screenshots in var/screenshots/ in both languages.
"""

import re
from datetime import date

from playwright.sync_api import expect

from tests.system.journey import Journey


def misspell(name: str) -> str:
    """A plausible typing slip: a doubled letter typed once, or else a vowel swapped."""
    doubled = re.search(r"(\w)\1", name)
    if doubled:
        return name[: doubled.start()] + name[doubled.start() + 1 :]
    for index in range(len(name) - 1, 0, -1):
        if name[index] in "aeiou":
            swap = "e" if name[index] != "e" else "a"
            return name[:index] + swap + name[index + 1 :]
    return name


class TestIssue2Journey(Journey):
    def test_a_social_worker_finds_a_child_records_a_note_and_a_manager_sees_who_viewed(self):
        self.given_i_am_signed_in_as("social.worker")
        self.then_i_see_my_caseload()
        self.when_i_search_for_the_first_child_on_my_caseload_with_a_misspelt_name()
        self.then_the_child_is_found()
        self.when_i_open_the_child()
        self.then_i_see_the_identity_bar()
        self.when_i_open_the_tab("Chronology")
        self.then_i_see_the_chronology()
        self.when_i_open_the_tab("Case notes")
        self.when_i_add_a_case_note()
        self.then_the_case_note_is_listed()
        self.english_labels = self.labels_on_the_page()
        self.when_i_switch_to_welsh()
        self.then_the_labels_are_in_welsh()
        self.when_i_switch_to_english()
        self.given_i_am_signed_in_as("team.manager")
        self.when_i_open_who_has_viewed_the_child()
        self.then_i_see_the_social_worker_viewed_the_child()

    # Steps ----------------------------------------------------------------------------------

    def then_i_see_my_caseload(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("My caseload")
        self.worker_name = self.page.locator(".gofal-header__user").inner_text().strip()
        first_child = self.page.locator("main table tbody tr").first.get_by_role("link").first
        expect(first_child).to_be_visible()
        self.child_name = first_child.inner_text().strip()
        self.screenshot("01-my-caseload-en")

    def when_i_search_for_the_first_child_on_my_caseload_with_a_misspelt_name(self):
        given, _, family = self.child_name.rpartition(" ")
        self.misspelt = f"{given} {misspell(family)}" if given else misspell(family)
        assert self.misspelt != self.child_name
        self.page.get_by_role("link", name="Find a person").click()
        self.then_the_accessibility_baseline_is_met()
        self.page.get_by_label(re.compile("^Name")).fill(self.misspelt)
        self.page.get_by_role("button", name="Search").click()
        self.then_the_accessibility_baseline_is_met()

    def then_the_child_is_found(self):
        expect(self.page.locator("main")).to_contain_text(re.compile(r"\d+ (person|people) found"))
        expect(self.page.get_by_role("link", name=self.child_name).first).to_be_visible()
        self.screenshot("02-search-misspelt-en")

    def when_i_open_the_child(self):
        self.page.get_by_role("link", name=self.child_name).first.click()
        self.then_the_accessibility_baseline_is_met()
        self.child_path = self.page.url.removeprefix(self.gofal.url)

    def then_i_see_the_identity_bar(self):
        bar = self.page.locator(".moj-identity-bar")
        expect(bar).to_contain_text(self.child_name)
        expect(bar).to_contain_text("Date of birth")
        expect(bar).to_contain_text("NHS number")
        expect(bar).to_contain_text("Preferred language")
        self.screenshot("03-child-summary-en")

    def when_i_open_the_tab(self, name: str):
        self.page.locator(".moj-sub-navigation").get_by_role("link", name=name).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(name)
        self.then_the_accessibility_baseline_is_met()

    def then_i_see_the_chronology(self):
        expect(self.page.locator("main")).to_contain_text(re.compile(r"\d+ entr(y|ies)"))
        expect(self.page.locator(".moj-identity-bar")).to_contain_text(self.child_name)
        self.screenshot("04-chronology-en")

    def when_i_add_a_case_note(self):
        self.page.get_by_role("link", name="Add a case note").click()
        self.then_the_accessibility_baseline_is_met()
        self.when_i_save_the_case_note_without_a_narrative()
        today = date.today()
        self.note_text = f"Journey check {today:%d%m%Y}: saw the child at home, all well."
        form = self.page.locator("main form")
        form.get_by_role("group", name="What kind of contact was it?").get_by_label(
            "Home visit"
        ).check()
        happened = form.get_by_role("group", name="Date it happened")
        happened.get_by_label("Day").fill(str(today.day))
        happened.get_by_label("Month").fill(str(today.month))
        happened.get_by_label("Year").fill(str(today.year))
        form.get_by_label("Time it happened").fill("00:05")
        form.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
        form.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
        form.get_by_label("What happened").fill(self.note_text)
        self.screenshot("05-add-case-note-en")
        form.get_by_role("button", name="Save case note").click()
        self.then_the_accessibility_baseline_is_met()

    def when_i_save_the_case_note_without_a_narrative(self):
        """Bad input first: the GOV.UK error summary, and nothing typed is lost."""
        form = self.page.locator("main form")
        form.get_by_role("group", name="What kind of contact was it?").get_by_label(
            "Phone call"
        ).check()
        form.get_by_role("button", name="Save case note").click()
        expect(self.page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
        expect(
            form.get_by_role("group", name="What kind of contact was it?").get_by_label(
                "Phone call"
            )
        ).to_be_checked()
        self.then_the_accessibility_baseline_is_met()
        self.screenshot("05a-case-note-errors-en")

    def then_the_case_note_is_listed(self):
        expect(self.page.locator("main")).to_contain_text(self.note_text)
        self.screenshot("06-case-notes-en")

    def labels_on_the_page(self) -> set[str]:
        """Headings, navigation, tabs, table headers and buttons: the page's own labels."""
        selectors = (
            "h1, .govuk-service-navigation__link, .moj-sub-navigation__link, main th, "
            "main .govuk-button, .gofal-header__account a, .gofal-header__account button"
        )
        texts = self.page.locator(selectors).all_inner_texts()
        return {" ".join(t.split()) for t in texts if t.strip()}

    def then_the_labels_are_in_welsh(self):
        still_english = self.english_labels & self.labels_on_the_page()
        assert not still_english, f"labels not translated into Welsh: {sorted(still_english)}"
        header = self.page.locator(".gofal-header")
        expect(header).to_contain_text("Allgofnodi")
        expect(header).to_contain_text("Hysbysiadau")
        bar = self.page.locator(".moj-identity-bar")
        expect(bar).to_contain_text("Dyddiad geni")
        expect(bar).to_contain_text("Rhif GIG")
        expect(bar).to_contain_text("Iaith ddewisol")
        expect(self.page.get_by_role("link", name="Neidio i'r prif gynnwys")).to_be_attached()
        self.screenshot("07-case-notes-cy")
        for path, name in (
            ("/caseload/", "08-my-caseload-cy"),
            (self.child_path, "09-child-summary-cy"),
            (self.child_path + "chronology/", "10-chronology-cy"),
        ):
            self.visit(path)
            expect(self.page.locator("html")).to_have_attribute("lang", "cy")
            self.screenshot(name)

    def when_i_open_who_has_viewed_the_child(self):
        self.visit(self.child_path)
        self.page.locator(".moj-sub-navigation").get_by_role(
            "link", name="Who has viewed this record"
        ).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Who has viewed this record")
        self.then_the_accessibility_baseline_is_met()

    def then_i_see_the_social_worker_viewed_the_child(self):
        table = self.page.locator("main table")
        expect(table).to_contain_text(self.worker_name)
        expect(table).to_contain_text("Viewed")
        self.screenshot("11-who-has-viewed-en")

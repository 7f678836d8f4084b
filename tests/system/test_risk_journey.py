"""Issue 5, item 2: a social worker records a structured risk assessment with a harm of
concern, an action to reduce the risk and who it was shared with, completes it, raises the
matching flag in one click and sees it on the identity bar; a team manager opens the risk
profile and drills down to the children behind a figure. Every page is checked with axe."""

import re

from playwright.sync_api import expect

from tests.system.journey import Journey

# Harms with a flag, in the order the journey tries them (one the child does not have yet).
FLAG_HARMS = [
    "Trafficking",
    "Radicalisation",
    "Harmful sexual behaviour",
    "Offending",
    "Child criminal exploitation",
    "Child sexual exploitation",
]


class TestRiskJourney(Journey):
    def test_risk_assessment_with_a_harm_an_action_and_sharing_raises_a_flag(self):
        self.given_i_am_signed_in_as("social.worker")
        self.when_i_open_the_first_child_on_my_caseload()
        self.when_i_start_a_risk_assessment()
        self.when_i_add_a_harm_without_evidence_then_with_it()
        self.when_i_add_an_action_without_an_owner_then_with_one()
        self.when_i_try_to_complete_it_before_the_overall_level()
        self.when_i_record_the_overall_level_and_complete_it()
        self.when_i_record_who_it_was_shared_with()
        self.when_i_raise_the_flag()
        self.then_the_flag_is_on_the_identity_bar()
        self.then_the_risk_assessment_reads_in_welsh()
        self.given_i_am_signed_in_as("team.manager")
        self.then_the_risk_profile_counts_the_flag_and_drills_down()

    def _main(self):
        return self.page.locator("main")

    def _submit(self, name: str) -> None:
        self._main().get_by_role("button", name=name).click()
        self.then_the_accessibility_baseline_is_met()

    def _choose(self, group, answer: str) -> None:
        self._main().get_by_role("group", name=group).get_by_label(answer, exact=True).check()

    def when_i_open_the_first_child_on_my_caseload(self):
        first = self.page.locator("main table tbody tr").first.get_by_role("link").first
        first.click()
        self.then_the_accessibility_baseline_is_met()
        bar = self.page.locator(".gofal-identity-bar").inner_text()
        self.harm = next(kind for kind in FLAG_HARMS if kind not in bar)

    def when_i_start_a_risk_assessment(self):
        self.page.locator(".moj-sub-navigation").get_by_role("link", name="Risk").click()
        self.then_the_accessibility_baseline_is_met()
        self.page.get_by_role("link", name="Start a risk assessment").click()
        self.then_the_accessibility_baseline_is_met()
        self._choose("What is the risk assessment for?", "Exploitation screening")
        self._submit("Start risk assessment")
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Add a harm of concern")

    def when_i_add_a_harm_without_evidence_then_with_it(self):
        main = self._main()
        main.get_by_label("What is the harm of concern?").select_option(label=self.harm)
        main.get_by_label("History").fill("Missing overnight three times since September.")
        self._submit("Add harm")
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Enter the evidence for this harm"
        )
        expect(main.get_by_label("History")).to_have_value(
            "Missing overnight three times since September."
        )
        main.get_by_label("Evidence").fill("Police intelligence names her with older men.")
        main.get_by_label("Current picture").fill("New phone; will not say who gave it.")
        self._choose("How likely is the harm?", "Likely: it will probably happen without action")
        self._choose("How serious would the harm be?", "Serious: significant harm")
        main.get_by_label("Protective factors").fill("Close to her nan; goes to school.")
        self._choose(
            "The family's capacity to change", "Some: they accept some of it, or change is slow"
        )
        self._submit("Add harm")
        expect(self._main().locator(".govuk-summary-card__title")).to_contain_text(self.harm)
        self.screenshot("risk-01-harm-en")

    def when_i_add_an_action_without_an_owner_then_with_one(self):
        self.page.get_by_role("link", name="Add an action").click()
        self.then_the_accessibility_baseline_is_met()
        main = self._main()
        main.get_by_label("What will be done to reduce the risk?").fill("Refer to the panel")
        self._submit("Add action")
        summary = self.page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Enter who will do it: a person or an agency")
        expect(summary).to_contain_text("Enter the date it will be done by")
        expect(main.get_by_label("What will be done to reduce the risk?")).to_have_value(
            "Refer to the panel"
        )
        main.get_by_label("Who will do it?").fill("Gwent Police child exploitation team")
        due = main.get_by_role("group", name="By when?")
        due.get_by_label("Day").fill("1")
        due.get_by_label("Month").fill("9")
        due.get_by_label("Year").fill("2030")
        self._submit("Add action")
        expect(self._main()).to_contain_text("Gwent Police child exploitation team")

    def when_i_try_to_complete_it_before_the_overall_level(self):
        self._submit("Complete risk assessment")
        expect(self._main()).to_contain_text("Explain why you chose the overall level")
        expect(self._main()).to_contain_text("Draft")

    def when_i_record_the_overall_level_and_complete_it(self):
        self.page.get_by_role("link", name="Change the overall level and review date").click()
        self.then_the_accessibility_baseline_is_met()
        main = self._main()
        self._choose("Overall level of risk", "High")
        main.get_by_label("Why this level?").fill("Likely and serious; her nan protects her.")
        self._choose("Did the young person take part?", "Yes")
        self._choose("Does the young person know this risk assessment exists?", "Yes")
        review = main.get_by_role("group", name="Review by")
        review.get_by_label("Day").fill("1")
        review.get_by_label("Month").fill("3")
        review.get_by_label("Year").fill("2030")
        self._submit("Save")
        self._submit("Complete risk assessment")
        expect(self.page.locator(".govuk-notification-banner")).to_contain_text(
            "Risk assessment completed"
        )
        expect(
            self._main().get_by_role("button", name="Review this risk assessment")
        ).to_be_visible()

    def when_i_record_who_it_was_shared_with(self):
        self.page.get_by_role("link", name="Record who it was shared with").click()
        self.then_the_accessibility_baseline_is_met()
        self._main().get_by_label("Who was it shared with?").fill("Gwent Police")
        self._choose("How was it shared?", "Secure email")
        self._submit("Record sharing")
        expect(self._main()).to_contain_text("Gwent Police")
        self.screenshot("risk-02-completed-en")

    def when_i_raise_the_flag(self):
        self._submit(re.compile("^Raise the flag on the identity bar"))

    def then_the_flag_is_on_the_identity_bar(self):
        expect(self.page.locator(".gofal-identity-bar")).to_contain_text(self.harm)
        expect(self._main()).to_contain_text("Flag on the identity bar")
        self.risk_path = self.page.url.removeprefix(self.gofal.url)

    def then_the_risk_assessment_reads_in_welsh(self):
        self.when_i_switch_to_welsh()
        expect(self.page.get_by_role("heading", level=1)).to_contain_text("Asesiad risg")
        expect(self._main()).to_contain_text("Niweidiau sy’n peri pryder")
        self.screenshot("risk-03-completed-cy")
        self.when_i_switch_to_english()

    def then_the_risk_profile_counts_the_flag_and_drills_down(self):
        self.visit("/quality/reports/flags/")
        main = self._main()
        expect(main.get_by_role("heading", level=1)).to_have_text(
            "Risk profile: vulnerability and risky behaviour"
        )
        expect(main).to_contain_text("Children with an open involvement")
        row = main.get_by_role("row", name=re.compile("^" + re.escape(self.harm)))
        row.get_by_role("link").click()
        self.then_the_accessibility_baseline_is_met()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(self.harm)
        expect(self._main().locator("tbody tr").first).to_be_visible()
        self.screenshot("risk-04-profile-drill-down-en")

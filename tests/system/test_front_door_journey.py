"""Issue 4, the front door journey: a front-door worker records a police contact about a child
the council already knows, sees the child's history on the contact without another click,
decides "assessment" within the working day, and produces the referrer's outcome letter in
Welsh (the referrer's choice). Every page on the way is checked with axe."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.system.journey import Journey

LONDON = ZoneInfo("Europe/London")


class TestFrontDoorJourney(Journey):
    def test_police_contact_history_assessment_decision_and_welsh_outcome_letter(self):
        self.given_a_child_the_council_already_knows()
        self.given_i_am_signed_in_as("front.door")
        self.when_i_start_a_contact_and_find_the_child()
        self.when_i_record_what_the_police_officer_said()
        self.then_i_see_the_childs_history_on_the_contact()
        self.when_i_decide_on_an_assessment()
        self.then_the_decision_was_made_within_the_working_day()
        self.when_i_produce_the_outcome_letter()
        self.then_the_letter_is_in_welsh()

    # Steps ----------------------------------------------------------------------------------

    def given_a_child_the_council_already_knows(self):
        """The first child on a locality social worker's caseload: involved and allocated."""
        self.given_i_am_signed_in_as("social.worker")
        first_child = self.page.locator("main table tbody tr").first.get_by_role("link").first
        expect(first_child).to_be_visible()
        self.child_name = first_child.inner_text().strip()
        self.worker_name = self.page.locator(".gofal-header__user").inner_text().strip()

    def when_i_start_a_contact_and_find_the_child(self):
        self.page.get_by_role("link", name="Front door", exact=True).first.click()
        self.then_the_accessibility_baseline_is_met()
        self.page.get_by_role("link", name="Record a contact").click()
        self.then_the_accessibility_baseline_is_met()
        self.page.get_by_label("Name, date of birth, NHS number or UPN").fill(self.child_name)
        self.page.get_by_role("button", name="Search").click()
        self.then_the_accessibility_baseline_is_met()
        self.page.get_by_role("link", name=f"Add as a child {self.child_name}").first.click()
        self.then_the_accessibility_baseline_is_met()
        expect(self.page.locator("main")).to_contain_text(self.child_name)

    def when_i_record_what_the_police_officer_said(self):
        form = self.page.locator("main form[method=post]")
        form.get_by_role("button", name="Save contact").click()
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Enter the concerns in the referrer’s words"
        )
        self.then_the_accessibility_baseline_is_met()
        received = datetime.now(LONDON) - timedelta(minutes=20)
        if received.date() != datetime.now(LONDON).date():
            received = datetime.now(LONDON).replace(hour=0, minute=1)
        when = form.get_by_role("group", name="Date received")
        when.get_by_label("Day").fill(str(received.day))
        when.get_by_label("Month").fill(str(received.month))
        when.get_by_label("Year").fill(str(received.year))
        form.get_by_label("Time received").fill(received.strftime("%H:%M"))
        form.get_by_role("group", name="How did the contact come in?").get_by_label(
            "Telephone"
        ).check()
        form.get_by_label("Who made the contact?").select_option("police")
        form.get_by_label("Referrer’s name").fill("PC Dafydd Rees")
        form.get_by_label("Organisation").fill("Heddlu Gwent Police")
        form.get_by_role("textbox", name="Email").fill("dafydd.rees@example.org")
        form.get_by_role(
            "group", name="Which language does the referrer want feedback in?"
        ).get_by_label("Welsh").check()
        form.get_by_label("Concerns in the referrer’s words").fill(
            "Called to a domestic incident at the family home at 02:00. The child was awake and "
            "upset; mother had a cut to her face."
        )
        form.get_by_role("group", name="Kinds of concern").get_by_label("Domestic abuse").check()
        form.get_by_label("What the child has said, if known").fill("“Dad was shouting again.”")
        form.get_by_role("group", name="Consent to share information").get_by_label(
            "Consent obtained"
        ).check()
        form.get_by_role("group", name="Urgency").get_by_label("Today").check()
        form.get_by_role("button", name="Save contact").click()
        self.then_the_accessibility_baseline_is_met()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Contact from Police")
        self.contact_path = self.page.url.removeprefix(self.gofal.url)

    def then_i_see_the_childs_history_on_the_contact(self):
        history = self.page.locator("main section").filter(has_text=self.child_name).first
        expect(history).to_contain_text("Open involvement")
        expect(history).to_contain_text("since")
        expect(history).to_contain_text("Allocated worker")
        expect(history).to_contain_text(self.worker_name)
        expect(history).to_contain_text("Child protection register")
        expect(history).to_contain_text("Notifications from other councils")
        earlier = history.locator("dd a[href*='/front-door/contacts/']")
        expect(earlier.first).to_be_visible()  # the contact that opened the involvement
        expect(self.page.locator("main")).to_contain_text("Decision within 1 working day")
        self.screenshot("fd-01-contact-history-en")

    def when_i_decide_on_an_assessment(self):
        self.page.get_by_role("link", name="Record the decision").click()
        self.then_the_accessibility_baseline_is_met()
        form = self.page.locator("main form")
        form.get_by_role("group", name="Threshold level").get_by_label(
            re.compile("^Care and support")
        ).check()
        form.get_by_role("group", name="Outcome").get_by_label(
            "Assessment of the child’s needs"
        ).check()
        form.get_by_role("button", name="Save decision").click()
        summary = self.page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Enter the reasons for the decision")
        expect(summary).to_contain_text("Select the team that will do the work")
        self.then_the_accessibility_baseline_is_met()
        form.get_by_label("Reasons for the decision").fill(
            "Second police report this year and an open involvement: the child's needs must be "
            "assessed with the allocated worker."
        )
        form.get_by_label("Corroboration sought").fill(
            "School: attendance has dropped. Health visitor: no concerns known."
        )
        form.get_by_label("The child’s perspective").fill("Said dad was shouting again.")
        form.get_by_label(
            "Assessment or strategy discussion: the team that will do the work"
        ).select_option(index=1)
        form.get_by_label(
            "Assessment or strategy discussion: the reason for involvement"
        ).select_option("abuse_or_neglect")
        form.get_by_role("button", name="Save decision").click()
        self.then_the_accessibility_baseline_is_met()

    def then_the_decision_was_made_within_the_working_day(self):
        main = self.page.locator("main")
        expect(main).to_contain_text("Assessment of the child’s needs")
        expect(main).to_contain_text("Met on time")
        self.screenshot("fd-02-decision-en")

    def when_i_produce_the_outcome_letter(self):
        self.page.get_by_role("link", name="Send the outcome").click()
        self.then_the_accessibility_baseline_is_met()
        expect(self.page.locator("main")).to_contain_text("Annwyl PC Dafydd Rees")
        self.page.get_by_role("group", name="How will it be sent?").get_by_label(
            "Printed letter"
        ).check()
        self.page.get_by_role("button", name="Record as sent").click()
        self.then_the_accessibility_baseline_is_met()

    def then_the_letter_is_in_welsh(self):
        letter = self.page.locator(".gofal-letter")
        expect(letter).to_have_attribute("lang", "cy")
        expect(letter).to_contain_text("Annwyl PC Dafydd Rees")
        expect(letter).to_contain_text("Rydym wedi penderfynu")
        expect(letter).to_contain_text(self.child_name)
        self.screenshot("fd-03-outcome-letter-cy")


class TestStepDownReturnedJourney(Journey):
    def test_a_step_down_is_returned_with_reasons_and_reaches_the_senders_queue(self):
        self.given_i_am_signed_in_as("social.worker")
        self.when_i_step_down_the_first_child_on_my_caseload()
        self.given_i_am_signed_in_as("head.of.service")
        self.when_the_receiving_team_returns_it_with_reasons()
        self.given_i_am_signed_in_as("social.worker")
        self.then_the_returned_step_down_is_on_my_handovers_queue()

    def when_i_step_down_the_first_child_on_my_caseload(self):
        """The first child on the caseload with no handover already waiting (the demo council
        has a few step-downs awaiting acceptance)."""
        caseload = self.page.url
        rows = self.page.locator("main table tbody tr")
        expect(rows.first).to_be_visible()
        for index in range(min(rows.count(), 10)):
            child = rows.nth(index).get_by_role("link").first
            self.child_name = child.inner_text().strip()
            child.click()
            self.then_the_accessibility_baseline_is_met()
            self.page.locator(".moj-sub-navigation").get_by_role("link", name="Early help").click()
            self.then_the_accessibility_baseline_is_met()
            waiting = self.page.locator("main .govuk-tag", has_text="Awaiting acceptance")
            if not waiting.count():
                break
            self.page.goto(caseload)
            expect(rows.first).to_be_visible()
        self.page.get_by_role("link", name="Hand over (step-up or step-down)").click()
        self.then_the_accessibility_baseline_is_met()
        form = self.page.locator("main form")
        form.get_by_role("group", name="Which way is the work going?").get_by_label(
            re.compile("^Step-down")
        ).check()
        to_team = form.get_by_label("Receiving team")
        early_help = to_team.locator("option", has_text=re.compile("Families First|Team Around"))
        to_team.select_option(early_help.first.get_attribute("value"))
        form.get_by_label("Reasons").fill("Needs now met by universal services with support.")
        form.get_by_label("Information passed on").fill("Assessment completed; plan ended well.")
        form.get_by_role("button", name="Save").click()
        self.then_the_accessibility_baseline_is_met()
        expect(self.page.locator("main")).to_contain_text("Awaiting acceptance")

    def when_the_receiving_team_returns_it_with_reasons(self):
        self.page.get_by_role("link", name="Handovers", exact=True).first.click()
        self.then_the_accessibility_baseline_is_met()
        row = self.page.locator("main table tbody tr").filter(has_text=self.child_name).first
        expect(row).to_contain_text(re.compile("Not yet due|Due soon"))  # the handover clock
        self.page.get_by_role("link", name=self.child_name).first.click()
        expect(self.page.locator("main")).to_contain_text("Accept or return by")
        self.then_the_accessibility_baseline_is_met()
        form = self.page.locator("main form")
        form.get_by_role("group", name="Will your team take the work?").get_by_label(
            "Returned"
        ).check()
        form.get_by_role("button", name="Save").click()
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Enter why the handover is being returned"
        )
        self.then_the_accessibility_baseline_is_met()
        form.get_by_label("Reasons").fill("Risks remain too high for early help: father returned.")
        form.get_by_role("button", name="Save").click()
        self.then_the_accessibility_baseline_is_met()

    def then_the_returned_step_down_is_on_my_handovers_queue(self):
        self.page.get_by_role("link", name="Handovers", exact=True).first.click()
        self.then_the_accessibility_baseline_is_met()
        returned = self.page.locator("main ul.govuk-list")
        expect(returned).to_contain_text(self.child_name)
        expect(returned).to_contain_text("father returned")
        self.screenshot("fd-04-returned-step-down-en")

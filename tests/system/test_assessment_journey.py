"""Issue 5, item 10: an assessment with the child's voice and an analysis, returned by the
manager with a comment, resubmitted and authorised; a plan built from it with the family's
contribution, and printed in Welsh. Every page on the way is checked with axe."""

import re
from datetime import date

from playwright.sync_api import expect

from tests.system.journey import Journey


class TestAssessmentJourney(Journey):
    def test_assessment_returned_resubmitted_authorised_then_plan_printed_in_welsh(self):
        self.given_i_am_signed_in_as("social.worker")
        self.when_i_open_the_first_child_on_my_caseload()
        self.when_i_start_an_assessment()
        self.when_i_try_to_submit_it_without_an_analysis()
        self.then_i_am_told_what_is_missing()
        self.when_i_complete_every_section_and_submit()
        self.given_i_am_signed_in_as("team.manager")
        self.when_i_return_the_assessment_with_a_comment()
        self.given_i_am_signed_in_as("social.worker")
        self.then_i_see_the_managers_comment()
        self.when_i_improve_it_and_resubmit()
        self.given_i_am_signed_in_as("team.manager")
        self.when_i_authorise_the_assessment()
        self.given_i_am_signed_in_as("social.worker")
        self.when_i_build_a_plan_from_the_assessment()
        self.when_i_add_an_action_without_an_owner_then_with_one()
        self.when_i_record_the_familys_contribution_in_welsh()
        self.given_i_am_signed_in_as("team.manager")
        self.when_i_authorise_the_plan()
        self.then_the_plan_prints_in_welsh()
        self.given_i_am_signed_in_as("social.worker")
        self.when_i_record_a_review_of_the_plan()
        self.then_the_review_and_the_next_review_date_show_on_the_plan()

    # Steps ----------------------------------------------------------------------------------

    def _main(self):
        return self.page.locator("main")

    def _submit(self, name: str) -> None:
        self._main().get_by_role("button", name=name).click()
        self.then_the_accessibility_baseline_is_met()

    def _yes(self, group: str, answer: str = "Yes") -> None:
        self._main().get_by_role("group", name=group).get_by_label(answer, exact=True).check()

    def when_i_open_the_first_child_on_my_caseload(self):
        first = self.page.locator("main table tbody tr").first.get_by_role("link").first
        first.click()
        self.then_the_accessibility_baseline_is_met()
        path = self.page.url.removeprefix(self.gofal.url)
        self.child_path = re.match(r"/people/[0-9a-f-]+/", path).group(0)

    def when_i_start_an_assessment(self):
        self.page.locator(".moj-sub-navigation").get_by_role("link", name="Assessments").click()
        self.then_the_accessibility_baseline_is_met()
        self.page.get_by_role("link", name="Start an assessment").click()
        self.then_the_accessibility_baseline_is_met()
        self._yes("What kind of assessment is it?", "Full assessment")
        self._submit("Start assessment")
        expect(self.page.get_by_role("heading", level=1)).to_have_text("About the assessment")
        self.assessment_path = self.page.url.removeprefix(self.gofal.url).split("sections/")[0]

    def when_i_try_to_submit_it_without_an_analysis(self):
        self._yes("Which language was the assessment done in?", "English")
        self._yes("Was the active offer of Welsh made?")
        self._submit("Save and continue")
        self.page.get_by_role("link", name="Check the whole assessment").click()
        self.then_the_accessibility_baseline_is_met()

    def then_i_am_told_what_is_missing(self):
        gaps = self.page.locator("#gaps")
        expect(gaps).to_contain_text("an assessment cannot be submitted without one")
        expect(gaps).to_contain_text("Enter the child's views, or why they could not be obtained")
        expect(self._main().get_by_role("button", name="Submit for authorisation")).to_have_count(0)
        self.screenshot("assessment-01-missing-en")

    def when_i_complete_every_section_and_submit(self):
        self.visit(self.assessment_path + "sections/elements/")
        main = self._main()
        main.get_by_label("Personal circumstances").fill("Lives with mam and two brothers.")
        main.get_by_label("Personal outcomes").fill("To feel safe at home\nTo go to school")
        main.get_by_label("Barriers to achieving the outcomes").fill("Mam's low mood.")
        main.get_by_label("Risks if the outcomes are not achieved").fill("Missing school.")
        main.get_by_label("Strengths and capabilities").fill("Nan lives close by.")
        self._submit("Save and continue")
        self._yes("Was the child seen?")
        self._yes("Was the child seen alone?")
        self._main().get_by_label("How were the child's views gathered?").fill("At school.")
        self._main().get_by_label("The child's views, in their own words").fill(
            "I want mam to be happy. I like football with nan."
        )
        self._submit("Save and continue")
        self._main().get_by_label("Parents' and carers' views").fill("Mam wants evening help.")
        self._submit("Save and continue")
        expect(self._main()).to_contain_text("The child's history, from the chronology")
        self._yes(
            "What weight do you give to the history?", "Some: it is relevant but not decisive"
        )
        self._main().get_by_label("Summary of the history").fill("One earlier contact in 2022.")
        self._submit("Save and continue")
        self._main().get_by_label("Analysis").fill("Cerys needs support in the evenings.")
        self._submit("Save and continue")
        self._yes(re.compile("^Does the need arise"))
        self._main().get_by_label("Family or other significant personal relationships").check()
        self._yes(re.compile("^Are the child and family unable"))
        self._yes(re.compile("^Is the child unlikely"))
        self._yes("What is the outcome of the assessment?", "Care and support plan")
        self._submit("Save and check the assessment")
        self.screenshot("assessment-02-check-en")
        self._submit("Submit for authorisation")
        expect(self.page.locator("h1")).to_contain_text("Submitted for authorisation")

    def when_i_return_the_assessment_with_a_comment(self):
        self.visit(self.assessment_path)
        self._submit("Return with comments")
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Enter your comments for the worker"
        )
        self._main().get_by_label("Your comments for the worker").fill(
            "Say more about how nan helps."
        )
        self._submit("Return with comments")
        expect(self.page.locator("h1")).to_contain_text("Returned by the manager")

    def then_i_see_the_managers_comment(self):
        self.visit(self.assessment_path)
        expect(self._main()).to_contain_text("Say more about how nan helps.")
        self.screenshot("assessment-03-returned-en")

    def when_i_improve_it_and_resubmit(self):
        self.visit(self.assessment_path + "sections/elements/")
        self._main().get_by_label("Strengths and capabilities").fill(
            "Nan lives close by and walks Cerys to school."
        )
        self._submit("Save and continue")
        self.visit(self.assessment_path)
        self._submit("Submit for authorisation")
        expect(self.page.locator("h1")).to_contain_text("Submitted for authorisation")

    def when_i_authorise_the_assessment(self):
        self.visit(self.assessment_path)
        self._submit("Authorise")
        expect(self.page.locator("h1")).to_contain_text("Authorised")
        expect(self._main()).to_contain_text("Completed")

    def when_i_build_a_plan_from_the_assessment(self):
        self.visit(self.child_path + "plans/")
        self._submit(re.compile("^Build a plan from the assessment"))
        expect(self.page.get_by_role("heading", level=1)).to_contain_text("Care and support plan")
        expect(self._main()).to_contain_text("To feel safe at home")
        self.plan_path = self.page.url.removeprefix(self.gofal.url)

    def when_i_add_an_action_without_an_owner_then_with_one(self):
        self.page.get_by_role("link", name="Add an action").click()
        self.then_the_accessibility_baseline_is_met()
        self._yes("Which outcome does this action serve?", "To go to school")
        self._main().get_by_label("What will be done").fill("Walk to school together")
        self._submit("Save")
        expect(self.page.locator(".govuk-error-summary")).to_contain_text(
            "Enter who will do it: a person or an agency"
        )
        expect(self._main().get_by_label("What will be done")).to_have_value(
            "Walk to school together"
        )
        self._main().get_by_label("Who will do it").fill("Nan")
        due = self._main().get_by_role("group", name="By when")
        due.get_by_label("Day").fill("1")
        due.get_by_label("Month").fill("9")
        due.get_by_label("Year").fill("2030")
        self._main().get_by_label("Why it matters").fill("Getting there is the hard part")
        self._main().get_by_label("What happens if it is not done").fill("Cerys misses school")
        self._submit("Save")
        expect(self._main()).to_contain_text("Walk to school together")

    def when_i_record_the_familys_contribution_in_welsh(self):
        self.page.get_by_role(
            "link", name="Record contributions, agreement and contingency"
        ).click()
        self.then_the_accessibility_baseline_is_met()
        self._main().get_by_label("What the family will do").fill("Bydd mam yn codi gyda Cerys")
        self._yes("Does the family agree with the plan?", "Agrees")
        self._main().get_by_label("The family's views on the plan, in their words").fill(
            "Mae hyn yn iawn i ni"
        )
        self._main().get_by_label("Contingency plan").fill("Nan takes her if mam cannot")
        self._yes("Which language should the plan be written in?", "Welsh")
        self._submit("Save")
        expect(self._main()).to_contain_text("Bydd mam yn codi gyda Cerys")

    def when_i_authorise_the_plan(self):
        self.visit(self.plan_path)
        self._submit("Authorise the plan as it stands")
        expect(self._main()).to_contain_text("Version 1")

    def then_the_plan_prints_in_welsh(self):
        self.page.get_by_role("link", name="Print the plan in the family's language").click()
        expect(self.page.locator("html")).to_have_attribute("lang", "cy")
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Cynllun gofal a chymorth")
        expect(self._main()).to_contain_text("Bydd mam yn codi gyda Cerys")
        expect(self._main()).to_contain_text("Walk to school together")
        self.then_the_accessibility_baseline_is_met()
        self.page.emulate_media(media="print")
        self.screenshot("plan-print-cy")
        self.page.emulate_media(media="screen")

    def when_i_record_a_review_of_the_plan(self):
        self.visit(self.plan_path)
        expect(self._main()).to_contain_text("Timescale unconfirmed")
        self.page.get_by_role("link", name="Record a review").click()
        self.then_the_accessibility_baseline_is_met()
        self._main().get_by_label("Who attended").fill("Mam, Cerys, Nan and Siân (social worker)")
        self._submit("Save")
        errors = self.page.locator(".govuk-error-summary")
        expect(errors).to_contain_text("Enter the date of the review")
        expect(errors).to_contain_text("Select the progress made")
        expect(self._main().get_by_label("Who attended")).to_have_value(
            "Mam, Cerys, Nan and Siân (social worker)"
        )
        today = date.today()
        held = self._main().get_by_role("group", name="Date of the review")
        held.get_by_label("Day").fill(str(today.day))
        held.get_by_label("Month").fill(str(today.month))
        held.get_by_label("Year").fill(str(today.year))
        for radio in self._main().get_by_label("Making progress", exact=True).all():
            radio.check()
        self._main().get_by_role(
            "group", name="Action: Walk to school together (Nan)"
        ).get_by_label("Achieved or done").check()
        self._main().get_by_label("The child's and family's views at the review").fill(
            "Cerys: I like walking with Nan."
        )
        self.screenshot("plan-review-en")
        self._submit("Save")

    def then_the_review_and_the_next_review_date_show_on_the_plan(self):
        main = self._main()
        expect(self.page.locator("body")).to_contain_text("Review recorded")
        expect(main).to_contain_text("Cerys: I like walking with Nan.")
        expect(main).to_contain_text("Achieved or done")
        expect(main).to_contain_text("Due by")
        expect(main).not_to_contain_text("The plan has not been reviewed yet.")

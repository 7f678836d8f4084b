from playwright.sync_api import expect

from tests.system.journey import Journey


class TestSignIn(Journey):
    def test_wrong_password_is_refused_with_a_govuk_error(self):
        self.given_i_am_on_the_sign_in_page()
        self.when_i_sign_in_with_a_wrong_password()
        self.then_i_see_the_error_summary()
        self.then_the_accessibility_baseline_is_met()

    def test_sign_in_page_in_welsh(self):
        self.given_i_am_on_the_sign_in_page()
        self.when_i_switch_to_welsh()
        self.then_the_page_is_in_welsh()

    def given_i_am_on_the_sign_in_page(self):
        self.page.context.clear_cookies()
        self.visit("/")  # sends an anonymous visitor to sign in
        expect(self.page.get_by_role("heading", name="Sign in to Gofal")).to_be_visible()

    def when_i_sign_in_with_a_wrong_password(self):
        self.page.get_by_label("Username").fill("social.worker")
        self.page.get_by_label("Password").fill("not the password")
        self.page.get_by_role("button", name="Sign in").click()

    def then_i_see_the_error_summary(self):
        summary = self.page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("There is a problem")
        expect(summary).to_contain_text("Enter a correct username and password")
        expect(self.page.get_by_label("Username")).to_have_value("social.worker")

    def then_the_page_is_in_welsh(self):
        expect(self.page.get_by_role("heading", name="Mewngofnodi i Gofal")).to_be_visible()
        expect(self.page.get_by_role("link", name="Neidio i'r prif gynnwys")).to_be_attached()
        expect(self.page.get_by_role("button", name="Mewngofnodi")).to_be_visible()

"""Given/when/then steps shared by the browser journeys.

A journey is a class deriving from `Journey`; its test method reads as the story and calls
`given_*`, `when_*` and `then_*` methods. Every page the journey lands on is checked with axe
(`self.visit` and `self.then_the_accessibility_baseline_is_met`).
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.system.accessibility import Accessibility
from tests.system.server import RunningGofal

DEMO_PASSWORD = "gofal-demo-2026"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


class Journey:
    page: Page
    gofal: RunningGofal
    axe: Accessibility

    @pytest.fixture(autouse=True)
    def _journey(self, page: Page, gofal: RunningGofal, accessibility: Accessibility) -> None:
        self.page = page
        self.gofal = gofal
        self.axe = accessibility

    # Shared steps ---------------------------------------------------------------------------

    def visit(self, path: str) -> None:
        self.page.goto(path)
        self.then_the_accessibility_baseline_is_met()

    def then_the_accessibility_baseline_is_met(self) -> None:
        self.axe.check()

    def screenshot(self, name: str) -> None:
        """Keep a full-page picture of where the journey is, in var/screenshots/."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def given_i_am_signed_in_as(self, username: str) -> None:
        self.page.context.clear_cookies()
        self.visit("/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        expect(
            self.page.get_by_role("button", name=re.compile("Sign out|Allgofnodi"))
        ).to_be_visible()
        self.then_the_accessibility_baseline_is_met()

    def when_i_switch_to_welsh(self) -> None:
        self.page.get_by_role("link", name=re.compile("Cymraeg")).click()
        expect(self.page.locator("html")).to_have_attribute("lang", "cy")
        self.then_the_accessibility_baseline_is_met()

    def when_i_switch_to_english(self) -> None:
        self.page.get_by_role("link", name=re.compile("English")).click()
        expect(self.page.locator("html")).to_have_attribute("lang", "en")
        self.then_the_accessibility_baseline_is_met()

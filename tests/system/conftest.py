"""Fixtures for browser journeys: a real Gofal (see server.py), headless Debian Chromium, axe."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.system.accessibility import Accessibility
from tests.system.server import RunningGofal, running_gofal

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):  # noqa: ARG001
    for item in items:
        if "tests/system/" in item.nodeid:
            item.add_marker(pytest.mark.system)


@pytest.fixture(scope="session")
def gofal() -> Iterator[RunningGofal]:
    with running_gofal() as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(browser: Browser, gofal: RunningGofal) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=gofal.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context: BrowserContext) -> Page:
    return browser_context.new_page()


@pytest.fixture
def accessibility(request, page: Page) -> Iterator[Accessibility]:
    checker = Accessibility(page)
    yield checker
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.passed and checker.unchecked:
        pytest.fail("pages visited without an accessibility check: " + ", ".join(checker.unchecked))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # noqa: ARG001
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
    if report.failed and "gofal" in item.fixturenames:
        running = item.funcargs.get("gofal")
        if running is not None:
            report.sections.append(("Gofal server and worker logs", running.logs()))

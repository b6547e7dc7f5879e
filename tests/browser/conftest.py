"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

One browser per session; each test gets fresh contexts (cookies, viewport, JavaScript setting).
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import sync_playwright

# Playwright's sync API keeps an asyncio event loop in the main thread, and Django refuses ORM
# calls from a thread with a running loop; our ORM calls (content, flushes) are synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not installed at {CHROMIUM}: browser tests skipped"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message}, but REQUIRE_BROWSER=1 demands them", pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site_url(live_server, transactional_db):
    """The live server's address, serving the directory's initial content."""
    call_command("load_initial_content", verbosity=0)
    return live_server.url


@pytest.fixture
def new_page(browser):
    """Open a page in a new browser context; `options` go to browser.new_context()."""
    contexts = []

    def new_page(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def console_errors(page):
    """(message, url) for each console error and uncaught exception on `page`."""
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append((message.text, message.location.get("url")))

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append((f"Uncaught {error}", page.url)))
    return errors


@pytest.fixture
def visit(site_url):
    """Go to `path` on the live server and check the HTTP status of the page."""

    def visit(page, path, status=200):
        response = page.goto(site_url + path)
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        return response

    return visit


@pytest.fixture
def assert_accessible():
    axe = Axe()

    def assert_accessible(page):
        results = axe.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return assert_accessible


@pytest.fixture
def assert_no_horizontal_scroll():
    def assert_no_horizontal_scroll(page):
        width = page.viewport_size["width"]
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at a {width}px viewport"

    return assert_no_horizontal_scroll

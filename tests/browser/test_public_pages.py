import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}

# (path, expected status, text the page must show)
PAGES = [
    pytest.param("/", 200, "Four kinds of network", id="home"),
    pytest.param("/networks/", 200, "Filter the directory", id="directory"),
    pytest.param(
        "/networks/?kind=sub_regional", 200, "3 networks match your filters", id="filtered"
    ),
    pytest.param(
        "/networks/?kind=bogus",
        200,
        "We did not recognise the kind of network \u201cbogus\u201d",
        id="unknown-filter",
    ),
    pytest.param(
        "/networks/west-london-museums-group/", 200, "West London Museums Group", id="network"
    ),
    pytest.param("/networks/does-not-exist/", 404, "Page not found", id="not-found"),
]


@pytest.mark.parametrize(("path", "status", "text"), PAGES)
def test_page_loads_without_console_errors(page, console_errors, visit, path, status, text):
    response = visit(page, path, status)
    expect(page.locator("main")).to_contain_text(text)
    # Chromium logs an error status of the page itself (checked above) as a console error.
    own_status = f"Failed to load resource: the server responded with a status of {status} "
    unexpected = [
        (message, url)
        for message, url in console_errors
        if not (status >= 400 and url == response.url and message.startswith(own_status))
    ]
    assert unexpected == []


@pytest.mark.parametrize(("path", "status", "text"), PAGES)
def test_page_has_no_axe_violations(page, visit, assert_accessible, path, status, text):
    visit(page, path, status)
    assert_accessible(page)


@pytest.mark.parametrize(("path", "status", "text"), PAGES)
def test_first_tab_reaches_skip_link_to_main(page, visit, path, status, text):
    visit(page, path, status)
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_text("Skip to main content")
    expect(skip_link).to_be_visible()
    box = skip_link.bounding_box()
    viewport = page.viewport_size
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize(("path", "status", "text"), PAGES)
def test_page_reflows_at_320px(new_page, visit, assert_no_horizontal_scroll, path, status, text):
    page = new_page(viewport=NARROW)
    visit(page, path, status)
    assert_no_horizontal_scroll(page)


def test_filter_form_works_at_320px(new_page, visit, assert_no_horizontal_scroll):
    page = new_page(viewport=NARROW)
    visit(page, "/networks/")
    page.get_by_label("Kind of network").select_option(label="Sub-regional network")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"[?&]kind=sub_regional(&|$)"))
    expect(page.get_by_role("heading", name="Sub-regional networks")).to_be_visible()
    expect(page.get_by_role("heading", name="Area networks")).to_have_count(0)
    assert_no_horizontal_scroll(page)


def test_filter_by_sub_region_without_javascript(new_page, visit):
    page = new_page(java_script_enabled=False)
    visit(page, "/networks/")
    page.get_by_label("Sub-region", exact=True).select_option(label="West London")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"[?&]region=west-london(&|$)"))
    expect(page.get_by_text("1 network matches your filters")).to_be_visible()
    expect(page.get_by_role("link", name="West London Museums Group")).to_be_visible()
    expect(page.get_by_role("link", name="North & East London Museums Group")).to_have_count(0)

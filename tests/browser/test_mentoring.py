"""The mentoring forms in real Chromium: axe in clean and error states and on the confirmation
pages, the error summary taking focus and linking to fields, without JavaScript, at 320px, and
the back button not making a second record."""

import datetime
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from mentoring.models import SupportRequest, Volunteer
from tests.networks.factories import TopicFactory

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
FORMS = {"volunteer": "/mentoring/volunteer/", "request": "/mentoring/request/"}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def topics(site_url):
    return [TopicFactory(name="Collections care"), TopicFactory(name="Learning")]


def fill_volunteer_form(page):
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_label("Email address").fill("ada@example.org")
    page.get_by_label("Your current role").fill("Collections Manager")
    page.get_by_label("Organisation").fill("Example Museum")
    page.get_by_label("Museum Mentor", exact=True).check()
    page.get_by_label("Collections care").check()
    page.get_by_label("I have been a Museum Mentor").check()
    page.get_by_label("How many museums could you support at the same time?").fill("2")
    page.get_by_label("West London").check()
    page.get_by_label("When are you available?").fill("Weekday afternoons")
    page.get_by_label("I agree to the Museum Development team").check()


def fill_request_form(page):
    page.get_by_label("Museum name").fill("Tiny Tram Museum")
    page.get_by_label("Your name").fill("Grace Hopper")
    page.get_by_label("Email address").fill("grace@tram.example")
    page.get_by_label("Phone number").fill("020 7946 0000")
    page.get_by_label("A Museum Mentor for Accreditation").check()
    page.get_by_label("Working towards Accreditation").check()
    # A deadline next March, whatever today is.
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill(str(datetime.date.today().year + 1))
    page.get_by_role("group", name="Does the museum have paid professional staff?").get_by_label(
        "No"
    ).check()
    page.get_by_label("Central London").check()
    page.get_by_label("What do you need?").fill("We need a mentor for Accreditation.")
    page.get_by_label("I agree to the Museum Development team").check()


FILL = {"volunteer": fill_volunteer_form, "request": fill_request_form}
SUBMIT = {"volunteer": "Send my offer", "request": "Send my request"}
MODEL = {"volunteer": Volunteer, "request": SupportRequest}


@pytest.mark.parametrize("path", ["/mentoring/", *FORMS.values()])
def test_pages_have_no_axe_violations(page, visit, assert_accessible, topics, path):
    visit(page, path)
    assert_accessible(page)


@pytest.mark.parametrize("form", FORMS)
def test_error_state_is_accessible_and_the_summary_takes_focus(
    page, visit, assert_accessible, console_errors, topics, form
):
    visit(page, FORMS[form])
    page.get_by_role("button", name=SUBMIT[form]).click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    assert console_errors == []

    # The first link goes to the first field, which says the same thing.
    first = summary.get_by_role("link").first
    message = first.inner_text()
    first.click()
    expect(page.locator(":focus")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".form-group--error").first).to_contain_text(message)
    assert MODEL[form].objects.count() == 0


def test_radio_group_link_focuses_its_first_option(page, visit, topics):
    visit(page, FORMS["request"])
    page.get_by_role("button", name=SUBMIT["request"]).click()
    page.locator(".error-summary").get_by_role(
        "link", name="Select the support you would like"
    ).click()
    expect(page.get_by_label("A Museum Mentor for Accreditation")).to_be_focused()


@pytest.mark.parametrize("form", FORMS)
def test_submit_shows_an_accessible_confirmation_with_the_reference(
    page, visit, assert_accessible, topics, form
):
    visit(page, FORMS[form])
    FILL[form](page)
    page.get_by_role("button", name=SUBMIT[form]).click()

    record = MODEL[form].objects.get()
    expect(page).to_have_url(re.compile(r"/confirmation/$"))
    expect(page.locator(".confirmation-panel")).to_contain_text(record.reference)
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("form", FORMS)
def test_back_button_and_submitting_again_makes_no_second_record(page, visit, topics, form):
    visit(page, FORMS[form])
    FILL[form](page)
    page.get_by_role("button", name=SUBMIT[form]).click()
    expect(page).to_have_url(re.compile(r"/confirmation/$"))

    page.go_back()
    if page.get_by_role("button", name=SUBMIT[form]).count():
        FILL[form](page)  # Whatever the browser kept, the hidden token is the same page's.
        page.get_by_role("button", name=SUBMIT[form]).click()
    expect(page).to_have_url(re.compile(r"/confirmation/$"))
    assert MODEL[form].objects.count() == 1
    expect(page.locator(".confirmation-panel")).to_contain_text(MODEL[form].objects.get().reference)


@pytest.mark.parametrize("form", FORMS)
def test_forms_work_without_javascript(new_page, visit, topics, form):
    page = new_page(java_script_enabled=False)
    visit(page, FORMS[form])
    page.get_by_role("button", name=SUBMIT[form]).click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".error-summary")).to_be_focused()  # autofocus, no script needed

    FILL[form](page)
    page.get_by_role("button", name=SUBMIT[form]).click()
    expect(page.locator(".confirmation-panel")).to_contain_text(MODEL[form].objects.get().reference)


@pytest.mark.parametrize("form", FORMS)
def test_forms_reflow_at_320px_in_clean_and_error_states(
    new_page, visit, assert_no_horizontal_scroll, topics, form
):
    page = new_page(viewport=NARROW)
    visit(page, FORMS[form])
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name=SUBMIT[form]).click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_no_horizontal_scroll(page)
    FILL[form](page)
    page.get_by_role("button", name=SUBMIT[form]).click()
    expect(page.locator(".confirmation-panel")).to_be_visible()
    assert_no_horizontal_scroll(page)


def test_values_are_kept_after_an_error(page, visit, topics):
    visit(page, FORMS["volunteer"])
    fill_volunteer_form(page)
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name=SUBMIT["volunteer"]).click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Enter an email address in the correct format, like name@example.com"
    )
    expect(page.get_by_label("Full name")).to_have_value("Ada Lovelace")
    expect(page.get_by_label("Museum Mentor", exact=True)).to_be_checked()
    expect(page.get_by_label("West London")).to_be_checked()
    expect(page.get_by_label("When are you available?")).to_have_value("Weekday afternoons")

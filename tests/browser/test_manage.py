"""A network's contact keeps its page, in real Chromium: the sign-in link requested and opened
from the email in the outbox, the network's details changed, a meeting posted and then seen on
the public page and in the network's calendar feed. axe on every page and error state, no
console errors (a CSP violation is one), without JavaScript and at 320px."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from networks.manage.account import LINK_STATUS
from networks.models import Network, NetworkRole
from tests.networks.factories import NetworkRoleFactory

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
NETWORK = "west-london-museums-group"
EMAIL = "ada@museum.example"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def contact(site_url):
    """The chair of a network whose contacts' changes are published at once."""
    network = Network.objects.get(slug=NETWORK)
    network.changes_need_review = False
    network.save()
    return NetworkRoleFactory(
        network=network,
        person__name="Ada Lovelace",
        person__email=EMAIL,
        role=NetworkRole.Role.CHAIR,
        confirmed_on=datetime.date(2024, 3, 1),
    )


def sign_in_link():
    """The path of the sign-in link in the one email sent (its host is SITE_URL's)."""
    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    url = re.search(r"https?://\S+/manage/sign-in/\S+/", message.body).group(0)
    return urlsplit(url).path


def request_link(page, visit, assert_accessible):
    visit(page, "/manage/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_role("button", name="Send me a sign-in link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)


def open_link(page, visit, assert_accessible):
    visit(page, sign_in_link())
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your networks")
    assert_accessible(page)


def fill_when(page, group, moment):
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(moment.day))
    fieldset.get_by_label("Month").fill(str(moment.month))
    fieldset.get_by_label("Year").fill(str(moment.year))
    fieldset.get_by_label("Time").fill(f"{moment:%H:%M}")


def test_a_contact_signs_in_from_the_email_edits_the_page_and_posts_a_meeting(
    page, visit, assert_accessible, console_errors, contact, site_url
):
    request_link(page, visit, assert_accessible)
    open_link(page, visit, assert_accessible)

    # The network's details, published at once.
    page.get_by_role("link", name=re.compile("Change its details")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change the details")
    assert_accessible(page)
    page.get_by_label("Summary").fill("Registrars and curators of west London, sharing skills.")
    page.get_by_role("button", name="Save the details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your change is published")
    assert_accessible(page)

    # A meeting: first with a mistake, then right.
    visit(page, f"/manage/networks/{NETWORK}/meetings/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a meeting").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save the meeting").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".error-summary")).to_be_focused()
    assert_accessible(page)
    start = (timezone.localtime() + datetime.timedelta(days=20)).replace(
        hour=18, minute=30, second=0, microsecond=0
    )
    page.get_by_label("Title").fill("Winter skills swap")
    fill_when(page, "Starts", start)
    fill_when(page, "Ends", start + datetime.timedelta(hours=2))
    page.get_by_role("group", name="How people attend").get_by_label("Online", exact=True).check()
    page.get_by_label("Online joining link").fill("https://meet.example.org/winter")
    page.get_by_label("It is free").check()
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Meetings of West London Museums Group"
    )
    expect(page.get_by_role("status")).to_contain_text("Winter skills swap")
    assert_accessible(page)

    # What the public sees: the page and the network's calendar feed.
    visit(page, f"/networks/{NETWORK}/")
    expect(
        page.get_by_text("Registrars and curators of west London, sharing skills.")
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Winter skills swap"))).to_be_visible()
    feed = page.request.get(f"{site_url}/events/networks/{NETWORK}/calendar.ics")
    assert feed.status == 200
    assert "SUMMARY:Winter skills swap" in feed.text()

    # Signing out ends it: the home page asks for a link again.
    visit(page, "/manage/home/")
    page.get_by_role("button", name="Sign out").click()
    assert_accessible(page)
    visit(page, "/manage/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage your network's page")
    assert console_errors == []


def every_page_and_error_state(page, visit, check, contact):
    """Sign in and go through every contact page and form error state, calling `check` on
    each (axe cannot run where JavaScript is off, so there `check` looks at the layout)."""
    visit(page, "/manage/")
    check(page)
    page.get_by_role("button", name="Send me a sign-in link").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    check(page)
    request_link(page, visit, check)
    open_link(page, visit, check)
    for path in (
        "/manage/home/",
        f"/manage/networks/{NETWORK}/details/",
        f"/manage/networks/{NETWORK}/meetings/",
        f"/manage/networks/{NETWORK}/meetings/add/",
        f"/manage/networks/{NETWORK}/suggestions/",
        "/manage/your-details/",
        f"/manage/roles/{contact.pk}/hand-over/",
    ):
        visit(page, path)
        check(page)
    visit(page, f"/manage/networks/{NETWORK}/details/")
    page.get_by_label("Website").fill("not a web address")
    page.get_by_role("button", name="Save the details").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    check(page)


def test_every_contact_page_and_error_state_is_accessible_at_320px(
    new_page, visit, assert_accessible, assert_no_horizontal_scroll, contact
):
    def check(page):
        assert_accessible(page)
        assert_no_horizontal_scroll(page)

    every_page_and_error_state(new_page(viewport=NARROW), visit, check, contact)


def test_the_contacts_pages_work_without_javascript_at_320px(
    new_page, visit, assert_no_horizontal_scroll, contact
):
    page = new_page(java_script_enabled=False, viewport=NARROW)
    every_page_and_error_state(page, visit, assert_no_horizontal_scroll, contact)


def test_a_used_or_unknown_link_says_what_to_do(page, visit, assert_accessible, contact):
    request_link(page, visit, assert_accessible)
    link = sign_in_link()
    open_link(page, visit, assert_accessible)
    visit(page, "/manage/home/")
    page.get_by_role("button", name="Sign out").click()
    visit(page, link, status=410)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    assert_accessible(page)
    visit(page, "/manage/sign-in/not-a-real-token/", status=LINK_STATUS["invalid"])
    expect(page.get_by_role("heading", level=1)).to_have_text("This link is not valid")
    assert_accessible(page)

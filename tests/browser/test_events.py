"""The calendar in real Chromium: every events page passes axe (WCAG 2.2 AA), reflows at 320px
and logs no console errors; filters and pagination work without JavaScript."""

import datetime
import re

import factory
import pytest
from playwright.sync_api import expect

from networks.calendar.views import PER_PAGE
from networks.models import Network
from tests.networks.factories import (
    EventFactory,
    EventWithImageFactory,
    NetworkFactory,
    VenueFactory,
    days_from_now,
    tiny_png,
)

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def calendar(site_url, settings, tmp_path):
    """Events of every kind and state, beside the directory's initial content."""
    settings.MEDIA_ROOT = tmp_path / "media"
    west = Network.objects.get(slug="west-london-museums-group")
    NetworkFactory(
        slug="docklands-curators",
        name="Docklands Curators",
        status=Network.Status.CLOSED,
        closed_on=datetime.date(2024, 3, 31),
        closure_note="Its members now meet with **West London Museums Group**.",
        successor=west,
    )
    EventWithImageFactory(
        slug="with-a-picture",
        title="Quilts up close",
        image=factory.django.FileField(filename="wide.png", data=tiny_png(1600, 400)),
        image_alt="A quilt, close up, under a lamp.",
    )
    venue = VenueFactory(
        name="Gunnersbury Park Museum",
        address="Popes Lane\nActon",
        postcode="W3 8LQ",
        sub_region=west.sub_region,
        website="https://gunnersbury.example/",
        access_notes="Step-free entrance from the car park.",
    )
    EventFactory(
        slug="caring-for-textiles",
        title="Caring for textiles",
        kind="observation",
        network=west,
        organiser_name="",
        venue=venue,
        description="Bring **gloves**. See [the guide](https://example.org/textiles).",
        booking_url="https://book.example/textiles",
        is_free=False,
        cost="£25, or £15 for volunteers",
        capacity=12,
        audience="Volunteers in small museums",
    )
    # A start date of its own: the factory's default depends on how many events earlier tests
    # made, which could put it on the second page of the list.
    EventFactory(
        slug="called-off", title="Pest management", status="cancelled", start=days_from_now(1)
    )
    EventFactory(
        slug="online-webinar",
        title="Digitisation basics",
        kind="webinar",
        attendance_mode="online",
        venue=None,
        online_url="https://meet.example/j/1",
    )
    EventFactory(slug="secret-draft", title="Secret draft", is_published=False)
    EventFactory.create_batch(PER_PAGE, kind="network_meeting", network=west, venue=venue)
    start = days_from_now(-14)
    EventFactory(
        slug="last-month",
        title="Collections review",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    return site_url


# (path, expected status, text the page must show)
PAGES = [
    pytest.param("/events/", 200, "upcoming events", id="events"),
    pytest.param("/events/?page=2", 200, "upcoming events", id="events-page-2"),
    pytest.param(
        "/events/?kind=network_meeting&network=west-london-museums-group&mode=in_person",
        200,
        "match your filters",
        id="events-filtered",
    ),
    pytest.param(
        "/events/?kind=bogus&page=x",
        200,
        "We did not recognise the kind of event \u201cbogus\u201d",
        id="events-bad-filter",
    ),
    pytest.param("/events/?kind=conference", 200, "No upcoming events match", id="no-events"),
    pytest.param("/events/past/", 200, "Collections review", id="past"),
    pytest.param("/events/caring-for-textiles/", 200, "Gunnersbury Park Museum", id="event"),
    pytest.param("/events/called-off/", 200, "This event has been cancelled.", id="cancelled"),
    pytest.param("/events/online-webinar/", 200, "This is an online event.", id="online"),
    pytest.param("/events/last-month/", 200, "This event has finished.", id="finished"),
    pytest.param("/events/secret-draft/", 404, "Page not found", id="draft"),
    pytest.param("/events/with-a-picture/", 200, "Add to Google Calendar", id="image"),
    pytest.param("/networks/docklands-curators/", 410, "has closed", id="closed-network"),
    pytest.param("/", 200, "Upcoming MDO training", id="home"),
    pytest.param("/networks/west-london-museums-group/", 200, "Next meetings", id="network"),
]


@pytest.mark.parametrize(("path", "status", "text"), PAGES)
def test_events_page_is_accessible_and_quiet(
    page, calendar, console_errors, visit, assert_accessible, path, status, text
):
    response = visit(page, path, status)
    expect(page.locator("main")).to_contain_text(text)
    assert_accessible(page)
    # Chromium logs the page's own error status (checked above) as a console error.
    own_status = f"the server responded with a status of {status} "
    assert [
        (message, url)
        for message, url in console_errors
        if not (status >= 400 and url == response.url and own_status in message)
    ] == []


@pytest.mark.parametrize(("path", "status", "text"), PAGES)
def test_events_page_reflows_at_320px(
    new_page, calendar, visit, assert_no_horizontal_scroll, path, status, text
):
    page = new_page(viewport=NARROW)
    visit(page, path, status)
    assert_no_horizontal_scroll(page)


def test_filter_events_without_javascript(new_page, calendar, visit):
    page = new_page(java_script_enabled=False)
    visit(page, "/events/")
    page.get_by_label("Kind of event").select_option(label="Opportunity to observe a session")
    page.get_by_label("Attendance").select_option(label="In person")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"[?&]kind=observation&.*mode=in_person"))
    expect(page.get_by_text("1 upcoming event matches your filters.")).to_be_visible()
    expect(page.get_by_role("link", name="Caring for textiles")).to_be_visible()
    expect(page.get_by_role("link", name="Digitisation basics")).to_have_count(0)
    # The feed offered is the filtered one.
    feed = page.get_by_role("link", name=re.compile("^Download the events you have chosen"))
    expect(feed).to_have_attribute("href", "/events/calendar.ics?kind=observation&mode=in_person")


def test_filter_form_works_at_320px(new_page, calendar, visit, assert_no_horizontal_scroll):
    page = new_page(viewport=NARROW)
    visit(page, "/events/")
    page.get_by_label("Network").select_option(label="West London Museums Group")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"[?&]network=west-london-museums-group(&|$)"))
    expect(page.get_by_role("link", name="Pest management")).to_have_count(0)
    assert_no_horizontal_scroll(page)


def test_pagination_without_javascript(new_page, calendar, visit):
    page = new_page(java_script_enabled=False)
    visit(page, "/events/")
    pagination = page.get_by_role("navigation", name="Pagination")
    expect(pagination.get_by_role("link", name="Page 1")).to_have_attribute("aria-current", "page")
    pagination.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    expect(pagination.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    expect(pagination.get_by_role("link", name="Previous page")).to_be_visible()


def test_cancelled_event_says_so_in_the_list(page, calendar, visit):
    visit(page, "/events/")
    expect(page.get_by_role("link", name="Cancelled: Pest management")).to_be_visible()


def test_add_to_calendar_gives_an_ics_file_for_the_event(page, calendar, visit):
    visit(page, "/events/caring-for-textiles/")
    link = page.get_by_role("link", name="Add Caring for textiles to your calendar")
    response = page.request.get(calendar + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    body = response.text()
    assert body.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Caring for textiles" in body


def test_network_page_links_to_its_feed_and_webcal_subscription(page, calendar, visit):
    visit(page, "/networks/west-london-museums-group/")
    subscribe = page.get_by_role("link", name=re.compile("^Subscribe to this network"))
    expect(subscribe).to_have_attribute(
        "href",
        re.compile(r"^webcal://[^/]+/events/networks/west-london-museums-group/calendar\.ics$"),
    )
    download = page.get_by_role("link", name=re.compile("^Download this network"))
    response = page.request.get(calendar + download.get_attribute("href"))
    assert response.status == 200
    assert response.text().count("BEGIN:VEVENT") == PER_PAGE + 1

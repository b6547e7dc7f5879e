"""Add to Google Calendar and Add to Outlook on an event's page: plain links, filled in."""

import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.helpers.html import text
from tests.networks.factories import EventFactory, VenueFactory, days_from_now

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(datetime.datetime(2027, 6, 1, 12, tzinfo=LONDON), tick=False)


def link(html, label):
    start = html.index(f">{label}")
    href = html.rindex('href="', 0, start) + len('href="')
    return html[href : html.index('"', href)].replace("&amp;", "&")


def summer_event():
    return EventFactory(
        title="Caring for textiles",
        summary="Hands-on care of textiles.",
        start=datetime.datetime(2027, 7, 6, 10, tzinfo=LONDON),
        end=datetime.datetime(2027, 7, 6, 13, tzinfo=LONDON),
        venue=VenueFactory(
            name="Gunnersbury Park Museum", address="Popes Lane\nActon", postcode="W3 8LQ"
        ),
    )


def test_google_calendar_link_is_filled_in_with_times_in_utc(client, frozen):
    event = summer_event()
    url = link(client.get(event.get_absolute_url()).content.decode(), "Add to Google Calendar")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://calendar.google.com/calendar/render"
    )
    assert parse_qs(parts.query) == {
        "action": ["TEMPLATE"],
        "text": ["Caring for textiles"],
        # 10am British Summer Time is 9am UTC.
        "dates": ["20270706T090000Z/20270706T120000Z"],
        "details": [f"Hands-on care of textiles.\n\nhttp://testserver{event.get_absolute_url()}"],
        "location": ["Gunnersbury Park Museum, Popes Lane, Acton, W3 8LQ"],
    }


def test_outlook_link_is_filled_in(client, frozen):
    event = summer_event()
    url = link(client.get(event.get_absolute_url()).content.decode(), "Add to Outlook")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://outlook.live.com/calendar/0/deeplink/compose"
    )
    query = parse_qs(parts.query)
    assert query["subject"] == ["Caring for textiles"]
    assert (query["startdt"], query["enddt"]) == (
        ["2027-07-06T09:00:00Z"],
        ["2027-07-06T12:00:00Z"],
    )
    assert query["location"] == ["Gunnersbury Park Museum, Popes Lane, Acton, W3 8LQ"]
    assert query["body"][0].endswith(f"http://testserver{event.get_absolute_url()}")


def test_online_event_links_give_the_joining_link_as_the_place(client):
    event = EventFactory(attendance_mode="online", venue=None, online_url="https://meet.example/1")
    html = client.get(event.get_absolute_url()).content.decode()
    google = parse_qs(urlsplit(link(html, "Add to Google Calendar")).query)
    assert google["location"] == ["https://meet.example/1"]


def test_every_calendar_link_sits_together_on_an_event_to_come(client):
    event = EventFactory(title="Pest management")
    html = client.get(event.get_absolute_url()).content.decode()
    page = text(client.get(event.get_absolute_url()))
    assert f'href="{reverse("events:event_feed", kwargs={"slug": event.slug})}"' in html
    for label, site in [("Add to Google Calendar", "Google"), ("Add to Outlook", "Microsoft")]:
        hidden = f": Pest management (on {site}{APOSTROPHE}s website)"
        assert f'>{label}<span class="visually-hidden">{hidden}</span></a>' in html
    assert "Add Pest management to your calendar" in page


@pytest.mark.parametrize("when", ["cancelled", "past"])
def test_no_calendar_links_on_a_cancelled_or_past_event(client, when):
    start = days_from_now(-3 if when == "past" else 3)
    event = EventFactory(
        status="cancelled" if when == "cancelled" else "scheduled",
        start=start,
        end=start + datetime.timedelta(hours=2),
        attendance_mode="online",
        venue=None,
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "calendar.google.com" not in html
    assert "outlook.live.com" not in html
    assert f"/events/{event.slug}/calendar.ics" not in html
    assert "Add to your calendar" not in html
    # Nothing to book or join any more.
    assert "The joining link is sent to you when you book." not in text(
        client.get(event.get_absolute_url())
    )


def test_past_online_event_does_not_offer_its_joining_link(client):
    start = days_from_now(-3)
    event = EventFactory(
        start=start,
        end=start + datetime.timedelta(hours=2),
        attendance_mode="online",
        venue=None,
        online_url="https://meet.example/old",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "This event has finished." in html
    assert 'href="https://meet.example/old"' not in html

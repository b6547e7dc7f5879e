"""schema.org Event as JSON-LD on every event page, parsed back from the HTML."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest

from networks.models import Network
from tests.networks.factories import (
    EventFactory,
    EventWithImageFactory,
    NetworkFactory,
    SubRegionFactory,
    VenueFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SCHEMA = "https://schema.org/"


def json_ld(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_in_person_event_has_every_property(client, time_machine):
    time_machine.move_to(datetime.datetime(2027, 6, 1, 12, tzinfo=LONDON), tick=False)
    network = NetworkFactory(name="West London Museums Group", slug="west")
    event = EventFactory(
        title="Caring for textiles",
        summary="Hands-on care of textiles.",
        network=network,
        organiser_name="",
        start=datetime.datetime(2027, 7, 6, 10, tzinfo=LONDON),
        end=datetime.datetime(2027, 7, 6, 13, tzinfo=LONDON),
        venue=VenueFactory(
            name="Gunnersbury Park Museum",
            address="Popes Lane\nActon",
            postcode="W3 8LQ",
            sub_region=SubRegionFactory(name="West London"),
            website="https://gunnersbury.example/",
        ),
        is_free=False,
        cost="£25",
        booking_url="https://book.example/t",
    )
    data = json_ld(client, event)
    url = f"http://testserver{event.get_absolute_url()}"
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Caring for textiles",
        "description": "Hands-on care of textiles.",
        # British Summer Time: the offset is written out.
        "startDate": "2027-07-06T10:00:00+01:00",
        "endDate": "2027-07-06T13:00:00+01:00",
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "Gunnersbury Park Museum",
            "url": "https://gunnersbury.example/",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Popes Lane, Acton",
                "addressLocality": "London",
                "addressRegion": "West London",
                "postalCode": "W3 8LQ",
                "addressCountry": "GB",
            },
        },
        "organizer": {
            "@type": "Organization",
            "name": "West London Museums Group",
            "url": "http://testserver/networks/west/",
        },
        "offers": {
            "@type": "Offer",
            "url": "https://book.example/t",
            "description": "£25",
            "price": "25",
            "priceCurrency": "GBP",
            "availability": SCHEMA + "InStock",
        },
        "url": url,
    }


def test_winter_dates_have_a_zero_offset(client):
    event = EventFactory(
        start=datetime.datetime(2027, 1, 12, 10, tzinfo=LONDON),
        end=datetime.datetime(2027, 1, 12, 12, tzinfo=LONDON),
    )
    data = json_ld(client, event)
    assert (data["startDate"], data["endDate"]) == (
        "2027-01-12T10:00:00+00:00",
        "2027-01-12T12:00:00+00:00",
    )


def test_online_event_has_a_virtual_location(client):
    event = EventFactory(
        attendance_mode="online", venue=None, online_url="https://meet.example/j/1"
    )
    data = json_ld(client, event)
    assert data["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example/j/1"}
    assert data["organizer"] == {"@type": "Organization", "name": "MDO team"}


def test_hybrid_event_has_both_locations(client):
    event = EventFactory(attendance_mode="hybrid", venue__name="Horniman Museum")
    data = json_ld(client, event)
    assert data["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    # No joining link yet: the event's own page is where to find it.
    assert data["location"][1]["url"] == f"http://testserver{event.get_absolute_url()}"


@pytest.mark.parametrize(
    ("status", "schema_status"),
    [
        ("cancelled", "EventCancelled"),
        ("postponed", "EventPostponed"),
        ("moved_online", "EventMovedOnline"),
    ],
)
def test_event_status(client, status, schema_status):
    data = json_ld(client, EventFactory(status=status))
    assert data["eventStatus"] == SCHEMA + schema_status
    if status == "moved_online":
        assert data["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
        assert data["location"]["@type"] == "VirtualLocation"


def test_free_event_offer_has_a_zero_price(client):
    data = json_ld(client, EventFactory(is_free=True, booking_url=""))
    assert data["offers"]["price"] == "0"
    assert data["offers"]["priceCurrency"] == "GBP"


def test_offer_without_a_single_price_keeps_the_text(client):
    data = json_ld(client, EventFactory(is_free=False, cost="£25, or £15 for volunteers"))
    assert data["offers"]["description"] == "£25, or £15 for volunteers"
    assert "price" not in data["offers"]


def test_no_offer_when_the_cost_is_not_known(client):
    assert "offers" not in json_ld(client, EventFactory(is_free=False, cost=""))


def test_closed_network_is_named_without_a_link(client):
    network = NetworkFactory(name="Old Group", status=Network.Status.CLOSED)
    assert json_ld(client, EventFactory(network=network))["organizer"] == {
        "@type": "Organization",
        "name": "Old Group",
    }


def test_json_ld_cannot_break_out_of_its_script_block(client):
    event = EventFactory(title="</script><script>alert(1)</script>", summary="a & b <i>")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    data = json_ld(client, event)
    assert data["name"] == "</script><script>alert(1)</script>"
    assert data["description"] == "a & b <i>"


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        ({}, "InStock"),
        ({"capacity": 12}, "LimitedAvailability"),
        ({"places_limited": True}, "LimitedAvailability"),
        ({"status": "moved_online"}, "InStock"),
        ({"status": "cancelled"}, "Discontinued"),
    ],
)
def test_offer_says_what_is_known_of_the_places(client, details, expected):
    data = json_ld(client, EventFactory(is_free=True, **details))
    assert data["offers"]["availability"] == SCHEMA + expected
    assert (data["offers"]["price"], data["offers"]["priceCurrency"]) == ("0", "GBP")


def test_postponed_event_claims_no_availability(client):
    data = json_ld(client, EventFactory(is_free=False, cost="£10", status="postponed"))
    assert "availability" not in data["offers"]
    assert (data["offers"]["price"], data["offers"]["priceCurrency"]) == ("10", "GBP")


def test_finished_event_offers_no_places(client):
    start = days_from_now(-2)
    event = EventFactory(is_free=True, start=start, end=start + datetime.timedelta(hours=2))
    assert json_ld(client, event)["offers"]["availability"] == SCHEMA + "Discontinued"


def test_event_with_an_image_names_it(client):
    event = EventWithImageFactory()
    data = json_ld(client, event)
    assert data["image"] == [f"http://testserver/events/{event.slug}/image"]
    assert "image" not in json_ld(client, EventFactory())

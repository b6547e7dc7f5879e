"""Calendar programs poll: every feed describes itself as RFC 7986 says, and feeds, open data
and pages answer a repeated request with 304 Not Modified until they change."""

import icalendar
import pytest
from django.urls import reverse

from tests.networks.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feeds():
    network = NetworkFactory(slug="west")
    event = EventFactory(network=network)
    return [
        reverse("events:feed"),
        reverse("events:network_feed", args=["west"]),
        reverse("events:event_feed", args=[event.slug]),
    ]


def test_every_feed_carries_the_rfc_7986_calendar_properties(client, feeds):
    for url in feeds:
        calendar = icalendar.Calendar.from_ical(client.get(url).content)
        for name in ("NAME", "DESCRIPTION", "URL", "REFRESH-INTERVAL", "SOURCE"):
            assert calendar.get(name), f"{url} has no {name}"
        assert str(calendar["SOURCE"]) == str(calendar["URL"])
        assert str(calendar["SOURCE"]).endswith(url)


def test_feeds_open_data_and_pages_answer_304_until_they_change(client, feeds):
    urls = [*feeds, reverse("networks:networks_csv"), reverse("networks:events_csv"), "/"]
    for url in urls:
        first = client.get(url)
        etag = first["ETag"]
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304, url
        assert again.content == b""
    EventFactory(title="Something new")
    changed = client.get(feeds[0], headers={"if-none-match": client.get(feeds[0])["ETag"] + "x"})
    assert changed.status_code == 200

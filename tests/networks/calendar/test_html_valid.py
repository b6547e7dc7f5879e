"""Every events page, in each state a person can meet, is valid HTML (W3C Nu HTML Checker)."""

import datetime

import pytest

from networks.calendar.views import PER_PAGE
from tests.helpers.html import assert_valid_html, crawl, java_or_skip
from tests.networks.factories import (
    EventFactory,
    EventWithImageFactory,
    NetworkFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db


def test_every_events_page_is_valid_html(client, tmp_path, media_root):
    java_or_skip()
    network = NetworkFactory(slug="west")
    EventFactory.create_batch(PER_PAGE, network=network, description="Bring **gloves**.")
    EventFactory(status="cancelled", booking_url="https://book.example/x")
    EventFactory(status="postponed", is_free=False, cost="£10", capacity=20)
    EventFactory(status="moved_online", online_url="https://meet.example/1")
    EventFactory(attendance_mode="online", venue=None, places_limited=True)
    EventFactory(attendance_mode="hybrid", venue__website="https://museum.example/")
    EventWithImageFactory(title="With a picture & a description")
    start = days_from_now(-10)
    EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    pages = crawl(client, "/events/")
    for url in ["/events/?kind=bogus&page=x", "/events/?network=west&mode=online", "/"]:
        pages[url] = client.get(url).content.decode()
    assert "/events/?page=2" in pages
    assert sum(url.count("/events/") and url.endswith("/") for url in pages) > PER_PAGE
    assert_valid_html(pages, tmp_path)

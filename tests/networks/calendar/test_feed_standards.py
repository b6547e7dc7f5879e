"""Calendar programs poll: every feed describes itself as RFC 7986 says, and feeds, open data
and pages answer a repeated request with 304 Not Modified until they change."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from tests.networks.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db


HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def moment(time_machine):
    """Now, held still, so that Last-Modified moves only when the test moves the clock."""
    now = timezone.now().replace(microsecond=0)
    time_machine.move_to(now, tick=False)
    return now


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


def polled(feeds):
    """What programs poll: the calendar feeds and the four open data files. (The Atom feed of
    new events has the Last-Modified Django's syndication framework gives it: its newest
    entry.)"""
    files = [
        reverse(f"networks:{name}_{fmt}")
        for name in ("networks", "events")
        for fmt in ("csv", "json")
    ]
    return [*feeds, *files]


def test_json_open_data_answers_304_until_the_data_changes(client, feeds):
    for url in (reverse("networks:networks_json"), reverse("networks:events_json")):
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304, url
    NetworkFactory(name="A network just listed")
    url = reverse("networks:networks_json")
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert "A network just listed" in changed.content.decode()


def test_feeds_and_open_data_say_when_they_last_changed_and_answer_if_modified_since(
    client, feeds, moment, time_machine
):
    urls = polled(feeds)
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        last_modified = first["Last-Modified"]
        assert parse_http_date(last_modified) <= moment.timestamp(), url
        again = client.get(url, headers={"if-modified-since": last_modified})
        assert again.status_code == 304, url
        assert again.content == b""

    time_machine.move_to(moment + HOUR, tick=False)
    NetworkFactory(slug="west-2", name="West London again")
    for url in urls:
        answer = client.get(url, headers={"if-modified-since": http_date(moment.timestamp())})
        assert answer.status_code == 200, url
        assert answer["Last-Modified"] == http_date((moment + HOUR).timestamp()), url


def test_a_poll_of_an_unchanged_feed_does_not_make_the_feed(
    client, feeds, django_assert_max_num_queries
):
    last_modified = client.get(feeds[0])["Last-Modified"]
    with django_assert_max_num_queries(3):
        answer = client.get(feeds[0], headers={"if-modified-since": last_modified})
    assert answer.status_code == 304


def test_an_event_ending_moves_the_calendars_last_modified_on(client, moment, time_machine):
    event = EventFactory(start=moment + HOUR, end=moment + 2 * HOUR)
    feed, events_json = reverse("events:feed"), reverse("networks:events_json")
    before = {url: client.get(url)["Last-Modified"] for url in (feed, events_json)}

    time_machine.move_to(moment + 3 * HOUR, tick=False)
    for url in (feed, events_json):
        answer = client.get(url, headers={"if-modified-since": before[url]})
        assert answer.status_code == 200, url
        assert answer["Last-Modified"] == http_date(event.end.timestamp()), url
    assert event.slug not in client.get(events_json).content.decode()


def test_an_event_leaving_the_feeds_history_moves_last_modified_on(client, moment, time_machine):
    from networks.calendar.models import Event

    event = EventFactory(start=moment + HOUR, end=moment + 2 * HOUR)
    left = event.end + Event.FEED_HISTORY
    time_machine.move_to(left - HOUR, tick=False)
    before = client.get(reverse("events:feed"))
    assert event.slug in before.content.decode()

    time_machine.move_to(left + HOUR, tick=False)
    after = client.get(
        reverse("events:feed"), headers={"if-modified-since": before["Last-Modified"]}
    )
    assert after.status_code == 200
    assert after["Last-Modified"] == http_date(left.timestamp())
    assert event.slug not in after.content.decode()

"""Query-count guards: each events page and feed costs the same with 5 or 100 events."""

import datetime

import pytest
from django.urls import reverse

from networks.models import Event
from tests.networks.factories import EventFactory, NetworkFactory, SubRegionFactory, days_from_now

pytestmark = pytest.mark.django_db

ROWS = [5, 100]

# Each events page: its introduction (1), the filter form's networks, sub-regions and topics (3),
# a count and a page (2).
LIST_QUERIES = 6
# The archive: a count and a page.
ARCHIVE_QUERIES = 2
# An event with its network, venue and venue's sub-region in one query; its topics and its
# network's topics (2).
DETAIL_QUERIES = 3
# A feed is bounded: the events to come and the recent past are one query each (2), each
# reading only as many rows as the feed keeps. The feed: the filter form's sub-regions and
# topics (2) and its events (2); it lists no networks. A network's feed: it and its events (2).
# Every feed first says when it last changed, for Last-Modified: the content clock and the
# latest end of an event gone by (2, networks/last_modified.py).
LAST_MODIFIED_QUERIES = 2
FEED_QUERIES = 4 + LAST_MODIFIED_QUERIES
NETWORK_FEED_QUERIES = 3 + LAST_MODIFIED_QUERIES
# A ?network= filter looks that network up by itself, whether or not the form lists it.
NETWORK_FILTER_QUERIES = 1
EVENT_FEED_QUERIES = 1 + LAST_MODIFIED_QUERIES


@pytest.fixture
def calendar(request):
    """`rows` upcoming and `rows` past events of every kind, status and attendance mode, half
    of them run by one network, all in one sub-region."""
    rows = request.param
    region = SubRegionFactory(slug="west")
    network = NetworkFactory(slug="west-group", sub_region=region)
    kinds, statuses = Event.Kind.values, Event.Status.values
    modes = Event.AttendanceMode.values
    for i in range(rows):
        for days in (i + 1, -(i + 1)):
            start = days_from_now(days)
            EventFactory(
                start=start,
                end=start + datetime.timedelta(hours=2),
                kind=kinds[i % len(kinds)],
                status=statuses[i % len(statuses)],
                attendance_mode=modes[i % len(modes)],
                network=network if i % 2 else None,
                venue__sub_region=region,
            )
    return network


@pytest.mark.parametrize("calendar", ROWS, indirect=True)
def test_events_page_queries(client, django_assert_num_queries, calendar):
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(reverse("events:list")).status_code == 200


@pytest.mark.parametrize("calendar", ROWS, indirect=True)
def test_filtered_events_page_queries(client, django_assert_num_queries, calendar):
    params = {
        "kind": "network_meeting",
        "network": "west-group",
        "region": "west",
        "mode": "online",
    }
    with django_assert_num_queries(LIST_QUERIES + NETWORK_FILTER_QUERIES):
        response = client.get(reverse("events:list"), {**params, "page": "2"})
    assert response.status_code == 200


@pytest.mark.parametrize("calendar", ROWS, indirect=True)
def test_past_events_page_queries(client, django_assert_num_queries, calendar):
    with django_assert_num_queries(ARCHIVE_QUERIES):
        assert client.get(reverse("events:past")).status_code == 200


@pytest.mark.parametrize("calendar", ROWS, indirect=True)
def test_event_page_queries(client, django_assert_num_queries, calendar):
    event = Event.objects.filter(network=calendar).latest("start")
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(event.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("calendar", ROWS, indirect=True)
def test_feed_queries(client, django_assert_num_queries, calendar):
    with django_assert_num_queries(FEED_QUERIES):
        assert client.get(reverse("events:feed")).status_code == 200
    with django_assert_num_queries(FEED_QUERIES + NETWORK_FILTER_QUERIES):
        response = client.get(reverse("events:feed"), {"network": "west-group", "kind": "webinar"})
    assert response.status_code == 200


@pytest.mark.parametrize("calendar", ROWS, indirect=True)
def test_network_and_event_feed_queries(client, django_assert_num_queries, calendar):
    with django_assert_num_queries(NETWORK_FEED_QUERIES):
        url = reverse("events:network_feed", kwargs={"slug": "west-group"})
        assert client.get(url).status_code == 200
    event = Event.objects.filter(network=calendar).latest("start")
    with django_assert_num_queries(EVENT_FEED_QUERIES):
        url = reverse("events:event_feed", kwargs={"slug": event.slug})
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("calendar", ROWS, indirect=True)
def test_home_and_network_page_queries_with_events(client, django_assert_num_queries, calendar):
    # As in test_queries.py, plus one query for the events each page shows.
    with django_assert_num_queries(4):
        assert client.get(reverse("networks:home")).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(calendar.get_absolute_url()).status_code == 200

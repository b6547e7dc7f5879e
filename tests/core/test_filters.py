"""Filters on the events page gain topics (an event's own, or its network's), and combine
with the others; every filtered view is a plain GET address that can be bookmarked."""

import pytest
from django.urls import reverse

from tests.helpers.calendar import titles
from tests.helpers.html import text
from tests.networks.factories import EventFactory, NetworkFactory, SubRegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learning():
    topic = TopicFactory(slug="learning", name="Learning")
    west = SubRegionFactory(slug="west", name="West")
    network = NetworkFactory(slug="learning-group", sub_region=west, topics=[topic])
    EventFactory(title="Own topic", venue__sub_region=west).topics.add(topic)
    EventFactory(title="Network's topic", kind="network_meeting", network=network)
    EventFactory(title="Elsewhere", venue__sub_region=SubRegionFactory()).topics.add(topic)
    EventFactory(title="No topic", venue__sub_region=west)
    return topic


def test_events_filter_by_topic_their_own_or_their_networks(client, learning):
    response = client.get(reverse("events:list"), {"topic": "learning"})
    assert sorted(titles(response)) == ["Elsewhere", "Network's topic", "Own topic"]
    assert "3 upcoming events match your filters." in text(response)


def test_topic_combines_with_sub_region_and_kind(client, learning):
    response = client.get(reverse("events:list"), {"topic": "learning", "region": "west"})
    assert sorted(titles(response)) == ["Network's topic", "Own topic"]
    response = client.get(
        reverse("events:list"), {"topic": "learning", "region": "west", "kind": "mdo_training"}
    )
    assert titles(response) == ["Own topic"]
    html = response.content.decode()
    # Bookmarkable: the choices made are selected in the form the page shows...
    assert '<option value="learning" selected>Learning</option>' in html
    assert '<option value="west" selected>West</option>' in html
    # ...a link clears them, and the calendar feed offered keeps them.
    assert '<a class="filters__clear" href="/events/">Clear filters</a>' in html
    assert (
        'href="/events/calendar.ics?kind=mdo_training&amp;region=west&amp;topic=learning"' in html
    )


def test_the_calendar_feed_filters_by_topic_too(client, learning):
    feed = client.get(reverse("events:feed"), {"topic": "learning"}).content.decode()
    assert "SUMMARY:Own topic" in feed and "SUMMARY:Network's topic" in feed
    assert "SUMMARY:No topic" not in feed


def test_an_unknown_topic_is_ignored_with_a_note(client, learning):
    response = client.get(reverse("events:list"), {"topic": "<b>astrology</b>"})
    assert len(titles(response)) == 4
    assert (
        "We did not recognise the topic “&lt;b&gt;astrology&lt;/b&gt;”" in response.content.decode()
    )


def test_an_event_page_lists_its_topics_and_its_networks(client, learning):
    event = EventFactory(network=NetworkFactory(topics=[TopicFactory(name="Digital")]))
    event.topics.add(learning)
    html = client.get(event.get_absolute_url()).content.decode()
    assert (
        '<a href="/events/?topic=' in html
        and '>Digital</a>, <a href="/events/?topic=learning">Learning</a>' in html
    )

"""Anonymous visitors get cached pages, and never one older than the last save."""

import gzip

import pytest
from django.test import Client
from django.urls import reverse

from networks.models import Network
from tests.networks.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def visitor():
    return Client()


def test_a_repeated_visit_is_served_from_the_cache_without_queries(
    visitor, django_assert_num_queries
):
    NetworkFactory(name="West London Museums Group")
    first = visitor.get(reverse("networks:list"))
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visitor.get(reverse("networks:list"))
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second


def test_a_cached_page_costs_one_round_trip_to_the_cache_and_keeps_its_etag(visitor, monkeypatch):
    from core import cache_health

    NetworkFactory(name="West London Museums Group")
    url = reverse("networks:list")
    first = visitor.get(url)
    calls = []
    real_call = cache_health.call

    def counted(operation, *args, **kwargs):
        calls.append(operation)
        return real_call(operation, *args, **kwargs)

    monkeypatch.setattr(cache_health, "call", counted)
    second = visitor.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]
    assert second["ETag"] == first["ETag"]
    assert visitor.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_a_cached_page_comes_gzipped_to_browsers_that_take_it_and_plain_to_the_rest(visitor):
    NetworkFactory(name="West London Museums Group")
    url = reverse("networks:list")
    first = visitor.get(url)
    zipped = visitor.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    plain = visitor.get(url)
    assert zipped["X-Page-Cache"] == plain["X-Page-Cache"] == "hit"
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content == first.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content)
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    # Two representations, two entity tags, each answered with 304 Not Modified.
    assert zipped["ETag"] != plain["ETag"]
    for etag, encoding in [(zipped["ETag"], "gzip"), (plain["ETag"], "identity")]:
        again = visitor.get(url, headers={"if-none-match": etag, "accept-encoding": encoding})
        assert again.status_code == 304


def test_an_admin_save_shows_at_once(visitor, admin_client):
    network = NetworkFactory(name="West London Museums Group", kind="sub_regional")
    assert "West London Museums Group" in visitor.get(reverse("networks:list")).content.decode()
    response = admin_client.post(
        reverse("admin:networks_network_change", args=[network.pk]),
        {
            "name": "West London Museums Network",
            "slug": network.slug,
            "kind": "sub_regional",
            "status": "active",
            "sub_region": network.sub_region_id,
            "display_order": 0,
            "roles-TOTAL_FORMS": 0,
            "roles-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = visitor.get(reverse("networks:list")).content.decode()
    assert "West London Museums Network" in html
    assert "West London Museums Group" not in html
    page = visitor.get(network.get_absolute_url()).content.decode()
    assert "West London Museums Network" in page


def test_a_cancellation_by_admin_action_shows_at_once(visitor, admin_client):
    event = EventFactory(title="Caring for textiles")
    assert "Cancelled" not in visitor.get(reverse("events:list")).content.decode()
    admin_client.post(
        reverse("admin:networks_event_changelist"),
        {"action": "cancel_events", "_selected_action": [event.pk]},
    )
    listing = visitor.get(reverse("events:list")).content.decode()
    assert "Cancelled" in listing
    assert "Cancelled" in visitor.get(event.get_absolute_url()).content.decode()


def test_a_deletion_and_a_topic_change_show_at_once(visitor):
    network = NetworkFactory(name="Short-lived Group")
    assert "Short-lived Group" in visitor.get("/").content.decode()
    network.delete()
    assert "Short-lived Group" not in visitor.get("/").content.decode()


def test_signed_in_staff_never_get_the_anonymous_copy(admin_client, visitor):
    NetworkFactory()
    visitor.get(reverse("networks:list"))
    response = admin_client.get(reverse("networks:list"))
    assert "X-Page-Cache" not in response


def test_pages_with_forms_are_not_cached(visitor):
    first = visitor.get(reverse("mentoring:volunteer"))
    second = Client().get(reverse("mentoring:volunteer"))
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    assert "csrfmiddlewaretoken" in second.content.decode()


def test_caching_can_be_switched_off(visitor, settings):
    settings.PAGE_CACHE_SECONDS = 0
    visitor.get("/")
    assert "X-Page-Cache" not in visitor.get("/")


def test_not_found_pages_are_not_cached(visitor):
    missing = reverse("networks:detail", kwargs={"slug": "coming-soon"})
    assert visitor.get(missing).status_code == 404
    Network.objects.create(name="Coming Soon", slug="coming-soon", kind="subject")
    assert visitor.get(missing).status_code == 200


def test_published_event_pages_are_cached_and_drafts_stay_hidden(visitor):
    event = EventFactory()
    draft = EventFactory(is_published=False)
    visitor.get(event.get_absolute_url())
    assert visitor.get(event.get_absolute_url())["X-Page-Cache"] == "hit"
    assert visitor.get(draft.get_absolute_url()).status_code == 404


def test_an_unknown_query_parameter_shares_the_pages_cache_entry(visitor):
    NetworkFactory(name="West London Museums Group")
    first = visitor.get("/", {"x": "1"})
    second = visitor.get("/", {"x": "2"})
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert visitor.get("/")["X-Page-Cache"] == "hit"


def test_the_parameters_a_page_reads_still_choose_what_it_shows(visitor):
    EventFactory(title="Caring for textiles", kind="mdo_training")
    EventFactory(title="Registrars meet", kind="network_meeting")
    training = visitor.get(reverse("events:list"), {"kind": "mdo_training", "x": "1"})
    meetings = visitor.get(reverse("events:list"), {"kind": "network_meeting", "x": "1"})
    assert training["X-Page-Cache"] == meetings["X-Page-Cache"] == "miss"
    assert "Caring for textiles" in training.content.decode()
    assert "Registrars meet" not in training.content.decode()
    assert "Registrars meet" in meetings.content.decode()
    assert "Caring for textiles" not in meetings.content.decode()
    again = visitor.get(reverse("events:list"), {"x": "2", "kind": "mdo_training"})
    assert again["X-Page-Cache"] == "hit"
    assert again.content == training.content


def test_an_unknown_parameter_never_reaches_the_page(visitor):
    """A calendar feed states its own address: an unknown parameter is not in it."""
    EventFactory(title="Caring for textiles")
    feed = visitor.get(reverse("events:feed"), {"utm_source": "newsletter"})
    assert feed.status_code == 200
    assert "newsletter" not in feed.content.decode()

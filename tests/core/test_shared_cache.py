"""Public pages tell a CDN or reverse proxy how long it may keep them; pages with forms,
signed-in pages, errors and the admin never do, so nobody is served someone else's page."""

import pytest
from django.urls import reverse

from tests.networks.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_cache(settings):
    settings.SHARED_CACHE_SECONDS = 120


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize("page_cache_seconds", [0, 60])
def test_public_pages_say_how_long_a_shared_cache_may_keep_them(
    client, settings, page_cache_seconds
):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    network = NetworkFactory()
    for url in ["/", "/networks/", network.get_absolute_url(), "/events/", "/events/calendar.ics"]:
        for _ in range(2):  # the second from our own page cache, where it is on
            assert cache_control(client.get(url)) >= {"public", "max-age=0", "s-maxage=120"}, url


def test_forms_signed_in_pages_errors_and_the_admin_are_never_shared(client, admin_client):
    network = NetworkFactory()
    for url in [reverse("mentoring:volunteer"), reverse("networks:suggest", args=[network.slug])]:
        assert "public" not in cache_control(client.get(url)), url
    assert "public" not in cache_control(client.get("/no-such-page/"))
    assert "public" not in cache_control(admin_client.get("/"))
    assert "public" not in cache_control(admin_client.get(reverse("admin:index")))


def test_no_shared_caching_when_switched_off(client, settings):
    settings.SHARED_CACHE_SECONDS = 0
    assert "public" not in cache_control(client.get("/"))

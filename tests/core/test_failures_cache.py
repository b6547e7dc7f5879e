"""The shared cache (Redis) failing never takes the site down: pages are served uncached, forms
are accepted and stored, the failure is logged once, and /healthz says the cache is degraded.
Against a real redis-server, stopped and started again."""

import logging
import threading

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse

from core import cache_health
from core.formkit import RateLimit
from mentoring.models import Volunteer
from tests.helpers.public_forms import volunteer_answers
from tests.helpers.redis import needs_redis, redis_cache
from tests.networks.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _retry_at_once(monkeypatch, settings):
    """Each request tries the cache again, so the test need not wait out RETRY_SECONDS."""
    settings.PAGE_CACHE_SECONDS = 60
    monkeypatch.setattr(cache_health, "RETRY_SECONDS", 0)
    yield
    cache_health.probe()  # Back on the test's own cache: nothing failing for the next test.


def unavailable_warnings(caplog):
    return [r for r in caplog.records if r.getMessage().startswith("Cache unavailable")]


@needs_redis
def test_with_redis_stopped_pages_are_served_forms_stored_and_healthz_degraded(caplog):
    NetworkFactory(name="West London Museums Group")
    visitor = Client()
    with redis_cache() as redis:
        visitor.get("/")
        assert visitor.get("/")["X-Page-Cache"] == "hit"  # The pages are in this Redis.
        assert Client().get(reverse("healthz")).json()["cache"] == "ok"

        redis.stop()
        caplog.set_level(logging.WARNING, logger="core.cache_health")
        for _ in range(3):
            page = visitor.get("/")
            assert page.status_code == 200
            assert "West London Museums Group" in page.content.decode()
            assert "X-Page-Cache" not in page
        response = Client().post(reverse("mentoring:volunteer"), volunteer_answers())
        assert response.status_code == 302
        assert Volunteer.objects.get().email == "ada@example.org"

        health = Client().get(reverse("healthz"))
        assert health.status_code == 200
        assert health.json() == {
            "status": "degraded",
            "database": "ok",
            "cache": "degraded",
            "cache_error": "ConnectionError",
        }
        # Logged once for the outage, not once per request.
        assert len(unavailable_warnings(caplog)) == 1

        redis.start()
        assert Client().get(reverse("healthz")).json()["status"] == "ok"
        assert visitor.get("/")["X-Page-Cache"] == "miss"
        assert visitor.get("/")["X-Page-Cache"] == "hit"
        assert any(r.getMessage() == "Cache available again" for r in caplog.records)


def test_a_page_saved_while_the_cache_failed_is_not_served_stale_when_it_returns(
    monkeypatch, caplog
):
    """A cache that failed for a moment and came back with its pages (a network blip, not a
    restart): the save meanwhile could not move the version on, so coming back does."""
    network = NetworkFactory(name="West London Museums Group")
    visitor = Client()
    visitor.get("/")
    assert visitor.get("/")["X-Page-Cache"] == "hit"
    real = caches["default"]

    def unreachable(*args, **kwargs):
        raise ConnectionError("the cache is unreachable")

    with monkeypatch.context() as patch:
        for method in ("get", "set", "add"):
            patch.setattr(real, method, unreachable)
        network.name = "West London Museums Network"
        network.save()
        assert "West London Museums Network" in visitor.get("/").content.decode()
    page = visitor.get("/")
    assert page["X-Page-Cache"] == "miss"
    assert "West London Museums Network" in page.content.decode()
    assert len(unavailable_warnings(caplog)) == 1


@needs_redis
def test_the_rate_limit_counts_exactly_under_concurrency_on_redis(settings):
    settings.FORM_RATE_LIMIT_COUNT = 5
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.1")
    with redis_cache():
        limit = RateLimit("volunteer")
        barrier = threading.Barrier(50)
        allowed = []

        def send():
            barrier.wait(timeout=30)
            allowed.append(limit.allow(request))

        threads = [threading.Thread(target=send) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert allowed.count(True) == 5
        assert allowed.count(False) == 45


@needs_redis
def test_the_rate_limit_does_not_block_forms_while_redis_is_down(settings):
    settings.FORM_RATE_LIMIT_COUNT = 1
    url = reverse("mentoring:volunteer")
    with redis_cache() as redis:
        redis.stop()
        for n in range(3):
            answers = volunteer_answers(email=f"v{n}@example.org")
            assert Client().post(url, answers).status_code == 302
    assert Volunteer.objects.count() == 3

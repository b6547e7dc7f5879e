import datetime
import threading

import pytest
import time_machine
from django.core.cache import caches
from django.test import RequestFactory

from core.formkit import RateLimit, client_address, describe_period
from tests.helpers.startup import start_django


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (3600, "an hour"),
        (7200, "2 hours"),
        (60, "a minute"),
        (900, "15 minutes"),
        (86400, "a day"),
        (90, "90 seconds"),
    ],
)
def test_describe_period(seconds, words):
    assert describe_period(seconds) == words


@pytest.mark.parametrize(
    ("proxies", "peer", "forwarded", "address"),
    [
        # No trusted proxies: the header is nobody's word.
        ([], "127.0.0.1", "198.51.100.1", "127.0.0.1"),
        # From a peer that is not a trusted proxy, the header is ignored, whatever it says.
        (["127.0.0.1"], "203.0.113.50", "198.51.100.1", "203.0.113.50"),
        (["10.0.0.0/8"], "192.0.2.10", "10.0.0.1, 198.51.100.1", "192.0.2.10"),
        # From our proxy: the address it saw, the rightmost.
        (["127.0.0.1"], "127.0.0.1", "198.51.100.1", "198.51.100.1"),
        # What the client wrote to the left of that is its own, not believed.
        (["127.0.0.1"], "127.0.0.1", "203.0.113.9, 198.51.100.1", "198.51.100.1"),
        # Past each of our own proxies, by network, to the first address that is not one.
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "203.0.113.9, 198.51.100.1, 10.1.2.3",
         "198.51.100.1"),
        (["10.0.0.0/8"], "10.0.0.2", "198.51.100.1:51234", "198.51.100.1"),
        (["::1"], "::1", "[2001:db8::7]:443", "2001:db8::7"),
        # A proxy that forwards nothing, or rubbish: the proxy itself (never the rubbish).
        (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "bogus, 10.0.0.9", "10.0.0.9"),
    ],
)  # fmt: skip
def test_client_address_trusts_only_our_own_proxies(settings, proxies, peer, forwarded, address):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=peer)
    assert client_address(request) == address


def test_trusted_proxy_count_is_refused_with_the_way_to_its_replacement():
    """TRUSTED_PROXY_COUNT believed X-Forwarded-For from anyone: a server still setting it
    refuses to start, and says what to set instead."""
    result = start_django(TRUSTED_PROXY_COUNT="1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT is replaced by TRUSTED_PROXIES" in result.stderr


def test_a_trusted_proxy_that_is_not_an_address_is_refused():
    result = start_django(TRUSTED_PROXIES="127.0.0.1,proxy.internal")
    assert result.returncode != 0
    assert "'proxy.internal' is not an IP address or network" in result.stderr


def send_at_once(function, n):
    """Call function() from n threads released together; their results."""
    barrier = threading.Barrier(n)
    results = []

    def run():
        barrier.wait(timeout=30)
        results.append(function())

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_fifty_forms_at_once_get_exactly_the_limit_through(settings):
    settings.FORM_RATE_LIMIT_COUNT = 5
    limit = RateLimit("volunteer")
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.1")
    allowed = send_at_once(lambda: limit.allow(request), 50)
    assert allowed.count(True) == 5
    assert allowed.count(False) == 45
    # Another address has its own count.
    assert limit.allow(RequestFactory().post("/", REMOTE_ADDR="198.51.100.2"))


def test_the_count_starts_again_after_its_period(settings):
    settings.FORM_RATE_LIMIT_COUNT = 1
    settings.FORM_RATE_LIMIT_PERIOD = 60
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.1")
    start = datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        limit = RateLimit("volunteer")
        assert limit.allow(request)
        assert not limit.allow(request)
        traveller.shift(datetime.timedelta(seconds=61))
        assert limit.allow(request)
        assert not limit.allow(request)


def test_a_count_that_expires_between_add_and_incr_is_counted_afresh(settings, monkeypatch):
    settings.FORM_RATE_LIMIT_COUNT = 1
    limit = RateLimit("volunteer")
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.1")
    assert limit.allow(request)
    backend = caches["default"]
    real_incr = backend.incr

    def expired_first(key, *args, **kwargs):
        monkeypatch.setattr(backend, "incr", real_incr)
        backend.delete(key)  # Expired just after add() found it.
        return real_incr(key, *args, **kwargs)

    monkeypatch.setattr(backend, "incr", expired_first)
    assert limit.allow(request)  # A new period, counted from 1.
    assert not limit.allow(request)

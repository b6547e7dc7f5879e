import pytest
from django.test import RequestFactory

from core.formkit import client_address, describe_period


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
    ("proxies", "forwarded", "address"),
    [
        (0, "198.51.100.1", "127.0.0.1"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "203.0.113.9, 198.51.100.1", "198.51.100.1"),
        (2, "203.0.113.9, 198.51.100.1", "203.0.113.9"),
        (2, "198.51.100.1", "127.0.0.1"),
    ],
)
def test_client_address_trusts_only_our_own_proxies(settings, proxies, forwarded, address):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    assert client_address(request) == address

"""A closed network's page, which no link reaches (so no crawl finds it), is valid HTML."""

import datetime

import pytest

from networks.models import Network
from tests.helpers.html import assert_valid_html, java_or_skip
from tests.networks.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def test_closed_network_pages_are_valid_html(client, tmp_path):
    java_or_skip()
    successor = NetworkFactory(name="East London Collections Group")
    bare = NetworkFactory(status=Network.Status.CLOSED)
    full = NetworkFactory(
        status=Network.Status.CLOSED,
        closed_on=datetime.date(2024, 3, 31),
        closure_note="Its members now meet with **the East London group**.\n\n- one\n- two",
        successor=successor,
    )
    pages = {}
    for network in (bare, full):
        response = client.get(network.get_absolute_url())
        assert response.status_code == 410
        pages[network.get_absolute_url()] = response.content.decode()
    assert_valid_html(pages, tmp_path)

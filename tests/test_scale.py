"""At scale: every public list costs the same number of queries with 10 and with 1,000 networks
(and 25 times as many events), and a page of 20 items stays under 50 KB of HTML.

The data comes from the benchmark's own generator (generate_scale_data), at two sizes.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from networks.models import Event, Network

pytestmark = pytest.mark.django_db

PAGES = {
    "/": 4,
    "/networks/": 5,
    "/networks/?kind=subject&page=2": 5,
    "/events/": 6,
    "/events/?kind=mdo_training&mode=online&page=2": 6,
    "/events/?network=network-7": 7,
    "/events/past/": 2,
    # The filters' sub-regions, a count of each type, the first few of those found, and the pages
    # (matched at once; on PostgreSQL, their page texts first).
    "/search/?q=collections+care": 7 if connection.vendor == "sqlite" else 8,
    # Its sub-regions and topics, its events (2), and when it last changed (2, Last-Modified).
    "/events/calendar.ics": 6,
}
LISTS_OF_20 = ["/networks/", "/events/", "/events/past/"]


@pytest.fixture(params=[10, 1000], ids=lambda rows: f"{rows}-networks")
def scale_data(request):
    call_command("generate_scale_data", "--scale", str(request.param / 2000), stdout=io.StringIO())
    assert Network.objects.count() == request.param
    return request.param


def test_query_counts_do_not_grow_with_the_data(client, scale_data):
    counts = {}
    for url in PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    assert counts == PAGES


def test_a_page_of_twenty_items_is_under_50_kb(client, scale_data):
    assert Event.objects.count() >= 250
    for url in LISTS_OF_20:
        size = len(client.get(url).content)
        assert size < 50_000, f"{url} is {size:,} bytes"


def test_our_css_is_under_30_kb():
    css = list((Path(settings.BASE_DIR) / "static").rglob("*.css"))
    assert css
    assert sum(path.stat().st_size for path in css) < 30_000

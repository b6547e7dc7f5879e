"""The search page's filters: kind of network, sub-region and events still to come, all at
once, in a plain form (no JavaScript), kept in every link, an unknown value ignored with a note."""

import datetime

import pytest
from django.utils import timezone

from networks.finding.views import PER_PAGE
from networks.models import Network
from tests.helpers.search import search, titles
from tests.networks.content.documents import ResourceFactory
from tests.networks.factories import EventFactory, NetworkFactory, SubRegionFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def west():
    return SubRegionFactory(name="West London", slug="west-london")


@pytest.fixture
def east():
    return SubRegionFactory(name="East London", slug="east-london")


def test_the_filters_are_a_plain_form_beside_the_query(client, west):
    html = search(client, "ceramics")
    form = html.split('class="search-form"', 1)[1].split("</form>", 1)[0]
    assert '<select name="kind" id="id_kind">' in form
    assert '<option value="west-london">West London</option>' in form
    assert '<input type="checkbox" name="upcoming" value="yes" id="id_upcoming">' in form
    assert "Apply filters" in form


def test_a_kind_of_network_narrows_networks_and_their_events(client):
    area = NetworkFactory(name="Ceramics area forum", kind=Network.Kind.AREA)
    NetworkFactory(name="Ceramics subject network", kind=Network.Kind.SUBJECT)
    EventFactory(title="Ceramics meeting", network=area)
    EventFactory(title="Ceramics training")  # no network
    ResourceFactory(title="Ceramics guide")
    html = search(client, "ceramics", kind="area")
    assert titles(html, "networks") == ["Ceramics area forum"]
    assert titles(html, "events") == ["Ceramics meeting"]
    assert titles(html, "resources") == []
    assert "2 results for “ceramics” with your filters" in html
    assert '<option value="area" selected>Area network</option>' in html


def test_a_sub_region_narrows_networks_and_events_held_or_run_there(client, west, east):
    NetworkFactory(name="Ceramics west", sub_region=west)
    runner = NetworkFactory(name="Ceramics east", sub_region=east)
    EventFactory(title="Ceramics in the west", venue=VenueFactory(sub_region=west))
    EventFactory(title="Ceramics in the east", venue=VenueFactory(sub_region=east), network=runner)
    html = search(client, "ceramics", region="west-london")
    assert titles(html, "networks") == ["Ceramics west"]
    assert titles(html, "events") == ["Ceramics in the west"]
    assert titles(html, "pages") == []


def test_events_to_come_only(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    past = timezone.now() - datetime.timedelta(days=10)
    EventFactory(title="Herbarium day past", start=past, end=past + datetime.timedelta(hours=2))
    EventFactory(title="Herbarium day to come", start=timezone.now() + datetime.timedelta(days=3))
    NetworkFactory(name="Herbarium network")
    both = search(client, "herbarium")
    assert sorted(titles(both, "events")) == ["Herbarium day past", "Herbarium day to come"]
    html = search(client, "herbarium", upcoming="yes")
    assert titles(html, "events") == ["Herbarium day to come"]
    assert titles(html, "networks") == ["Herbarium network"]
    assert 'name="upcoming" value="yes" id="id_upcoming" checked>' in html


def test_filters_combine(client, west):
    NetworkFactory(name="Ceramics west area", kind=Network.Kind.AREA, sub_region=west)
    NetworkFactory(name="Ceramics west subject", kind=Network.Kind.SUBJECT, sub_region=west)
    NetworkFactory(name="Ceramics elsewhere area", kind=Network.Kind.AREA)
    html = search(client, "ceramics", kind="area", region="west-london")
    assert titles(html, "networks") == ["Ceramics west area"]


def test_filters_are_kept_in_type_and_page_links(client, west):
    NetworkFactory.create_batch(PER_PAGE + 1, summary="Beekeeping.", sub_region=west)
    html = search(client, "beekeeping", region="west-london")
    assert 'href="?q=beekeeping&amp;region=west-london&amp;type=networks"' in html
    html = search(client, "beekeeping", region="west-london", type="networks")
    assert (
        'href="/search/?q=beekeeping&amp;region=west-london&amp;type=networks&amp;page=2"' in html
    )
    # The form keeps the type shown, and offers to clear the filters.
    assert '<input type="hidden" name="type" value="networks">' in html
    assert 'href="?q=beekeeping&amp;type=networks">Clear filters</a>' in html
    second = search(client, "beekeeping", region="west-london", type="networks", page="2")
    assert len(titles(second, "networks")) == 1


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"kind": "<b>castle</b>"}, "We did not recognise the kind of network"),
        ({"region": "atlantis"}, "We did not recognise the sub-region “atlantis”"),
        ({"upcoming": "maybe"}, "We did not recognise what was asked of events still to come"),
        ({"region": "a\x00b"}, "We did not recognise the sub-region"),
    ],
)
def test_an_unknown_filter_value_is_ignored_with_a_note(client, params, note):
    NetworkFactory(name="Ceramics group")
    html = search(client, "ceramics", **params)
    assert note in html
    assert "<b>castle" not in html
    assert titles(html, "networks") == ["Ceramics group"]

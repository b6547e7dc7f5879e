"""Open data: networks as CSV and JSON, events as CSV and JSON, every field documented, no
personal data, formulas neutralised, and the rows of each page, exactly."""

import csv
import io
import json
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from networks.calendar.views import PER_PAGE
from networks.content.documents import format_size
from networks.finding import open_data
from networks.finding.open_data import EVENT_FIELDS, NETWORK_FIELDS
from networks.models import Network, PageSection
from tests.mentoring.factories import SupportRequestFactory, VolunteerFactory
from tests.networks.factories import (
    EventFactory,
    NetworkFactory,
    NetworkRoleFactory,
    SubRegionFactory,
    TopicFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db


def read_csv(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def read_json(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def slugs_on(html, kind):
    return re.findall(rf'class="{kind}__(?:name|title)"><a href="/[\w/]*?/([\w-]+)/">', html)


@pytest.fixture
def directory():
    west, east = SubRegionFactory(slug="west"), SubRegionFactory(slug="east")
    textiles, digital = TopicFactory(slug="textiles"), TopicFactory(slug="digital")
    for i in range(12):
        NetworkFactory(
            kind=Network.Kind.values[i % 4],
            sub_region=west if i % 3 else east,
            topics=[textiles] if i % 2 else [digital, textiles],
            display_order=12 - i,
        )
    NetworkFactory(name="Closed network", slug="closed-network", status=Network.Status.CLOSED)


FILTERS = [{}, {"kind": "subject"}, {"region": "west", "topic": "digital"}, {"kind": "bogus"}]


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize("params", FILTERS)
def test_network_exports_hold_the_rows_of_the_directory_page_in_its_order(client, params):
    page = slugs_on(
        client.get(reverse("networks:list"), params).content.decode(), "network-summary"
    )
    assert page, "the filters should leave some networks"
    assert [
        row["slug"] for row in read_csv(client, reverse("networks:networks_csv"), params)
    ] == page
    data = read_json(client, reverse("networks:networks_json"), params)
    assert [network["slug"] for network in data["networks"]] == page
    assert data["count"] == len(page)
    assert "closed-network" not in page


@pytest.fixture
def calendar():
    region, topic = SubRegionFactory(slug="north"), TopicFactory(slug="learning")
    network = NetworkFactory(slug="north-group", sub_region=region, topics=[topic])
    for i in range(PER_PAGE + 6):
        EventFactory(
            kind="network_meeting" if i % 2 else "mdo_training",
            network=network if i % 3 == 0 else None,
            venue__sub_region=region if i % 4 else SubRegionFactory(),
        )
    EventFactory(title="Tagged training").topics.add(topic)
    EventFactory(slug="a-draft", is_published=False)
    past = days_from_now(-3)
    EventFactory(slug="last-week", start=past, end=past.replace(hour=12))


@pytest.mark.usefixtures("calendar")
@pytest.mark.parametrize(
    "params", [{}, {"kind": "network_meeting"}, {"topic": "learning", "region": "north"}]
)
def test_event_exports_hold_every_page_of_the_events_page(client, params):
    slugs, page = [], 1
    while True:
        html = client.get(reverse("events:list"), {**params, "page": page}).content.decode()
        slugs += slugs_on(html, "event-summary")
        if 'rel="next"' not in html:
            break
        page += 1
    assert slugs
    assert [
        row["slug"] for row in read_csv(client, reverse("networks:events_csv"), params)
    ] == slugs
    data = read_json(client, reverse("networks:events_json"), params)
    assert [event["slug"] for event in data["events"]] == slugs
    assert "a-draft" not in slugs and "last-week" not in slugs


def test_topic_filter_reaches_events_through_their_network_too(client):
    topic = TopicFactory(slug="learning", name="Learning")
    EventFactory(slug="own-topic").topics.add(topic)
    EventFactory(slug="networks-topic", network=NetworkFactory(topics=[topic]))
    EventFactory(slug="no-topic")
    rows = read_csv(client, reverse("networks:events_csv"), {"topic": "learning"})
    assert sorted(row["slug"] for row in rows) == ["networks-topic", "own-topic"]
    assert {row["topics"] for row in rows} == {"Learning"}


def test_no_personal_data_leaves_in_the_downloads(client):
    network = NetworkFactory(slug="with-contacts")
    NetworkRoleFactory(
        network=network,
        is_public=False,
        person__name="Priya Private",
        person__email="priya@private.example",
        person__phone="07700 900123",
    )
    NetworkRoleFactory(
        network=network, person__name="Paul Public", person__email="paul@public.example"
    )
    VolunteerFactory(name="Vera Volunteer", email="vera@volunteer.example")
    SupportRequestFactory(contact_name="Rita Requester", email="rita@request.example")
    EventFactory(network=network)
    downloads = "".join(
        client.get(reverse(name)).content.decode()
        for name in [
            "networks:networks_csv",
            "networks:networks_json",
            "networks:events_csv",
            "networks:events_json",
        ]
    )
    assert "with-contacts" in downloads
    for personal in [
        "Priya",
        "priya@private.example",
        "07700 900123",
        "Paul Public",
        "paul@public.example",
        "Vera",
        "vera@volunteer.example",
        "Rita",
        "rita@request.example",
    ]:
        assert personal not in downloads, personal


def test_cells_a_spreadsheet_would_run_are_neutralised(client):
    NetworkFactory(name='=HYPERLINK("http://evil.example")', summary="+1", how_to_join="@SUM(A1)")
    NetworkFactory(name="-2 network", summary="Plain")
    rows = {row["name"]: row for row in read_csv(client, reverse("networks:networks_csv"))}
    assert '\'=HYPERLINK("http://evil.example")' in rows
    assert rows['\'=HYPERLINK("http://evil.example")']["summary"] == "'+1"
    assert rows['\'=HYPERLINK("http://evil.example")']["how_to_join"] == "'@SUM(A1)"
    assert "'-2 network" in rows


def test_csv_and_json_carry_the_same_documented_fields(client):
    network = NetworkFactory(topics=[TopicFactory(name="Digital"), TopicFactory(name="Archives")])
    EventFactory(network=network, is_free=False, cost="£10", capacity=20)
    html = client.get(reverse("networks:open_data")).content.decode()
    for url_name, fields, key in [
        ("networks", NETWORK_FIELDS, "networks"),
        ("events", EVENT_FIELDS, "events"),
    ]:
        names = [field.name for field in fields]
        rows = read_csv(client, reverse(f"networks:{url_name}_csv"))
        assert list(rows[0]) == names
        data = read_json(client, reverse(f"networks:{url_name}_json"))
        assert list(data[key][0]) == names
        for name in names:
            assert f'<th scope="row"><code>{name}</code></th>' in html, name
    network_row = read_csv(client, reverse("networks:networks_csv"))[0]
    assert network_row["topics"] == "Archives; Digital"
    network_json = read_json(client, reverse("networks:networks_json"))["networks"][0]
    assert network_json["topics"] == ["Archives", "Digital"]
    event = read_json(client, reverse("networks:events_json"))["events"][0]
    assert (event["is_free"], event["cost"], event["capacity"]) == (False, "£10", 20)
    assert event["start"].endswith(("+00:00", "+01:00"))


def test_the_licence_staff_set_goes_with_the_data(client):
    PageSection.objects.create(
        key="open_data_licence", heading="Licence", body="Use it under [OGL](https://ogl.example)."
    )
    html = client.get(reverse("networks:open_data")).content.decode()
    assert 'Use it under <a href="https://ogl.example"' in html
    data = read_json(client, reverse("networks:networks_json"))
    assert data["licence"] == "Use it under OGL (https://ogl.example)."
    assert data["source"] == "http://testserver/open-data/"


def test_the_open_data_page_links_every_download(client):
    html = client.get(reverse("networks:open_data")).content.decode()
    for url_name in [
        "networks:networks_csv",
        "networks:networks_json",
        "networks:events_csv",
        "networks:events_json",
        "events:feed",
        "events:atom",
    ]:
        assert f'href="{reverse(url_name)}"' in html, url_name
    assert "The names, email addresses and phone numbers of networks\u2019 contacts" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_export_queries_do_not_grow(client, django_assert_num_queries, rows):
    topic = TopicFactory()
    for _ in range(rows):
        network = NetworkFactory(topics=[topic], parent=NetworkFactory())
        EventFactory(network=network).topics.add(topic)
    # When the directory last changed (the content clock), filter choices (sub-regions,
    # topics), licence, networks, their topics.
    with django_assert_num_queries(6):
        client.get(reverse("networks:networks_json"))
    with django_assert_num_queries(5):
        client.get(reverse("networks:networks_csv"))
    # When the calendar last changed (the content clock and the latest end gone by), filter
    # choices (networks, sub-regions, topics), licence, events, their topics, their networks'
    # topics.
    with django_assert_num_queries(9):
        client.get(reverse("networks:events_json"))
    with django_assert_num_queries(8):
        client.get(reverse("networks:events_csv"))


def shown_size(html, label):
    return re.search(rf">{label}<span class=\"visually-hidden\"> \(([^)]*)\)</span>", html)[1]


def test_the_open_data_page_says_how_big_each_download_is(client):
    for i in range(40):
        NetworkFactory(description=f"Network number {i}. " * 40)
        EventFactory(description=f"Event number {i}. " * 40)
    html = client.get(reverse("networks:open_data")).content.decode()
    for label, url_name, kind in [
        ("Networks as CSV", "networks:networks_csv", "CSV"),
        ("Networks as JSON", "networks:networks_json", "JSON"),
        ("Events as CSV", "networks:events_csv", "CSV"),
        ("Events as JSON", "networks:events_json", "JSON"),
    ]:
        size = len(client.get(reverse(url_name)).content)
        assert size > 20 * 1024
        assert shown_size(html, label) == f"{kind}, {format_size(size)}", label
        assert f'<span class="file-note" aria-hidden="true">({kind}, {format_size(size)})' in html


def test_download_sizes_are_measured_once_until_the_data_changes(client, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 60  # kept as long as a cached page; tests cache none
    measured = []
    real = open_data._measure_downloads
    monkeypatch.setattr(
        open_data, "_measure_downloads", lambda request: measured.append(1) or real(request)
    )
    request = RequestFactory().get("/open-data/")
    NetworkFactory(description="x" * 3000)
    first = open_data.download_sizes(request)
    assert open_data.download_sizes(request) == first
    assert len(measured) == 1
    NetworkFactory(description="y" * 3000)  # any change to the directory measures afresh
    second = open_data.download_sizes(request)
    assert len(measured) == 2
    assert second["networks_csv"] != first["networks_csv"]

import datetime

import pytest
from django.urls import reverse

from networks.models import Network, NetworkRole
from tests.networks.factories import (
    NetworkFactory,
    NetworkRoleFactory,
    SubRegionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def network_names(response):
    return [network.name for network in response.context["page"].object_list]


def test_home_shows_the_four_kinds_with_their_networks(client):
    area = NetworkFactory(name="London Museums Group", kind=Network.Kind.AREA)
    practitioner = NetworkFactory(name="Registrars Group", kind=Network.Kind.PRACTITIONER)
    NetworkFactory(name="Closed Group", status=Network.Status.CLOSED)
    response = client.get(reverse("networks:home"))
    html = response.content.decode()
    assert response.status_code == 200
    for label in (
        "Area network",
        "Sub-regional network",
        "Subject network",
        "Practitioner network",
    ):
        assert label in html
    assert f'href="{area.get_absolute_url()}"' in html
    assert f'href="{practitioner.get_absolute_url()}"' in html
    assert "Closed Group" not in html


def test_directory_groups_public_networks_by_kind(client):
    NetworkFactory(name="Health Museums", kind=Network.Kind.SUBJECT)
    NetworkFactory(name="West Group", kind=Network.Kind.SUB_REGIONAL)
    NetworkFactory(name="Gone Group", status=Network.Status.CLOSED)
    response = client.get(reverse("networks:list"))
    assert response.status_code == 200
    html = response.content.decode()
    # Grouped under one heading per kind, in the order of the kinds.
    assert html.index("Sub-regional networks</h2>") < html.index("Subject networks</h2>")
    assert "Area networks</h2>" not in html
    assert network_names(response) == ["West Group", "Health Museums"]
    assert "2 networks." in html


def test_directory_is_paginated_and_keeps_filters_in_page_links(client):
    for i in range(25):
        NetworkFactory(name=f"Subject Network {i:02d}", kind=Network.Kind.SUBJECT)
    NetworkFactory(name="Area Group", kind=Network.Kind.AREA)
    first = client.get(reverse("networks:list"))
    assert len(network_names(first)) == 20
    assert network_names(first)[0] == "Area Group"
    assert "26 networks: page 1 of 2." in first.content.decode()
    filtered = client.get(reverse("networks:list"), {"kind": "subject", "page": "2"})
    assert network_names(filtered) == [f"Subject Network {i:02d}" for i in range(20, 25)]
    assert 'href="/networks/?kind=subject&amp;page=1"' in filtered.content.decode()
    beyond = client.get(reverse("networks:list"), {"page": "99"})
    assert network_names(beyond)[-1] == "Subject Network 24"
    assert "There is no page" in beyond.content.decode()


def test_directory_filters_by_kind(client):
    NetworkFactory(name="Health Museums", kind=Network.Kind.SUBJECT)
    NetworkFactory(name="West Group", kind=Network.Kind.SUB_REGIONAL)
    response = client.get(reverse("networks:list"), {"kind": "subject"})
    assert network_names(response) == ["Health Museums"]
    assert "Clear filters" in response.content.decode()


def test_directory_filters_by_sub_region_and_topic_combined(client):
    west, east = SubRegionFactory(slug="west"), SubRegionFactory(slug="east")
    digital = TopicFactory(slug="digital")
    NetworkFactory(name="West Digital", sub_region=west, topics=[digital])
    NetworkFactory(name="West Other", sub_region=west)
    NetworkFactory(name="East Digital", sub_region=east, topics=[digital])
    url = reverse("networks:list")
    assert network_names(client.get(url, {"region": "west"})) == ["West Digital", "West Other"]
    assert network_names(client.get(url, {"topic": "digital"})) == ["East Digital", "West Digital"]
    combined = client.get(url, {"region": "west", "topic": "digital"})
    assert network_names(combined) == ["West Digital"]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nonsense"},
        {"region": "atlantis"},
        {"topic": "<script>alert(1)</script>"},
        {"kind": "x" * 5000, "region": "\x00"},
    ],
)
def test_unknown_filter_values_are_ignored_with_a_note(client, params):
    NetworkFactory(name="West Group")
    response = client.get(reverse("networks:list"), params)
    html = response.content.decode()
    assert response.status_code == 200
    assert network_names(response) == ["West Group"]
    assert "so it was not applied" in html
    assert "<script>alert(1)" not in html


def test_network_page_shows_its_details(client):
    parent = NetworkFactory(name="Subject Specialist Networks", kind=Network.Kind.SUBJECT)
    topic = TopicFactory(name="Medicine")
    network = NetworkFactory(
        name="Health Museums",
        kind=Network.Kind.SUBJECT,
        description="We meet **quarterly**.",
        website="https://health.example/",
        how_to_join="Email the chair.",
        parent=parent,
        topics=[topic],
    )
    NetworkRoleFactory(
        network=network,
        role=NetworkRole.Role.CHAIR,
        person__name="Dr Ada Lovelace",
        person__email="chair@health.example",
        confirmed_on=datetime.date(2026, 3, 2),
    )
    response = client.get(network.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>quarterly</strong>" in html
    assert 'href="https://health.example/"' in html
    assert "(external site)" in html
    assert "Email the chair." in html
    assert f'href="{parent.get_absolute_url()}"' in html
    assert "Medicine" in html
    assert "Chair:" in html
    assert 'href="mailto:chair@health.example"' in html
    assert "Confirmed March 2026" in html
    assert "awaiting update" not in html


def test_network_without_confirmed_public_contact_says_awaiting_update(client):
    network = NetworkFactory()
    NetworkRoleFactory(
        network=network,
        is_public=False,
        person__email="private@museum.example",
        confirmed_on=datetime.date(2025, 6, 1),
    )
    html = client.get(network.get_absolute_url()).content.decode()
    assert "Contact details awaiting update" in html
    assert "last confirmed in June 2025" in html
    assert "private@museum.example" not in html


def test_network_never_confirmed_says_so(client):
    network = NetworkFactory()
    html = client.get(network.get_absolute_url()).content.decode()
    assert "Contact details awaiting update" in html
    assert "have not yet been confirmed" in html


def test_network_description_with_script_renders_inert(client):
    network = NetworkFactory(
        description='<script>alert("x")</script><img src=x onerror=alert(1)>Hello'
    )
    html = client.get(network.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "Hello" in html


def test_unknown_network_is_a_404_in_the_site_layout(client):
    NetworkFactory(slug="closed-one", status=Network.Status.CLOSED)
    response = client.get(reverse("networks:detail", kwargs={"slug": "no-such-network"}))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Skip to main content" in html


def test_closed_network_says_it_has_closed_with_410_gone(client):
    network = NetworkFactory(
        name="Docklands Curators", slug="closed-one", status=Network.Status.CLOSED
    )
    response = client.get(reverse("networks:detail", kwargs={"slug": "closed-one"}))
    assert response.status_code == 410
    html = response.content.decode()
    assert "Skip to main content" in html
    assert "<h1>Docklands Curators has closed</h1>" in html
    assert "This network has closed." in html
    assert "Page not found" not in html
    assert 'rel="canonical"' not in html
    assert f'href="{reverse("networks:list")}"' in html
    assert network.slug not in client.get(reverse("networks:list")).content.decode()


def test_closed_network_says_when_and_where_its_work_went(client):
    successor = NetworkFactory(name="East London Collections Group")
    NetworkFactory(
        name="Docklands Curators",
        slug="docklands-curators",
        status=Network.Status.CLOSED,
        closed_on=datetime.date(2024, 3, 31),
        closure_note="Its members now meet as part of **the East London group**.",
        successor=successor,
    )
    response = client.get(reverse("networks:detail", kwargs={"slug": "docklands-curators"}))
    assert response.status_code == 410
    html = response.content.decode()
    assert "This network closed on 31 March 2024." in html
    assert "<strong>the East London group</strong>" in html
    assert (
        f'Its work carries on in <a href="{successor.get_absolute_url()}">'
        "East London Collections Group</a>." in html
    )


def test_closed_network_does_not_link_to_a_closed_successor_or_parent(client):
    gone = NetworkFactory(name="Also Gone", status=Network.Status.CLOSED)
    closed = NetworkFactory(status=Network.Status.CLOSED, successor=gone)
    html = client.get(closed.get_absolute_url()).content.decode()
    assert f'href="{gone.get_absolute_url()}"' not in html
    assert "carries on" not in html
    child = NetworkFactory(parent=gone)
    html = client.get(child.get_absolute_url()).content.decode()
    assert f'href="{gone.get_absolute_url()}"' not in html


def test_home_shows_the_first_networks_of_each_kind_and_links_to_the_rest(client):
    for i in range(8):
        NetworkFactory(name=f"Subject Network {i}", kind=Network.Kind.SUBJECT, display_order=i)
    html = client.get(reverse("networks:home")).content.decode()
    assert "Subject Network 5" in html
    assert "Subject Network 6" not in html
    assert 'href="/networks/?kind=subject">See all 8 subject networks</a>' in html


def test_the_count_agrees_with_one_network_or_several(client):
    west = SubRegionFactory(slug="west")
    NetworkFactory(sub_region=west)
    html = client.get(reverse("networks:list"), {"region": "west"}).content.decode()
    assert "1 network matches your filters." in html
    NetworkFactory(sub_region=west)
    html = client.get(reverse("networks:list"), {"region": "west"}).content.decode()
    assert "2 networks match your filters." in html
    assert "2 networks." in client.get(reverse("networks:list")).content.decode()
    SubRegionFactory(slug="east")
    html = client.get(reverse("networks:list"), {"region": "east"}).content.decode()
    assert "0 networks match your filters." in html

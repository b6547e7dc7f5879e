"""Query-count guards: each page costs the same number of queries with 5 or 50 networks."""

import datetime

import pytest
from django.urls import reverse

from tests.networks.factories import (
    NetworkFactory,
    NetworkRoleFactory,
    SubRegionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

ROWS = [5, 50]


def make_directory(rows):
    region = SubRegionFactory()
    topics = TopicFactory.create_batch(3)
    parent = NetworkFactory(sub_region=region)
    for i in range(rows):
        network = NetworkFactory(sub_region=region, topics=topics, parent=parent)
        NetworkRoleFactory.create_batch(
            2, network=network, confirmed_on=None if i % 2 else datetime.date(2026, 1, 5)
        )
    return parent


@pytest.mark.parametrize("rows", ROWS)
def test_home_queries(client, django_assert_num_queries, rows):
    make_directory(rows)
    # The first networks of each kind with their counts (one query), page sections, the next MDO
    # training sessions and the resources shown there.
    with django_assert_num_queries(4):
        assert client.get(reverse("networks:home")).status_code == 200


@pytest.mark.parametrize("rows", ROWS)
def test_directory_queries(client, django_assert_num_queries, rows):
    make_directory(rows)
    # The introduction, the filter form's sub-regions and topics, the count and a page of networks.
    with django_assert_num_queries(5):
        assert client.get(reverse("networks:list")).status_code == 200


@pytest.mark.parametrize("rows", ROWS)
def test_filtered_directory_queries(client, django_assert_num_queries, rows):
    make_directory(rows)
    region, topic = (
        SubRegionFactory._meta.model.objects.first(),
        TopicFactory._meta.model.objects.first(),
    )
    with django_assert_num_queries(5):
        response = client.get(
            reverse("networks:list"),
            {"kind": "sub_regional", "region": region.slug, "topic": topic.slug},
        )
    assert response.status_code == 200


@pytest.mark.parametrize("rows", ROWS)
def test_network_page_queries(client, django_assert_num_queries, rows):
    parent = make_directory(rows)
    # The network (with roles and topics prefetched: 3), its child networks, its next meetings.
    with django_assert_num_queries(5):
        assert client.get(parent.get_absolute_url()).status_code == 200

"""However many networks, topics, contacts and venues there are, each response costs the same
number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from networks.hsds import mapping
from networks.models import Event, Network
from tests.networks.factories import (
    EventFactory,
    NetworkFactory,
    NetworkRoleFactory,
    SubRegionFactory,
    TopicFactory,
)

from .helpers import API

pytestmark = pytest.mark.django_db


def add_networks(count):
    for _ in range(count):
        parent = NetworkFactory(kind=Network.Kind.AREA)
        network = NetworkFactory(
            parent=parent,
            sub_region=SubRegionFactory(),
            topics=TopicFactory.create_batch(2),
        )
        NetworkRoleFactory.create_batch(2, network=network)
        NetworkRoleFactory(network=network, is_public=False)
        EventFactory.create_batch(2, network=network, kind=Event.Kind.NETWORK_MEETING)


def urls():
    network = Network.objects.filter(parent__isnull=False).first()
    topic = network.topics.first()
    return [
        "/",
        "/services",
        "/services?full=true",
        "/services?minimal=true",
        f"/services?taxonomy_term_id={mapping.topic_term(topic).id}&full=true",
        f"/services?organization_id={mapping.organization_id(network.pk)}",
        f"/services/{mapping.service_id(network.pk)}",
        "/organizations",
        "/organizations?full=true&full_service=true",
        f"/organizations/{mapping.organization_id(network.pk)}?full_service=true",
        "/taxonomies",
        "/taxonomy_terms",
        f"/taxonomy_terms/{mapping.topic_term(topic).id}",
    ]


def queries(client):
    """[(the endpoint's name, how many queries)], in the order of urls()."""
    counts = []
    for url in urls():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{API}{url}")
        assert response.status_code == 200, url
        counts.append((response.resolver_match.url_name, len(captured)))
    return counts


def test_query_counts_stay_the_same_as_rows_grow(client):
    add_networks(2)
    few = queries(client)
    add_networks(10)
    many = queries(client)
    assert many == few
    # And they are few: the content clock, a count, the page and its prefetches.
    assert max(count for _, count in few) <= 8, few

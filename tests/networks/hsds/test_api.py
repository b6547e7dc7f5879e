"""The HSDS 3.0 API: real responses validated against the official schemas, the mapping of
our directory onto HSDS, pagination, filters and errors."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.hsds import mapping
from networks.hsds.views import MAX_PER_PAGE, PER_PAGE
from networks.models import Network, SubRegion, Topic
from tests.networks.factories import NetworkFactory, SubRegionFactory

from .helpers import API, every_url, get_json
from .hsds_schema import assert_valid, openapi_path

pytestmark = pytest.mark.django_db


def ids(page):
    return [item["id"] for item in page["contents"]]


def service_of(network):
    return mapping.service_id(network.pk)


def organization_of(network):
    return mapping.organization_id(network.pk)


def test_every_response_is_valid_against_the_official_hsds_schemas(client, directory):
    urls = every_url(client)
    assert len(urls) > 20
    for url, params in urls:
        data = get_json(client, url, params)
        assert_valid(openapi_path(url), data)


def test_the_root_says_which_hsds_and_where_its_openapi_is(client, directory):
    data = get_json(client, f"{API}/")
    assert data == {
        "version": "3.0",
        "profile": f"http://testserver{reverse('networks:open_data')}#hsds",
        "openapi_url": mapping.OPENAPI_URL,
    }


def test_a_list_is_a_page_of_the_specification(client, directory):
    data = get_json(client, f"{API}/services")
    assert {key: value for key, value in data.items() if key != "contents"} == {
        "total_items": 3,
        "total_pages": 1,
        "page_number": 1,
        "size": 3,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }


def test_each_public_network_is_an_organization_with_one_service(client, directory):
    d = directory
    services = get_json(client, f"{API}/services")["contents"]
    # Closed networks are left out, as on /networks/; in the directory's order.
    assert [service["name"] for service in services] == [
        "London Museums Group",
        "West London Museums Group",
        "Quiet Registrars",
    ]
    west = services[1]
    assert west["id"] == service_of(d.west_group)
    assert west["organization_id"] == organization_of(d.west_group)
    assert west["description"] == "Meets **four times** a year."
    assert west["url"] == f"http://testserver{d.west_group.get_absolute_url()}"
    assert west["application_process"] == "Email the chair."
    # When a contact last confirmed the details: the newest confirmation, public or not.
    assert west["assured_date"] == (d.today - datetime.timedelta(days=10)).isoformat()
    assert services[0]["url"] == "https://lmg.example/"
    assert services[2]["status"] == "inactive" and west["status"] == "active"
    assert "assured_date" not in services[2]

    organizations = get_json(client, f"{API}/organizations")["contents"]
    by_name = {organization["name"]: organization for organization in organizations}
    assert by_name["West London Museums Group"]["parent_organization_id"] == organization_of(
        d.parent
    )
    # The parent network has closed: no link to an organization that is not served.
    assert "parent_organization_id" not in by_name["Quiet Registrars"]
    assert by_name["London Museums Group"]["website"] == "https://lmg.example/"
    assert by_name["London Museums Group"]["description"] == "The area network for London."


def test_a_full_service_has_its_venues_terms_and_public_contacts(client, directory):
    d = directory
    data = get_json(client, f"{API}/services/{service_of(d.west_group)}")
    assert data["organization"]["id"] == organization_of(d.west_group)
    # The venue of its published, in-person events, once however many events are held there.
    [at_location] = data["service_at_locations"]
    location = at_location["location"]
    assert at_location["location_id"] == location["id"] == mapping.hsds_id("location", d.museum.pk)
    assert location["location_type"] == "physical"
    assert location["name"] == "Pitzhanger Manor"
    assert location["url"] == "https://pitzhanger.example/"
    assert location["accessibility"][0]["description"] == "Step-free entrance on Museum Street."
    [address] = location["addresses"]
    assert {key: address[key] for key in ("address_1", "address_2", "city", "postal_code")} == {
        "address_1": "Walpole Park",
        "address_2": "Mattock Lane",
        "city": "London",
        "postal_code": "W5 5EQ",
    }
    assert address["country"] == "GB" and address["address_type"] == "physical"

    terms = {
        attribute["taxonomy_term"]["name"]: attribute["taxonomy_term_id"]
        for attribute in data["attributes"]
    }
    assert set(terms) == {"Sub-regional network", "West London", "Textiles", "Digital"}
    assert all(attribute["link_id"] == data["id"] for attribute in data["attributes"])
    assert {attribute["link_entity"] for attribute in data["attributes"]} == {"service"}
    known = {term["id"] for term in get_json(client, f"{API}/taxonomy_terms")["contents"]}
    assert set(terms.values()) <= known

    assert data["contacts"] == [
        {
            "id": data["contacts"][0]["id"],
            "organization_id": organization_of(d.west_group),
            "service_id": data["id"],
            "name": "Ada Curator",
            "title": "Chair",
            "email": "ada@museum.example",
        }
    ]


def test_a_full_organization_has_its_services_locations_and_terms(client, directory):
    d = directory
    data = get_json(client, f"{API}/organizations/{organization_of(d.west_group)}")
    assert [service["id"] for service in data["services"]] == [service_of(d.west_group)]
    assert "attributes" not in data["services"][0]  # the one-to-one fields, unless asked
    assert [location["name"] for location in data["locations"]] == ["Pitzhanger Manor"]
    assert {attribute["link_entity"] for attribute in data["attributes"]} == {"organization"}
    assert [contact["name"] for contact in data["contacts"]] == ["Ada Curator"]

    nested = get_json(
        client,
        f"{API}/organizations/{organization_of(d.west_group)}",
        {"full_service": "true"},
    )
    assert nested["services"][0]["service_at_locations"][0]["location"]["name"] == (
        "Pitzhanger Manor"
    )
    listed = get_json(client, f"{API}/organizations", {"full_service": "true"})["contents"]
    [west] = [item for item in listed if item["id"] == data["id"]]
    assert west["services"][0]["attributes"] and "contacts" not in west["services"][0]


def test_ids_are_stable_uuids_that_survive_a_new_slug(client, directory):
    first = get_json(client, f"{API}/services", {"full": "true"})
    directory.west_group.slug = "west-london-group"
    directory.west_group.save()
    second = get_json(client, f"{API}/services", {"full": "true"})
    assert ids(first) == ids(second)
    for item in first["contents"]:
        assert uuid.UUID(item["id"]).version == 5
    assert [attribute["id"] for item in first["contents"] for attribute in item["attributes"]] == [
        attribute["id"] for item in second["contents"] for attribute in item["attributes"]
    ]
    assert service_of(directory.west_group) == str(
        uuid.uuid5(mapping.NAMESPACE, f"service:{directory.west_group.pk}")
    )
    # Written down once: a change to the namespace or the recipe would change every id.
    assert mapping.KINDS.id == "e0541351-e5d3-55ba-9cce-e37d798c1f34"
    assert mapping.service_id(1) == "2eb27478-1ae8-5a5e-afc8-59344f3a3244"


def test_pages_of_services(client, db):
    NetworkFactory.create_batch(7, kind=Network.Kind.SUBJECT)
    whole = get_json(client, f"{API}/services", {"per_page": 100})
    first = get_json(client, f"{API}/services", {"per_page": 3})
    last = get_json(client, f"{API}/services", {"per_page": 3, "page": 3})
    assert (first["total_items"], first["total_pages"], first["size"]) == (7, 3, 3)
    assert first["first_page"] and not first["last_page"]
    assert (last["page_number"], last["size"], last["first_page"], last["last_page"]) == (
        3,
        1,
        False,
        True,
    )
    pages = [get_json(client, f"{API}/services", {"per_page": 3, "page": n}) for n in (1, 2, 3)]
    assert [i for page in pages for i in ids(page)] == ids(whole)
    assert get_json(client, f"{API}/services")["size"] == 7 <= PER_PAGE


def test_an_empty_result_is_one_empty_page(client, db):
    data = get_json(client, f"{API}/services", {"search": "nothing like this"})
    assert data == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_service_filters_combine(client, directory):
    d = directory
    east = SubRegionFactory(name="East London", slug="east")
    NetworkFactory(name="East Textiles", sub_region=east, topics=[d.textiles])
    term = mapping.topic_term(d.textiles).id

    def names(**params):
        return [item["name"] for item in get_json(client, f"{API}/services", params)["contents"]]

    # In the directory's order: kind, then display order, then name.
    assert names(taxonomy_term_id=term) == ["East Textiles", "West London Museums Group"]
    assert names(taxonomy_term_id=term, search="east") == ["East Textiles"]
    assert names(taxonomy_term_id=mapping.sub_region_term(east).id) == ["East Textiles"]
    assert names(taxonomy_term_id=mapping.kind_term("practitioner").id) == ["Quiet Registrars"]
    assert names(taxonomy_id=mapping.TOPICS.id) == ["East Textiles", "West London Museums Group"]
    assert names(taxonomy_id=mapping.SUB_REGIONS.id) == [
        "East Textiles",
        "West London Museums Group",
    ]
    assert len(names(taxonomy_id=mapping.KINDS.id)) == 4
    assert names(organization_id=organization_of(d.dormant)) == ["Quiet Registrars"]
    assert names(organization_id=organization_of(d.dormant), taxonomy_term_id=term) == []
    # An id we never gave out (a closed network's, or any other) finds nothing.
    assert names(organization_id=organization_of(d.closed_parent)) == []
    assert names(taxonomy_term_id=str(uuid.uuid4())) == []
    assert names(search="FOUR TIMES") == ["West London Museums Group"]

    long_ago = timezone.now() - datetime.timedelta(days=30)
    Network.objects.exclude(name="East Textiles").update(updated_at=long_ago)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert names(modified_after=since) == ["East Textiles"]
    assert names(modified_after=since, taxonomy_term_id=mapping.KINDS.id) == []
    day = (long_ago - datetime.timedelta(days=1)).date().isoformat()
    assert len(names(modified_after=day)) == 4


def test_minimal_services_say_only_what_changed_when(client, directory):
    data = get_json(client, f"{API}/services", {"minimal": "true"})
    assert set(data["contents"][0]) == {"id", "name", "status", "last_modified"}


def test_taxonomies_and_their_terms(client, directory):
    taxonomies = get_json(client, f"{API}/taxonomies")["contents"]
    assert [taxonomy["name"] for taxonomy in taxonomies] == [
        "Kinds of network",
        "Topics",
        "Sub-regions of London",
    ]
    terms = get_json(client, f"{API}/taxonomy_terms", {"taxonomy_id": mapping.TOPICS.id})
    assert [term["name"] for term in terms["contents"]] == ["Digital", "Textiles"]
    assert terms["contents"][1]["term_uri"] == "http://testserver/networks/?topic=textiles"
    kinds = get_json(client, f"{API}/taxonomy_terms", {"taxonomy_id": mapping.KINDS.id})
    assert [term["code"] for term in kinds["contents"]] == Network.Kind.values
    everything = get_json(client, f"{API}/taxonomy_terms", {"top_only": "true"})
    # Every topic and sub-region, as the networks page's filters offer them.
    assert everything["total_items"] == 4 + Topic.objects.count() + SubRegion.objects.count()
    assert get_json(client, f"{API}/taxonomy_terms", {"search": "west"})["total_items"] == 1
    # Our taxonomies are flat: no term has a parent.
    parent = kinds["contents"][0]["id"]
    assert get_json(client, f"{API}/taxonomy_terms", {"parent_id": parent})["empty"]
    one = get_json(client, f"{API}/taxonomy_terms/{terms['contents'][0]['id']}")
    assert one == terms["contents"][0]
    assert get_json(client, f"{API}/taxonomies/{mapping.KINDS.id}") == taxonomies[0]


BAD = [
    ("services", {"page": "0"}, "page"),
    ("services", {"page": "two"}, "page"),
    ("services", {"page": "5"}, "page"),
    ("services", {"per_page": "0"}, "per_page"),
    ("services", {"per_page": str(MAX_PER_PAGE + 1)}, "per_page"),
    ("services", {"per_page": "-3"}, "per_page"),
    ("services", {"full": "maybe"}, "full"),
    ("services", {"minimal": "yes please"}, "minimal"),
    ("services", {"taxonomy_term_id": "textiles"}, "taxonomy_term_id"),
    ("services", {"taxonomy_id": "1' OR 1=1"}, "taxonomy_id"),
    ("services", {"organization_id": "12"}, "organization_id"),
    ("services", {"modified_after": "yesterday"}, "modified_after"),
    ("services", {"modified_after": "2026-02-30"}, "modified_after"),
    ("services", {"search": "a\x00b"}, "search"),
    ("services", {"search": "x" * 201}, "search"),
    ("services", {"format": "ndjson"}, "format"),
    ("organizations", {"full_service": "2"}, "full_service"),
    ("organizations", {"page": "9"}, "page"),
    ("taxonomies", {"per_page": "lots"}, "per_page"),
    ("taxonomy_terms", {"taxonomy_id": "kinds"}, "taxonomy_id"),
    ("taxonomy_terms", {"parent_id": "none"}, "parent_id"),
    ("taxonomy_terms", {"top_only": "sometimes"}, "top_only"),
]


@pytest.mark.parametrize(("endpoint", "params", "parameter"), BAD)
def test_a_bad_parameter_gets_400_saying_which_and_why(
    client, directory, endpoint, params, parameter
):
    data = get_json(client, f"{API}/{endpoint}", params, status=400)
    assert data["status"] == 400 and data["parameter"] == parameter
    assert parameter in data["error"]


@pytest.mark.parametrize(
    "path",
    [
        "services/not-a-uuid",
        f"services/{uuid.uuid4()}",
        f"organizations/{uuid.uuid4()}",
        f"taxonomies/{uuid.uuid4()}",
        f"taxonomy_terms/{uuid.uuid4()}",
        "services/",
        "nothing-here",
    ],
)
def test_an_unknown_id_or_path_gets_404_in_json(client, directory, path):
    data = get_json(client, f"{API}/{path}", status=404)
    assert data["status"] == 404 and data["error"]


def test_a_closed_networks_ids_are_unknown(client, directory):
    closed = directory.closed_parent
    get_json(client, f"{API}/services/{service_of(closed)}", status=404)
    get_json(client, f"{API}/organizations/{organization_of(closed)}", status=404)


def test_read_only_and_open_to_every_origin(client, directory):
    response = client.post(f"{API}/services", {})
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
    preflight = client.options(f"{API}/services")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    head = client.head(f"{API}/services")
    assert head.status_code == 200 and head["Access-Control-Allow-Origin"] == "*"


def test_the_api_root_without_its_slash_redirects_to_it(client, db):
    response = client.get(API)
    assert response.status_code == 301 and response["Location"] == f"{API}/"

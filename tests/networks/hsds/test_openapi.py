"""The API serves the paths of the official HSDS 3.0 openapi.json, every required one, with
the parameters it names there, each declared for the page cache; and the schema check that the
other tests lean on does catch a response that breaks the specification."""

import pytest
from django.urls import get_resolver

from .helpers import API, get_json, served
from .hsds_schema import REQUIRED_PATHS, assert_valid, openapi, openapi_path

pytestmark = pytest.mark.django_db


def parameters(path):
    """The query parameters openapi.json names for GET path."""
    spec = openapi()
    named = set()
    for parameter in spec["paths"][path]["get"].get("parameters", []):
        if "$ref" in parameter:
            parameter = spec["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        if parameter["in"] == "query":
            named.add(parameter["name"])
    return named


def test_every_path_served_is_an_official_path_and_every_required_one_is_served():
    paths = served()
    assert set(paths) <= set(openapi()["paths"]), set(paths) - set(openapi()["paths"])
    assert set(paths) >= REQUIRED_PATHS
    # No trailing slashes, as openapi.json writes its paths (the root is the base URL).
    assert all(path == "/" or not path.endswith("/") for path in paths)


def test_the_api_lives_under_api_hsds():
    match = get_resolver().resolve(f"{API}/services")
    assert match.view_name == "networks:hsds:services"


@pytest.mark.parametrize("path", sorted(served()))
def test_each_view_reads_the_official_parameters_and_declares_them(path):
    # Declared with @reads_query, or the page cache would drop them before the view saw them.
    assert served()[path].page_cache_query == parameters(path)


def test_every_url_the_tests_request_is_an_official_path(client, directory):
    assert openapi_path(f"{API}/services/abc") == "/services/{id}"
    assert openapi_path(f"{API}/") == "/"
    assert openapi_path(f"{API}/services/") is None


def test_the_schema_check_catches_a_response_that_breaks_hsds(client, directory):
    page = get_json(client, f"{API}/services", {"full": "true"})
    assert_valid("/services", page)
    broken = {**page, "contents": [{**page["contents"][0], "status": "open"}]}
    with pytest.raises(AssertionError, match="status"):
        assert_valid("/services", broken)
    missing = {key: value for key, value in page["contents"][0].items() if key != "name"}
    with pytest.raises(AssertionError, match="name"):
        assert_valid("/services", {**page, "contents": [missing]})
    with pytest.raises(AssertionError, match="total_items"):
        assert_valid("/services", {**page, "total_items": "three"})
    organization = get_json(client, f"{API}/organizations/{page['contents'][0]['organization_id']}")
    with pytest.raises(AssertionError, match="uuid"):
        assert_valid("/organizations/{id}", {**organization, "id": "not-a-uuid"})

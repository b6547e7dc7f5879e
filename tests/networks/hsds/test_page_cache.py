"""With the page cache on, the API is cached like any page: each declared parameter still
chooses the answer, an undeclared one shares the entry, and a save shows at once."""

import pytest

from networks.hsds import mapping

from .helpers import API, get_json

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_the_parameters_still_choose_the_answer_from_the_cache(client, directory):
    for per_page in (1, 2, 1, 2):
        assert get_json(client, f"{API}/services", {"per_page": per_page})["size"] == per_page
    hit = client.get(f"{API}/services", {"per_page": 1, "utm_source": "x"})
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Access-Control-Allow-Origin"] == "*"
    terms = {"taxonomy_id": mapping.KINDS.id, "per_page": 2}
    assert get_json(client, f"{API}/taxonomy_terms", terms)["total_items"] == 4
    get_json(client, f"{API}/services", {"full": "maybe"}, status=400)


def test_a_save_shows_at_once(client, directory):
    get_json(client, f"{API}/services")
    directory.dormant.name = "Registrars Awake"
    directory.dormant.save()
    names = [item["name"] for item in get_json(client, f"{API}/services")["contents"]]
    assert "Registrars Awake" in names


def test_a_304_from_the_page_cache_lets_any_origin_read_it(client, directory):
    first = client.get(f"{API}/services")
    again = client.get(f"{API}/services", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.get("Access-Control-Allow-Origin") == "*"

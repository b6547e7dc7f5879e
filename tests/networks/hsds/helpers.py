"""Shared by the HSDS API's tests: asking for JSON, and every address the API answers."""

import json

from django.urls import URLPattern

from networks.hsds import urls as hsds_urls

API = "/api/hsds"


def get_json(client, path, params=None, status=200, **headers):
    response = client.get(path, params or {}, headers=headers)
    assert response.status_code == status, (path, params, response.content[:500])
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def every_url(client):
    """Every endpoint, in every shape it answers in, with each id it knows."""
    services = get_json(client, f"{API}/services")["contents"]
    organizations = get_json(client, f"{API}/organizations")["contents"]
    taxonomies = get_json(client, f"{API}/taxonomies")["contents"]
    terms = get_json(client, f"{API}/taxonomy_terms")["contents"]
    return [
        (f"{API}/", {}),
        *((f"{API}/services", {"full": full}) for full in ("false", "true")),
        (f"{API}/services", {"minimal": "true"}),
        *((f"{API}/services/{item['id']}", {}) for item in services),
        *(
            (f"{API}/organizations", {"full": full, "full_service": full_service})
            for full in ("false", "true")
            for full_service in ("false", "true")
        ),
        *(
            (f"{API}/organizations/{item['id']}", {"full_service": full_service})
            for item in organizations
            for full_service in ("false", "true")
        ),
        (f"{API}/taxonomies", {}),
        *((f"{API}/taxonomies/{item['id']}", {}) for item in taxonomies),
        (f"{API}/taxonomy_terms", {}),
        *((f"{API}/taxonomy_terms/{item['id']}", {}) for item in terms),
    ]


def served():
    """{openapi path: view} for each path /api/hsds/ serves (the catch-all aside)."""
    paths = {}
    for pattern in hsds_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name == "not_found":
            continue
        route = "/" + str(pattern.pattern).replace("<str:id>", "{id}")
        paths[route] = pattern.callback
    return paths

"""Nothing the public pages do not show ever leaves through the API: contacts not shown
publicly, phone numbers, closed networks, drafts, and no list of contacts at all."""

import pytest

from .helpers import API, every_url

pytestmark = pytest.mark.django_db

NEVER = [
    "Hidden Keeper",  # a contact not shown publicly
    "hidden@museum.example",
    "020 7946 0001",  # a public contact's phone: no page shows it
    "020 7946 0999",
    "Old Umbrella Network",  # closed
    "Closed Contact",  # a contact of a closed network
    "Draft Venue",  # only a draft event is held there
    "Online Only Venue",  # only an online event, whose page shows no venue
]


def responses(client):
    for url, params in every_url(client):
        response = client.get(url, params)
        assert response.status_code == 200, url
        yield url, params, response.content.decode()


def test_no_private_detail_is_in_any_response(client, directory):
    seen = list(responses(client))
    assert len(seen) > 20
    for url, params, body in seen:
        for private in NEVER:
            assert private not in body, (private, url, params)
    # The test would see them: the public contact is there, on the network's own objects.
    bodies = " ".join(body for _, _, body in seen)
    assert "ada@museum.example" in bodies and "Ada Curator" in bodies


def test_contacts_are_given_one_network_at_a_time_never_in_a_list(client, directory):
    for url, params, body in responses(client):
        one_network = url.startswith((f"{API}/services/", f"{API}/organizations/"))
        assert ("ada@museum.example" in body) == (
            one_network and directory.west_group.name in body
        ), (url, params)


def test_a_contact_made_private_leaves_the_api(client, directory):
    role = directory.chair.roles.get()
    role.is_public = False
    role.save()
    for url, params, body in responses(client):
        assert "Ada Curator" not in body and "ada@museum.example" not in body, (url, params)

"""Smoke tests for every registered admin: changelist, search and add page, as staff see them."""

import pytest
from django.contrib import admin
from django.urls import reverse

from networks.models import Network, NetworkRole
from tests.helpers.admin import add_network_with_a_role, admin_url
from tests.networks.factories import NetworkFactory, NetworkRoleFactory

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label == "networks"]


@pytest.fixture
def directory():
    role = NetworkRoleFactory(network__name="West London Museums Group", person__name="Ada")
    NetworkFactory(name="Quiet Network")
    return role


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_search_and_add_pages_load(admin_client, directory, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "changelist"), {"q": "West"}).status_code == 200
    # Suggested updates come only from the public site, and contacts' changes and handovers
    # only from the contacts' pages, and bookings only through the booking rules, so staff
    # cannot add one.
    made_by_the_site = {"suggestion", "contactchange", "rolehandover", "booking"}
    add_status = 403 if model._meta.model_name in made_by_the_site else 200
    assert admin_client.get(admin_url(model, "add")).status_code == add_status


def test_every_directory_model_is_registered():
    names = {model._meta.model_name for model in MODELS}
    assert names >= {"network", "subregion", "topic", "person", "networkrole", "pagesection"}


def test_network_change_page_has_roles_inline_and_prefilled_slug(admin_client, directory):
    url = reverse("admin:networks_network_change", args=[directory.network.pk])
    html = admin_client.get(url).content.decode()
    assert "Ada" in html
    assert 'id="id_roles-0-person"' in html
    add_html = admin_client.get(admin_url(Network, "add")).content.decode()
    assert "prepopulated_fields" in add_html or "data-prepopulated-field" in add_html


def test_awaiting_update_filter(admin_client, directory):
    url = admin_url(Network, "changelist")
    awaiting = admin_client.get(url, {"awaiting_update": "yes"})
    confirmed = admin_client.get(url, {"awaiting_update": "no"})
    assert [n.name for n in awaiting.context["cl"].result_list] == ["Quiet Network"]
    assert [n.name for n in confirmed.context["cl"].result_list] == ["West London Museums Group"]


def test_admin_search_finds_networks_by_name(admin_client, directory):
    response = admin_client.get(admin_url(Network, "changelist"), {"q": "quiet"})
    assert [n.name for n in response.context["cl"].result_list] == ["Quiet Network"]


def test_person_autocomplete_finds_people(admin_client, directory):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Ad",
            "app_label": "networks",
            "model_name": "networkrole",
            "field_name": "person",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Ada (Example Museum)"]


def test_staff_can_add_a_network_with_a_role(admin_client):
    add_network_with_a_role(admin_client)


def test_duplicate_role_gets_a_friendly_message(admin_client, directory):
    response = admin_client.post(
        admin_url(NetworkRole, "add"),
        {
            "network": directory.network.pk,
            "person": directory.person.pk,
            "role": directory.role,
            "is_public": "on",
        },
    )
    assert response.status_code == 200
    assert "already contact of this network" in response.content.decode()
    assert NetworkRole.objects.count() == 1


# Session, user, the second factor's device, count, total count, rows and the filters' choices:
# the same at 5 and 50 rows.
CHANGELIST_QUERIES = {"network": 8, "networkrole": 8, "person": 6}


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize(("model_name", "queries"), CHANGELIST_QUERIES.items())
def test_changelist_queries_do_not_grow(
    admin_client, django_assert_num_queries, rows, model_name, queries
):
    NetworkRoleFactory.create_batch(rows)
    url = reverse(f"admin:networks_{model_name}_changelist")
    with django_assert_num_queries(queries):
        response = admin_client.get(url)
    assert response.context["cl"].result_count == rows


def test_staff_record_a_closure_and_its_successor_in_the_admin(admin_client, directory):
    successor = NetworkFactory(name="East London Collections Group")
    network = directory.network
    url = reverse("admin:networks_network_change", args=[network.pk])
    page = admin_client.get(url).content.decode()
    assert "If it has closed" in page
    assert 'name="closure_note"' in page
    response = admin_client.post(
        url,
        {
            "name": network.name,
            "slug": network.slug,
            "kind": network.kind,
            "status": "closed",
            "closed_on": "2024-03-31",
            "closure_note": "Merged into the East London group.",
            "successor": successor.pk,
            "display_order": 0,
            "roles-TOTAL_FORMS": 1,
            "roles-INITIAL_FORMS": 1,
            "roles-0-id": directory.pk,
            "roles-0-network": network.pk,
            "roles-0-person": directory.person.pk,
            "roles-0-role": directory.role,
            "roles-0-is_public": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    network.refresh_from_db()
    assert network.closed_on.isoformat() == "2024-03-31"
    assert network.successor == successor
    public = admin_client.get(network.get_absolute_url())
    assert public.status_code == 410
    assert "Merged into the East London group." in public.content.decode()

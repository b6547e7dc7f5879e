"""The "needs review" rule, derived from the newest confirmation, and its public notice."""

import datetime

import pytest
from django.urls import reverse

from networks.models import Network
from tests.networks.factories import NetworkFactory, NetworkRoleFactory

pytestmark = pytest.mark.django_db


# --- Needs review -------------------------------------------------------------------------------


def test_needs_review_is_derived_from_the_newest_confirmation(frozen):
    fresh = NetworkRoleFactory(confirmed_on=datetime.date(2026, 1, 5)).network
    stale = NetworkRoleFactory(confirmed_on=datetime.date(2025, 11, 29)).network
    just_in = NetworkRoleFactory(confirmed_on=datetime.date(2025, 11, 30)).network
    mixed = NetworkRoleFactory(confirmed_on=datetime.date(2024, 1, 1)).network
    NetworkRoleFactory(network=mixed, confirmed_on=datetime.date(2026, 6, 1))
    never = NetworkFactory()
    closed = NetworkRoleFactory(
        confirmed_on=datetime.date(2020, 1, 1), network__status=Network.Status.CLOSED
    ).network
    assert set(Network.objects.needs_review()) == {stale, never}
    flags = {n.pk: n.needs_review for n in Network.objects.with_contact_status()}
    assert flags[fresh.pk] is False and flags[just_in.pk] is False and flags[mixed.pk] is False
    assert flags[closed.pk] is True  # Closed networks need nothing, so they are not listed.


def test_the_period_is_a_setting(frozen, settings):
    network = NetworkRoleFactory(confirmed_on=datetime.date(2026, 6, 1)).network
    assert network not in Network.objects.needs_review()
    settings.FRESHNESS_PERIOD_MONTHS = 3
    assert network in Network.objects.needs_review()


def test_an_out_of_date_network_says_so_publicly(client, frozen):
    role = NetworkRoleFactory(confirmed_on=datetime.date(2025, 3, 2), person__name="Ada")
    html = client.get(role.network.get_absolute_url()).content.decode()
    assert "These details may be out of date." in html
    assert "They were last confirmed in March 2025." in html
    assert "Confirmed March 2025" in html
    assert reverse("networks:suggest", args=[role.network.slug]) in html
    listing = client.get(reverse("networks:list")).content.decode()
    assert "Details may be out of date" in listing


def test_a_fresh_network_shows_no_notice(client, frozen):
    role = NetworkRoleFactory(confirmed_on=datetime.date(2026, 3, 2))
    html = client.get(role.network.get_absolute_url()).content.decode()
    assert "may be out of date" not in html
    assert "Confirmed March 2026" in html
    assert "Suggest an update" in html


def test_the_admin_lists_networks_needing_review(admin_client, frozen):
    NetworkRoleFactory(network__name="Fresh Group", confirmed_on=datetime.date(2026, 3, 2))
    NetworkRoleFactory(network__name="Stale Group", confirmed_on=datetime.date(2024, 3, 2))
    url = reverse("admin:networks_network_changelist")
    names = [
        n.name for n in admin_client.get(url, {"needs_review": "yes"}).context["cl"].result_list
    ]
    assert names == ["Stale Group"]
    names = [
        n.name for n in admin_client.get(url, {"needs_review": "no"}).context["cl"].result_list
    ]
    assert names == ["Fresh Group"]

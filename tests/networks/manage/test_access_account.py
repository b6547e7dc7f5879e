"""A contact sees and changes only their own networks and roles, and nothing at all when signed
out; the page cache never stores a signed-in page."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from networks.manage.models import ContactChange, RoleHandover
from networks.models import Network, NetworkRole
from tests.helpers.html import text
from tests.helpers.manage import signed_in_client
from tests.helpers.manage_account import ask_for_link, offer_handover
from tests.networks.factories import NetworkRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine():
    return NetworkRoleFactory(person__name="Ada Mine", person__email="ada@museum.example")


@pytest.fixture
def theirs():
    return NetworkRoleFactory(
        person__name="Bob Theirs",
        person__email="bob-private@museum.example",
        person__phone="020 7946 0999",
        is_public=False,
    )


@pytest.fixture
def contact(client, mine):
    return signed_in_client(client, mine.person)


def own_urls(mine):
    return [
        reverse("manage:home"),
        reverse("manage:edit_contact"),
        reverse("manage:edit_network", args=[mine.network.slug]),
        reverse("manage:network_saved", args=[mine.network.slug]),
        reverse("manage:hand_over", args=[mine.pk]),
    ]


def test_another_networks_pages_are_not_found(contact, theirs):
    for url in [
        reverse("manage:edit_network", args=[theirs.network.slug]),
        reverse("manage:network_saved", args=[theirs.network.slug]),
        reverse("manage:edit_network", args=["no-such-network"]),
        reverse("manage:hand_over", args=[theirs.pk]),
        reverse("manage:hand_over", args=[99999999]),
    ]:
        assert contact.get(url).status_code == 404, url
        assert (
            contact.post(
                url, {"summary": "Hijacked", "name": "X", "email": "x@example.org"}
            ).status_code
            == 404
        ), url
    theirs.network.refresh_from_db()
    assert theirs.network.summary != "Hijacked"
    assert ContactChange.objects.count() == 0
    assert RoleHandover.objects.count() == 0


def test_a_closed_network_is_not_managed(contact, mine):
    second = NetworkRoleFactory(person=mine.person, network__status=Network.Status.CLOSED)
    assert (
        contact.get(reverse("manage:edit_network", args=[second.network.slug])).status_code == 404
    )
    assert contact.get(reverse("manage:hand_over", args=[second.pk])).status_code == 404


def test_another_persons_private_details_are_never_shown(contact, mine, theirs):
    # Even a colleague in the same network: their private email and phone stay hidden.
    NetworkRoleFactory(
        network=mine.network, person=theirs.person, role=NetworkRole.Role.CHAIR, is_public=False
    )
    for url in own_urls(mine):
        page = contact.get(url).content.decode()
        assert "bob-private@museum.example" not in page, url
        assert "020 7946 0999" not in page, url


def test_nothing_is_reachable_signed_out(client, mine):
    for url in own_urls(mine):
        assert client.get(url)["Location"] == reverse("manage:start"), url
        assert client.post(url, {"name": "X"})["Location"] == reverse("manage:start"), url
    assert client.post(reverse("manage:confirm_details"))["Location"] == reverse("manage:start")


def test_nothing_is_reachable_after_the_session_length(contact, mine):
    later = timezone.now() + datetime.timedelta(hours=settings.CONTACT_SESSION_HOURS, seconds=1)
    with time_machine.travel(later):
        for url in own_urls(mine):
            assert contact.get(url).status_code == 302, url


def test_nothing_is_reachable_after_sign_out(contact, mine):
    contact.post(reverse("manage:sign_out"))
    for url in own_urls(mine):
        assert contact.get(url).status_code == 302, url


def test_another_persons_handover_link_cannot_be_taken_by_a_guess(
    contact, mine, theirs, mailoutbox, django_capture_on_commit_callbacks
):
    offer_handover(
        theirs, "Cy", "cy@museum.example", django_capture_on_commit_callbacks, mailoutbox
    )
    response = contact.post(reverse("manage:accept_handover", args=["guessed-token"]))
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert theirs.person.name == "Bob Theirs"


def test_sign_in_answer_is_identical_for_known_and_unknown(
    mine, mailoutbox, django_capture_on_commit_callbacks
):
    pages = []
    for email in (mine.person.email, "unknown@example.org"):
        client = Client()
        response = ask_for_link(client, email, django_capture_on_commit_callbacks)
        page = client.get(response["Location"])
        pages.append((response.status_code, response["Location"], page.status_code, page.content))
    assert pages[0] == pages[1]
    # And the form itself answers the same (apart from its CSRF token) when it has errors.
    bodies = [
        re.sub(
            rb'name="csrfmiddlewaretoken" value="[^"]+"',
            b"",
            Client().post(reverse("manage:start"), {"email": email}).content,
        )
        for email in (mine.person.email + "x@", "unknown@")
    ]
    assert bodies[0].replace(b"ada@museum.examplex@", b"unknown@") == bodies[1]


def test_page_cache_never_serves_a_signed_in_page_to_anyone(settings, mine):
    settings.PAGE_CACHE_SECONDS = 300
    url = reverse("manage:home")
    contact = signed_in_client(Client(), mine.person)
    signed_in = contact.get(url)
    assert signed_in.status_code == 200
    assert "X-Page-Cache" not in signed_in
    assert "private" in signed_in["Cache-Control"] or "no-store" in signed_in["Cache-Control"]
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert mine.network.name not in text(anonymous)
    # And the other way: a page stored for anonymous visitors is never what a contact gets.
    public = mine.network.get_absolute_url()
    assert Client().get(public)["X-Page-Cache"] == "miss"
    assert Client().get(public)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in contact.get(public)


def test_staff_only_fields_cannot_be_changed_by_a_contact(contact, mine):
    network = mine.network
    contact.post(
        reverse("manage:edit_network", args=[network.slug]),
        {
            "summary": "New",
            "changes_need_review": "",
            "status": "closed",
            "name": "Renamed",
            "slug": "renamed",
            "display_order": "1",
        },
    )
    network.refresh_from_db()
    assert (network.name, network.slug, network.status) == (
        mine.network.name,
        mine.network.slug,
        Network.Status.ACTIVE,
    )
    assert network.changes_need_review is True
    assert network.summary != "New"  # waits for review
    assert set(ContactChange.objects.get().after) == {
        "summary",
        "description",
        "website",
        "how_to_join",
        "sub_region",
        "topics",
    }

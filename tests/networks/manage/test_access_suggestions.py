"""A network's contact sees and acts on only their own network's suggestions: every guessed id
or slug of another network is a 404, a sender's unshared email address is never shown, and a
contact's session is no way into the admin."""

import pytest
from django.urls import reverse

from networks.models import Suggestion
from tests.helpers.manage import signed_in_client
from tests.networks.factories import NetworkRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine():
    return NetworkRoleFactory(network__name="Registrars Group")


@pytest.fixture
def theirs():
    role = NetworkRoleFactory(network__name="Digital Network")
    suggestion = Suggestion.objects.create(
        network=role.network, kind="other", details="Theirs", email="secret@example.org"
    )
    return role, suggestion


@pytest.fixture
def contact(client, mine):
    return signed_in_client(client, mine.person)


def test_another_networks_suggestions_are_not_found(contact, mine, theirs):
    role, suggestion = theirs
    mine_url = reverse("manage:suggestions", args=[mine.network.slug])
    assert contact.get(mine_url).status_code == 200
    assert contact.get(reverse("manage:suggestions", args=[role.network.slug])).status_code == 404
    assert contact.get(reverse("manage:suggestions", args=["no-such-network"])).status_code == 404
    for slug in (mine.network.slug, role.network.slug):
        for action in ("done", "not_needed"):
            url = reverse("manage:close_suggestion", args=[slug, suggestion.pk])
            assert contact.post(url, {"action": action}).status_code == 404
    assert (
        contact.post(
            reverse("manage:close_suggestion", args=[mine.network.slug, 999999]), {"action": "done"}
        ).status_code
        == 404
    )
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.OPEN
    html = contact.get(mine_url).content.decode()
    assert "Theirs" not in html and "secret@example.org" not in html


def test_an_unshared_email_is_never_shown_even_after_closing(contact, mine):
    suggestion = Suggestion.objects.create(
        network=mine.network, kind="other", details="Mine", email="secret@example.org"
    )
    url = reverse("manage:suggestions", args=[mine.network.slug])
    assert "secret@example.org" not in contact.get(url).content.decode()
    closed = contact.post(
        reverse("manage:close_suggestion", args=[mine.network.slug, suggestion.pk]),
        {"action": "done"},
        follow=True,
    )
    assert "secret@example.org" not in closed.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, mine, theirs):
    _, suggestion = theirs
    start = reverse("manage:start")
    list_url = reverse("manage:suggestions", args=[mine.network.slug])
    close_url = reverse("manage:close_suggestion", args=[suggestion.network.slug, suggestion.pk])
    assert client.get(list_url).url == start
    assert client.post(close_url, {"action": "done"}).url == start
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.OPEN


def test_a_contacts_session_is_no_staff_login(contact, theirs):
    _, suggestion = theirs
    for url in (
        reverse("admin:index"),
        reverse("admin:networks_suggestion_change", args=[suggestion.pk]),
        reverse("admin:networks_contactchange_changelist"),
    ):
        response = contact.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))

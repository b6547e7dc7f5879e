"""Suggestions reach the network: its contacts are told what the public suggested (the sender's
email address only if they agreed), and act on it from their signed-in page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import StatusChange
from networks.models import Suggestion
from tests.helpers.admin import admin_url
from tests.helpers.html import assert_valid_html, java_or_skip
from tests.helpers.manage import signed_in_client
from tests.networks.factories import NetworkRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def role():
    return NetworkRoleFactory(
        network__name="Registrars Group", person__name="Ada Lovelace", person__email="ada@m.example"
    )


def suggest(client, network, **data):
    data = {
        "submission_token": "5f2b8c1e-0d7a-4c55-9e0f-6a1b2c3d4e5f",
        "website": "",
        "kind": "details_wrong",
        "details": "The meetings are now on Tuesdays.",
        "email": "visitor@example.org",
        **data,
    }
    return client.post(reverse("networks:suggest", args=[network.slug]), data, follow=True)


def to(mailoutbox, address):
    return [message for message in mailoutbox if message.to == [address]]


def test_the_networks_contacts_are_told_without_the_senders_email(
    client, role, settings, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = NetworkRoleFactory(network=role.network, person__email="grace@m.example")
    NetworkRoleFactory(network=role.network, person=PersonFactory(email=""))
    with django_capture_on_commit_callbacks(execute=True):
        suggest(client, role.network)
    for address in ("ada@m.example", colleague.person.email):
        (email,) = to(mailoutbox, address)
        assert "The meetings are now on Tuesdays." in email.body
        assert settings.SITE_URL + reverse("manage:start") in email.body
        assert "visitor@example.org" not in email.body
        assert email.reply_to == [settings.MDO_INBOX_EMAIL]
    assert {m.to[0] for m in mailoutbox} == {
        "ada@m.example",
        "grace@m.example",
        settings.MDO_INBOX_EMAIL,
        "visitor@example.org",
    }


def test_the_senders_email_is_shared_only_when_they_tick_the_box(
    client, role, mailoutbox, django_capture_on_commit_callbacks
):
    form = client.get(reverse("networks:suggest", args=[role.network.slug])).content.decode()
    assert "Share my email address with the network&#x27;s contacts" in form
    assert "They are told who sent it only if you tick this box." in form
    with django_capture_on_commit_callbacks(execute=True):
        suggest(client, role.network, share_email="on")
    (email,) = to(mailoutbox, "ada@m.example")
    assert "visitor@example.org" in email.body
    assert email.reply_to == ["visitor@example.org"]
    assert Suggestion.objects.get().share_email


def test_sharing_an_email_address_needs_one(client, role, mailoutbox):
    response = suggest(client, role.network, share_email="on", email="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter your email address, or untick the box to share it with the network" in html
    assert not Suggestion.objects.exists() and not mailoutbox


def test_a_contact_from_their_reminder_is_not_emailed_their_own_suggestion(role, mailoutbox):
    from networks.freshness import notifications

    suggestion = Suggestion.objects.create(
        network=role.network, kind="other", details="x", person=role.person
    )
    assert notifications.tell_contacts(suggestion) == []


@pytest.fixture
def suggestions(role):
    shared = Suggestion.objects.create(
        network=role.network,
        kind="details_wrong",
        details="Website moved.\nSee the new one.",
        email="shared@example.org",
        share_email=True,
    )
    private = Suggestion.objects.create(
        network=role.network, kind="closed", details="Closed?", email="private@example.org"
    )
    return shared, private


def test_a_contact_sees_the_open_suggestions_and_only_shared_emails(client, role, suggestions):
    done = Suggestion.objects.create(network=role.network, kind="other", details="Old news")
    done.change_status(Suggestion.Status.DONE)
    signed_in_client(client, role.person)
    response = client.get(reverse("manage:suggestions", args=[role.network.slug]))
    html = response.content.decode()
    assert "Suggested updates to Registrars Group" in html
    assert "Website moved.<br>See the new one." in html and "Closed?" in html
    assert "shared@example.org" in html
    assert "private@example.org" not in html
    assert "Old news" not in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [("done", "done", "marked done"), ("not_needed", "rejected", "marked not needed")],
)
def test_a_contact_marks_a_suggestion_done_or_not_needed_and_staff_see_who(
    client, admin_client, role, suggestions, action, status, message
):
    shared = suggestions[0]
    signed_in_client(client, role.person)
    url = reverse("manage:close_suggestion", args=[role.network.slug, shared.pk])
    response = client.post(url, {"action": action}, follow=True)
    html = response.content.decode()
    assert f"Suggestion {shared.reference} {message}." in html
    assert "Website moved." not in html and "Closed?" in html
    shared.refresh_from_db()
    assert (shared.status, shared.closed_by_contact) == (status, role.person)
    assert StatusChange.objects.filter(object_id=shared.pk, status=status).exists()
    staff_page = admin_client.get(admin_url(Suggestion, "change", shared.pk)).content.decode()
    assert "Ada Lovelace" in staff_page


def test_an_unknown_answer_changes_nothing_and_says_why(client, role, suggestions):
    shared, _ = suggestions
    signed_in_client(client, role.person)
    url = reverse("manage:close_suggestion", args=[role.network.slug, shared.pk])
    response = client.post(url, {"action": "delete"})
    assert response.status_code == 400
    assert "Choose done or not needed for the suggestion" in response.content.decode()
    shared.refresh_from_db()
    assert shared.status == Suggestion.Status.OPEN
    assert client.get(url).status_code == 405


def test_the_list_takes_as_many_queries_however_many_suggestions(client, role):
    signed_in_client(client, role.person)
    url = reverse("manage:suggestions", args=[role.network.slug])
    Suggestion.objects.create(network=role.network, kind="other", details="One")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        Suggestion.objects.create(network=role.network, kind="other", details=f"More {n}")
    with CaptureQueriesContext(connection) as six:
        assert client.get(url).content.decode().count("More ") == 5
    assert len(six) == len(one)


def test_the_contacts_suggestions_page_is_valid_html_in_every_state(
    client, role, suggestions, tmp_path
):
    java_or_skip()
    shared, _ = suggestions
    signed_in_client(client, role.person)
    url = reverse("manage:suggestions", args=[role.network.slug])
    close = reverse("manage:close_suggestion", args=[role.network.slug, shared.pk])
    pages = {
        "open": client.get(url).content.decode(),
        "unknown answer": client.post(close, {"action": "x"}).content.decode(),
        "closed one": client.post(close, {"action": "done"}, follow=True).content.decode(),
    }
    Suggestion.objects.update(status=Suggestion.Status.DONE)
    pages["none open"] = client.get(url).content.decode()
    assert_valid_html(pages, tmp_path)

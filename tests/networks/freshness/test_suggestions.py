""" "Suggest an update": the form on every network's page, and staff resolving suggestions."""

import datetime
import io
import re

import pytest
from django.core import signing
from django.core.management import call_command
from django.urls import reverse

from networks.models import Network, Person, Suggestion
from tests.helpers.freshness import NOW
from tests.networks.factories import NetworkFactory, PersonFactory

pytestmark = pytest.mark.django_db


# --- Suggest an update --------------------------------------------------------------------------


@pytest.fixture
def suggestion_data():
    return {
        "submission_token": "5f2b8c1e-0d7a-4c55-9e0f-6a1b2c3d4e5f",
        "website": "",
        "kind": "contact_changed",
        "details": "The chair is now Grace Hopper.",
        "email": "visitor@example.org",
    }


def test_every_network_page_leads_to_the_form(client):
    network = NetworkFactory(name="Registrars Group")
    html = client.get(network.get_absolute_url()).content.decode()
    assert f'href="{reverse("networks:suggest", args=[network.slug])}"' in html
    form = client.get(reverse("networks:suggest", args=[network.slug])).content.decode()
    assert "Suggest an update to Registrars Group" in form
    assert "The network has closed" in form


def test_a_suggestion_is_saved_staff_are_told_and_the_sender_thanked(
    client, suggestion_data, mailoutbox, settings, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Registrars Group")
    url = reverse("networks:suggest", args=[network.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, suggestion_data, follow=True)
    suggestion = Suggestion.objects.get()
    assert response.redirect_chain[-1][0].endswith("/suggest/confirmation/")
    assert suggestion.reference in response.content.decode()
    assert (suggestion.network, suggestion.kind, suggestion.status) == (
        network,
        "contact_changed",
        "open",
    )
    messages = {m.to[0]: m for m in mailoutbox}
    staff = messages[settings.MDO_INBOX_EMAIL]
    assert staff.subject == f"Suggested update {suggestion.reference} for Registrars Group"
    assert "The chair is now Grace Hopper." in staff.body
    assert suggestion.get_admin_url() in staff.body
    assert staff.reply_to == ["visitor@example.org"]
    assert suggestion.reference in messages["visitor@example.org"].subject


def test_without_an_email_address_only_staff_are_told(
    client, suggestion_data, mailoutbox, django_capture_on_commit_callbacks
):
    network = NetworkFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("networks:suggest", args=[network.slug]), suggestion_data | {"email": ""}
        )
    assert [m.to for m in mailoutbox] == [["mdo-team@localhost"]]


def test_a_second_submit_of_the_same_form_makes_no_second_suggestion(client, suggestion_data):
    network = NetworkFactory()
    url = reverse("networks:suggest", args=[network.slug])
    client.post(url, suggestion_data)
    client.post(url, suggestion_data)
    assert Suggestion.objects.count() == 1


def test_the_same_words_about_another_network_are_a_new_suggestion(client, suggestion_data):
    first, second = NetworkFactory(), NetworkFactory()
    client.post(reverse("networks:suggest", args=[first.slug]), suggestion_data)
    data = suggestion_data | {"submission_token": "6f2b8c1e-0d7a-4c55-9e0f-6a1b2c3d4e5f"}
    client.post(reverse("networks:suggest", args=[second.slug]), data)
    assert {s.network for s in Suggestion.objects.all()} == {first, second}


def test_the_honeypot_and_the_rate_limit_apply(client, suggestion_data, settings):
    network = NetworkFactory()
    url = reverse("networks:suggest", args=[network.slug])
    assert client.post(url, suggestion_data | {"website": "spam"}).status_code == 302
    assert Suggestion.objects.count() == 0
    settings.FORM_RATE_LIMIT_COUNT = 0
    response = client.post(url, suggestion_data)
    assert response.status_code == 429
    assert "You have sent this form several times" in response.content.decode()
    assert Suggestion.objects.count() == 0


def test_an_empty_suggestion_says_what_to_do(client):
    network = NetworkFactory()
    response = client.post(reverse("networks:suggest", args=[network.slug]), {})
    html = response.content.decode()
    assert "<title>Error: " in html
    assert '<a href="#id_kind_0">Select what is wrong or out of date</a>' in html
    assert '<a href="#id_details">Tell us what should change</a>' in html
    assert Suggestion.objects.count() == 0


def test_closed_and_unknown_networks_have_no_form(client):
    closed = NetworkFactory(status=Network.Status.CLOSED)
    assert client.get(reverse("networks:suggest", args=[closed.slug])).status_code == 404
    assert client.get(reverse("networks:suggest", args=["no-such"])).status_code == 404


def test_staff_resolve_suggestions_and_the_change_is_logged(admin_client, admin_user):
    suggestion = Suggestion.objects.create(
        network=NetworkFactory(), kind="other", details="Website moved."
    )
    url = reverse("admin:networks_suggestion_changelist")
    response = admin_client.post(
        url, {"action": "mark_done", "_selected_action": [suggestion.pk]}, follow=True
    )
    assert "Marked 1 suggestion done." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == "done"
    change = suggestion.status_changes.get()
    assert (change.status, change.changed_by) == ("done", admin_user)
    assert list(Suggestion.objects.open()) == []


def test_resolved_suggestions_lose_the_senders_address_after_the_retention_period(frozen):
    suggestion = Suggestion.objects.create(
        network=NetworkFactory(), kind="other", details="x", email="me@example.org"
    )
    suggestion.change_status(Suggestion.Status.DONE)
    frozen.move_to(NOW + datetime.timedelta(days=800))
    call_command("apply_retention", stdout=io.StringIO())
    suggestion.refresh_from_db()
    assert suggestion.email == "" and suggestion.anonymised_at is not None


def test_a_link_for_a_deleted_person_does_not_work(client):
    with pytest.raises(Person.DoesNotExist):
        Person.objects.from_confirmation_token(
            signing.TimestampSigner(salt="networks.person.confirm-details").sign_object(
                [999999, "", ""]
            )
        )
    assert PersonFactory().link_problem([0, "", ""]) == "answered"


@pytest.mark.django_db
def test_every_network_page_starts_a_suggestion_with_what_is_wrong(client):
    network = NetworkFactory(slug="west-group")
    page = client.get(network.get_absolute_url()).content.decode()
    suggest_url = reverse("networks:suggest", args=["west-group"])
    # The form on the page itself: a GET, so the page carries no per-visitor token.
    assert f'<form method="get" action="{suggest_url}"' in page
    assert "csrfmiddlewaretoken" not in page
    assert "The network has closed" in page
    form_page = client.get(suggest_url, {"kind": "closed"}).content.decode()
    assert re.search(r'<input type="radio" name="kind" value="closed"[^>]*checked', form_page)
    # An unknown choice is simply not carried over.
    assert client.get(suggest_url, {"kind": "<script>"}).status_code == 200

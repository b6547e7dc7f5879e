"""The reminder command, and the signed confirmation link its email carries."""

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse

from core.models import Notification
from networks.models import Network, NetworkRole, Person, Suggestion
from tests.helpers.freshness import NOW, run_reminders
from tests.networks.factories import NetworkRoleFactory

pytestmark = pytest.mark.django_db


# --- The reminder command -----------------------------------------------------------------------


def test_dry_run_lists_who_would_be_emailed_and_changes_nothing(
    contacts, mailoutbox, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out = run_reminders("--dry-run")
    assert (
        "Would email: Ada Due <ada@museum.example>: Contact of Registrars Group; "
        "Chair of West London Museums Group" in out
    )
    assert "Would email 1 contact." in out
    assert "Fred Fresh" not in out and "Carl Closed" not in out
    assert "without an email address, to check by hand: Nora Noemail" in out
    assert "Dry run: nothing was sent or changed." in out
    assert mailoutbox == []
    assert Person.objects.filter(reminder_sent_at__isnull=False).count() == 0


def test_reminders_go_once_per_period_through_the_tasks_framework(
    contacts, mailoutbox, frozen, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://skills.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        out = run_reminders()
    assert "Emailed: Ada Due" in out
    [message] = mailoutbox
    assert message.to == ["ada@museum.example"]
    assert "- Chair of West London Museums Group\n" in message.body
    assert "https://skills.example.org/contacts/confirm/" in message.body
    person = contacts["due"]
    person.refresh_from_db()
    assert person.reminder_sent_at == NOW
    reminder = Notification.objects.get(kind=Notification.Kind.REMINDER)
    assert reminder.about == person and reminder.sent_at is not None

    # The next days, nobody is emailed again.
    for days in (1, 150):
        frozen.move_to(NOW + datetime.timedelta(days=days))
        with django_capture_on_commit_callbacks(execute=True):
            assert "Emailed 0 contacts." in run_reminders()
    assert len(mailoutbox) == 1

    # A period later, still unconfirmed, they are reminded again (and Fred's confirmation of
    # May 2026 has aged too).
    frozen.move_to(NOW + datetime.timedelta(days=366))
    with django_capture_on_commit_callbacks(execute=True):
        out = run_reminders()
    assert "Emailed: Ada Due" in out and "Emailed: Fred Fresh" in out
    assert [m.to for m in mailoutbox].count(["ada@museum.example"]) == 2


def test_confirmed_contacts_become_due_when_their_confirmation_ages(frozen, mailoutbox):
    role = NetworkRoleFactory(confirmed_on=datetime.date(2026, 11, 1))
    assert role.person not in Person.objects.due_for_reminder()
    frozen.move_to(datetime.datetime(2027, 11, 2, 9, tzinfo=datetime.UTC))
    assert role.person in Person.objects.due_for_reminder()


# --- The confirmation link ----------------------------------------------------------------------


def test_the_link_asks_first_and_changes_nothing(client, link, contacts):
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check your details in the directory" in html
    assert "Chair of" in html and "West London Museums Group" in html
    assert "Yes, these details are right" in html
    assert not NetworkRole.objects.filter(person=contacts["due"], confirmed_on=NOW.date()).exists()


def test_confirming_dates_every_role_and_the_public_page_shows_it(client, link, contacts):
    response = client.post(link, {"action": "confirm"}, follow=True)
    assert "your details are confirmed" in response.content.decode()
    roles = NetworkRole.objects.filter(person=contacts["due"])
    assert {role.confirmed_on for role in roles} == {NOW.date()}
    network = roles.get(role=NetworkRole.Role.CHAIR).network
    assert network not in Network.objects.needs_review()
    page = client.get(network.get_absolute_url()).content.decode()
    assert "Confirmed November 2026" in page
    assert "may be out of date" not in page
    history = roles.first().history.first()
    assert history.history_change_reason == "Confirmed by the contact from their reminder email"


def test_a_used_link_shows_a_clear_page_and_changes_nothing(client, link, contacts, frozen):
    client.post(link, {"action": "confirm"})
    frozen.move_to(NOW + datetime.timedelta(days=3))
    for data in ({}, {"action": "confirm"}, {"action": "propose", "kind": "other", "details": "x"}):
        response = client.post(link, data) if data else client.get(link)
        assert response.status_code == 410
        assert "You have already answered" in response.content.decode()
    roles = NetworkRole.objects.filter(person=contacts["due"])
    assert {role.confirmed_on for role in roles} == {NOW.date()}
    assert Suggestion.objects.count() == 0


def test_an_expired_link_shows_a_clear_page_and_changes_nothing(client, link, contacts, frozen):
    frozen.move_to(NOW + datetime.timedelta(days=29, hours=23))
    assert client.get(link).status_code == 200
    frozen.move_to(NOW + datetime.timedelta(days=30, seconds=1))
    response = client.post(link, {"action": "confirm"})
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert not NetworkRole.objects.filter(confirmed_on=NOW.date() + datetime.timedelta(30)).exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: token[: len(token) // 2],
        lambda token: signing.TimestampSigner(salt="another").sign_object([1, "", ""]),
        lambda token: "%00",
    ],
    ids=["last-char", "prefix", "truncated", "other-salt", "null"],
)
def test_a_tampered_link_shows_a_clear_page_and_changes_nothing(client, link, contacts, tamper):
    token = link.rstrip("/").rsplit("/", 1)[-1]
    url = reverse("networks:confirm_contact", args=["TOKEN"]).replace("TOKEN", tamper(token))
    response = client.post(url, {"action": "confirm"})
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert "This link does not work" in response.content.decode()
    assert not NetworkRole.objects.filter(confirmed_on=NOW.date()).exists()


def test_a_newer_reminder_makes_an_older_link_stop_working(
    client, link, contacts, frozen, settings
):
    settings.FRESHNESS_PERIOD_MONTHS = 0  # Everyone is due again at once.
    frozen.move_to(NOW + datetime.timedelta(days=1))
    run_reminders()
    response = client.get(link)
    assert response.status_code == 410
    assert "There is a newer link" in response.content.decode()


def test_proposing_changes_reaches_staff_as_a_suggestion(
    client, link, contacts, mailoutbox, settings, django_capture_on_commit_callbacks
):
    network = Network.objects.get(name="Registrars Group")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            link,
            {
                "action": "propose",
                "network": network.pk,
                "kind": "contact_changed",
                "details": "I have handed over to Grace Hopper, grace@museum.example.",
            },
            follow=True,
        )
    suggestion = Suggestion.objects.get()
    assert suggestion.reference in response.content.decode()
    assert (suggestion.network, suggestion.person) == (network, contacts["due"])
    assert suggestion.email == "ada@museum.example"
    assert not NetworkRole.objects.filter(confirmed_on=NOW.date()).exists()
    staff = next(m for m in mailoutbox if m.to == [settings.MDO_INBOX_EMAIL])
    assert "Ada Due, a contact of the network" in staff.body
    assert "Grace Hopper, grace@museum.example" in staff.body
    assert client.get(link).status_code == 410  # The link answered the reminder.


def test_an_incomplete_proposal_says_what_is_missing_and_saves_nothing(client, link):
    response = client.post(link, {"action": "propose", "details": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    for message in (
        "Select the network it is about",
        "Select what is wrong or out of date",
        "Tell us what should change",
    ):
        assert message in html
    assert Suggestion.objects.count() == 0
    assert client.get(link).status_code == 200  # Still usable.


def test_someone_with_one_network_is_not_asked_which(
    client, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    role = NetworkRoleFactory(confirmed_on=None, person__email="solo@museum.example")
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders()
    link = re.search(r"/contacts/confirm/\S+/", mailoutbox[0].body).group()
    assert "Which network is it about?" not in client.get(link).content.decode()
    client.post(
        link,
        {
            "action": "propose",
            "network": role.network.pk,
            "kind": "other",
            "details": "The website has moved.",
        },
    )
    assert Suggestion.objects.get().network == role.network

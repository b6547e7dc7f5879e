"""A directory that stays true: confirmation dates, the "needs review" rule and its public
notice, the reminder command, the signed confirmation link and suggested updates."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.urls import reverse

from core.models import Notification
from networks.models import Network, NetworkRole, Person, Suggestion
from tests.factories import NetworkFactory, NetworkRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


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


# --- The reminder command -----------------------------------------------------------------------


def run_reminders(*args):
    out = io.StringIO()
    call_command("send_contact_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def contacts(frozen):
    """Made at NOW, as everything the reminder tests compare with NOW must be."""
    due = NetworkRoleFactory(
        person__name="Ada Due",
        person__email="ada@museum.example",
        network__name="West London Museums Group",
        role=NetworkRole.Role.CHAIR,
        confirmed_on=datetime.date(2025, 1, 10),
    )
    NetworkRoleFactory(person=due.person, network__name="Registrars Group", confirmed_on=None)
    fresh = NetworkRoleFactory(person__name="Fred Fresh", confirmed_on=datetime.date(2026, 5, 1))
    no_email = NetworkRoleFactory(person__name="Nora Noemail", person__email="", confirmed_on=None)
    closed = NetworkRoleFactory(
        person__name="Carl Closed",
        confirmed_on=None,
        network__status=Network.Status.CLOSED,
    )
    return {"due": due.person, "fresh": fresh.person, "no_email": no_email.person, "closed": closed}


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


@pytest.fixture
def link(contacts, frozen, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders()
    url = re.search(r"https?://\S+/contacts/confirm/\S+/", mailoutbox[0].body).group()
    mailoutbox.clear()
    return url.split("127.0.0.1:8000", 1)[-1]


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

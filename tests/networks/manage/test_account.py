"""A signed-in contact's pages: their networks, editing a network (published at once or waiting
for review), their own details, confirming in one click, and handing a role over."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.manage.models import ContactChange, RoleHandover
from networks.models import Network, NetworkRole, Person
from tests.helpers.admin import verified_login
from tests.helpers.hostile import EMAILS, HOSTILE
from tests.helpers.html import text
from tests.helpers.manage import signed_in_client
from tests.helpers.manage_account import emailed_path, offer_handover
from tests.networks.factories import NetworkRoleFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def role():
    return NetworkRoleFactory(
        person__name="Ada Contact",
        person__email="ada@museum.example",
        network__name="West London Museums Group",
        confirmed_on=None,
    )


@pytest.fixture
def contact(client, role):
    return signed_in_client(client, role.person)


def network_answers(network, **changes):
    answers = {
        "summary": network.summary,
        "description": network.description,
        "website": network.website,
        "how_to_join": network.how_to_join,
        "sub_region": network.sub_region_id or "",
    }
    answers.update(changes)
    return answers


def test_home_lists_the_contacts_networks_with_their_details(contact, role):
    response = contact.get(reverse("manage:home"))
    page = text(response)
    assert role.network.name in page
    assert role.network.summary in page
    assert "These details are still right" in page
    assert "no-cache" in response["Cache-Control"]
    assert reverse("manage:edit_network", args=[role.network.slug]) in response.content.decode()


def test_home_query_count_is_constant_as_networks_grow(contact, role):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert contact.get(reverse("manage:home")).status_code == 200
        return len(queries)

    before = count()
    for _ in range(4):
        NetworkRoleFactory(person=role.person, network__topics=[TopicFactory()])
    assert count() == before


def test_confirming_in_one_click(contact, role):
    response = contact.post(reverse("manage:confirm_details"), follow=True)
    role.refresh_from_db()
    assert role.confirmed_on == timezone.localdate()
    assert "your details are confirmed" in text(response)


def test_a_network_edit_waits_for_review_and_says_so(contact, role):
    topic = TopicFactory(name="Conservation")
    answers = network_answers(role.network, summary="A new summary.", topics=[topic.pk])
    response = contact.post(reverse("manage:edit_network", args=[role.network.slug]), answers)
    assert response["Location"] == reverse("manage:network_saved", args=[role.network.slug])
    saved = contact.get(response["Location"])
    assert "Waiting for MDO staff to review" in text(saved)
    role.network.refresh_from_db()
    assert role.network.summary == "Museum workers sharing skills."
    change = ContactChange.objects.get()
    assert change.status == ContactChange.Status.PENDING
    assert change.after["summary"] == "A new summary."
    assert change.after["topics"] == [topic.pk]
    assert "Waiting for MDO staff to review" in text(contact.get(reverse("manage:home")))


def test_a_network_edit_publishes_at_once_when_trusted_with_history(contact, role, client):
    Network.objects.filter(pk=role.network_id).update(changes_need_review=False)
    answers = network_answers(role.network, description="We meet *monthly*.")
    response = contact.post(
        reverse("manage:edit_network", args=[role.network.slug]), answers, follow=True
    )
    assert "Your change is published" in text(response)
    role.network.refresh_from_db()
    assert role.network.description == "We meet *monthly*."
    latest = role.network.history.first()
    assert "Ada Contact" in latest.history_change_reason


def test_history_page_in_the_admin_shows_the_contacts_name(contact, role, admin_user):
    Network.objects.filter(pk=role.network_id).update(changes_need_review=False)
    contact.post(
        reverse("manage:edit_network", args=[role.network.slug]),
        network_answers(role.network, summary="Changed by Ada."),
    )
    staff = contact.__class__()
    verified_login(staff, admin_user)
    page = staff.get(reverse("admin:networks_network_history", args=[role.network.pk]))
    assert page.status_code == 200
    assert "By Ada Contact, a contact of the network" in text(page)


def test_bad_network_input_changes_nothing(contact, role):
    answers = network_answers(
        role.network, website="not a website", sub_region="99999999999999999999999"
    )
    response = contact.post(reverse("manage:edit_network", args=[role.network.slug]), answers)
    assert response.status_code == 200
    assert "Error: " in text(response)
    assert "Enter a website address in the correct format" in text(response)
    assert ContactChange.objects.count() == 0


def test_unchanged_network_records_nothing(contact, role):
    response = contact.post(
        reverse("manage:edit_network", args=[role.network.slug]), network_answers(role.network)
    )
    assert response["Location"] == reverse("manage:home")
    assert ContactChange.objects.count() == 0


def test_editing_their_own_details_publishes_at_once(contact, role):
    response = contact.post(
        reverse("manage:edit_contact"),
        {
            "name": "Ada Lovelace",
            "email": "ada@museum.example",
            "phone": "020 7946 0000",
            "organisation": "Museum of Engines",
            f"public_{role.pk}": "",
        },
    )
    assert response["Location"] == reverse("manage:home")
    role.refresh_from_db()
    role.person.refresh_from_db()
    assert role.person.name == "Ada Lovelace"
    assert role.person.phone == "020 7946 0000"
    assert role.is_public is False
    assert set(ContactChange.objects.values_list("kind", "status")) == {
        (ContactChange.Kind.CONTACT, ContactChange.Status.PUBLISHED)
    }
    assert "Ada Contact" in role.person.history.first().history_change_reason


def test_own_details_cannot_take_another_persons_email(contact, role):
    PersonFactory(email="taken@museum.example")
    response = contact.post(
        reverse("manage:edit_contact"),
        {"name": "Ada", "email": "TAKEN@museum.example", f"public_{role.pk}": "on"},
    )
    assert response.status_code == 200
    assert "already in the directory" in text(response)
    role.person.refresh_from_db()
    assert role.person.email == "ada@museum.example"


def test_handing_over_a_role_to_a_new_person(
    contact, role, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = contact.post(
            reverse("manage:hand_over", args=[role.pk]),
            {"name": "Bea New", "email": "bea@museum.example"},
        )
    assert response["Location"] == reverse("manage:home")
    assert mailoutbox[0].to == ["bea@museum.example"]
    handover = RoleHandover.objects.get()
    path = emailed_path(mailoutbox[0])
    assert "Waiting for Bea New to accept" in text(contact.get(reverse("manage:home")))

    new = contact.__class__()
    page = new.get(path)
    assert "Accept the role" in text(page)
    role.refresh_from_db()
    assert role.person.name == "Ada Contact"  # a GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        accepted = new.post(path)
    assert accepted["Location"] == reverse("manage:home")
    role.refresh_from_db()
    assert role.person.email == "bea@museum.example"
    handover.refresh_from_db()
    assert handover.accepted_at is not None
    assert ContactChange.objects.get().kind == ContactChange.Kind.HANDOVER
    assert mailoutbox[-1].to == ["ada@museum.example"]
    assert "Bea New has accepted" in mailoutbox[-1].body
    # The new person is signed in; the old one no longer holds a role.
    assert role.network.name in text(new.get(reverse("manage:home")))
    assert contact.get(reverse("manage:home"))["Location"] == reverse("manage:start")
    assert new.post(path).status_code == 410


def test_handover_to_an_existing_person_matches_by_email(
    role, mailoutbox, django_capture_on_commit_callbacks, client
):
    existing = PersonFactory(email="Bea@Museum.example")
    _, path = offer_handover(
        role, "Bea", "bea@museum.example", django_capture_on_commit_callbacks, mailoutbox
    )
    client.post(path)
    role.refresh_from_db()
    assert role.person == existing
    assert Person.objects.filter(email__iexact="bea@museum.example").count() == 1


def test_a_newer_handover_withdraws_the_older(
    role, mailoutbox, django_capture_on_commit_callbacks, client
):
    _, old = offer_handover(
        role, "Bea", "bea@museum.example", django_capture_on_commit_callbacks, mailoutbox
    )
    offer_handover(role, "Cy", "cy@museum.example", django_capture_on_commit_callbacks, mailoutbox)
    response = client.post(old)
    assert response.status_code == 410
    assert "withdrawn" in text(response)
    assert NetworkRole.objects.get(pk=role.pk).person == role.person


def test_handover_form_refuses_bad_input(contact, role):
    response = contact.post(
        reverse("manage:hand_over", args=[role.pk]), {"name": "", "email": "ada@museum.example"}
    )
    assert response.status_code == 200
    page = text(response)
    assert "Enter the new person" in page
    assert "not your own" in page
    assert RoleHandover.objects.count() == 0


def test_a_contacts_markdown_is_sanitised_on_the_public_page(contact, role, client):
    Network.objects.filter(pk=role.network_id).update(changes_need_review=False)
    hostile = (
        '<script>alert(1)</script>[x](javascript:alert(2)) <img src=x onerror="alert(3)"> **ok**'
    )
    contact.post(
        reverse("manage:edit_network", args=[role.network.slug]),
        network_answers(role.network, description=hostile, how_to_join=hostile),
    )
    page = Client().get(role.network.get_absolute_url()).content.decode()
    assert "<strong>ok</strong>" in page
    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "onerror" not in page


@pytest.mark.parametrize("value", HOSTILE + EMAILS)
def test_hostile_input_never_makes_a_500(contact, role, value):
    Network.objects.filter(pk=role.network_id).update(changes_need_review=False)
    forms = {
        reverse("manage:start"): ["email"],
        reverse("manage:edit_network", args=[role.network.slug]): [
            "summary",
            "description",
            "website",
            "how_to_join",
            "sub_region",
            "topics",
        ],
        reverse("manage:edit_contact"): ["name", "email", "phone", "organisation"],
        reverse("manage:hand_over", args=[role.pk]): ["name", "email"],
    }
    for url, names in forms.items():
        response = contact.post(url, dict.fromkeys(names, value))
        assert response.status_code in (200, 302, 429), (url, response.status_code)
    for name in ("open_link", "accept_handover"):
        for method in (contact.get, contact.post):
            token = value.replace("/", "") or "x"
            assert method(reverse(f"manage:{name}", args=[token])).status_code == 400
    assert "<script>alert" not in contact.get(role.network.get_absolute_url()).content.decode()

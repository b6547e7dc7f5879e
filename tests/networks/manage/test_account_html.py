"""Every page of a contact's account, in every state (errors included), is valid HTML."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from networks.manage.models import ContactChange
from tests.helpers.html import assert_valid_html, java_or_skip
from tests.helpers.manage import signed_in_client
from tests.helpers.manage_account import issue_link, offer_handover
from tests.networks.factories import NetworkRoleFactory, TopicFactory

pytestmark = pytest.mark.django_db


def account_pages(mailoutbox, capture):
    """{name: html} of every page and state a contact meets."""
    TopicFactory(name="Conservation")
    role = NetworkRoleFactory(person__name="Ada", person__email="ada@museum.example")
    NetworkRoleFactory(person=role.person, is_public=False)
    pages = {}
    anon = Client()
    pages["start"] = anon.get(reverse("manage:start"))
    pages["start error"] = anon.post(reverse("manage:start"), {"email": "nope"})
    pages["link sent"] = anon.get(reverse("manage:link_sent"))
    path = issue_link(role.person, capture, mailoutbox)
    pages["open link"] = anon.get(path)
    pages["invalid link"] = anon.get(reverse("manage:open_link", args=["nope"]))
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        pages["expired link"] = anon.get(path)
    pages["signed out"] = anon.get(reverse("manage:signed_out"))

    contact = signed_in_client(Client(), role.person)
    slug = role.network.slug
    pages["home"] = contact.get(reverse("manage:home"))
    pages["edit network"] = contact.get(reverse("manage:edit_network", args=[slug]))
    pages["edit network error"] = contact.post(
        reverse("manage:edit_network", args=[slug]), {"website": "bad", "topics": ["x"]}
    )
    contact.post(reverse("manage:edit_network", args=[slug]), {"summary": "New"})
    pages["network saved, waiting"] = contact.get(reverse("manage:network_saved", args=[slug]))
    pages["home, waiting"] = contact.get(reverse("manage:home"))
    ContactChange.objects.update(status=ContactChange.Status.PUBLISHED)
    pages["network saved, published"] = contact.get(reverse("manage:network_saved", args=[slug]))
    pages["edit contact"] = contact.get(reverse("manage:edit_contact"))
    pages["edit contact error"] = contact.post(
        reverse("manage:edit_contact"), {"name": "", "email": "x", "phone": "abc"}
    )
    pages["hand over"] = contact.get(reverse("manage:hand_over", args=[role.pk]))
    pages["hand over error"] = contact.post(reverse("manage:hand_over", args=[role.pk]), {})
    _, accept = offer_handover(role, "Bea", "bea@museum.example", capture, mailoutbox)
    pages["home, handover waiting, message"] = contact.post(
        reverse("manage:confirm_details"), follow=True
    )
    pages["accept handover"] = Client().get(accept)
    Client().post(accept)
    pages["used handover"] = Client().get(accept)
    return {name: response.content.decode() for name, response in pages.items()}


def test_every_account_page_is_valid_html(tmp_path, mailoutbox, django_capture_on_commit_callbacks):
    java_or_skip()
    pages = account_pages(mailoutbox, django_capture_on_commit_callbacks)
    assert_valid_html(pages, tmp_path)


def test_the_states_are_the_ones_named(mailoutbox, django_capture_on_commit_callbacks):
    pages = account_pages(mailoutbox, django_capture_on_commit_callbacks)
    assert "There is a problem" in pages["start error"]
    assert "This link has expired" in pages["expired link"]
    assert "Waiting for MDO staff to review" in pages["home, waiting"]
    assert "Your change is published" in pages["network saved, published"]
    assert "There is a problem" in pages["hand over error"]
    assert "Waiting for Bea to accept" in pages["home, handover waiting, message"]
    assert "already been used" in pages["used handover"]
    assert settings.CONTACT_SIGN_IN_LINK_MINUTES

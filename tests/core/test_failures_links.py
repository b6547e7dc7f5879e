"""Every link in every email points at SITE_URL: never at the host, port or scheme a request
happened to come in on (a Host header is the sender's to choose)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Volunteer
from tests.helpers.freshness import run_reminders
from tests.helpers.public_forms import (
    suggestion_answers,
    support_request_answers,
    volunteer_answers,
)
from tests.networks.factories import NetworkFactory, NetworkRoleFactory

pytestmark = pytest.mark.django_db

SITE = "https://skills.example.org"
LINK = re.compile(r"\b\w+://\S+")


@pytest.fixture
def strange_host(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    # Plain HTTP, on an odd port, to a host name that is not the site's.
    return Client(HTTP_HOST="localhost:6666")


def links(outbox):
    found = {(message.to[0], link) for message in outbox for link in LINK.findall(message.body)}
    assert found, "no links in the emails"
    return found


def assert_every_link_is_the_sites(outbox, *, expected):
    found = links(outbox)
    assert {link for _, link in found if not link.startswith(SITE + "/")} == set()
    for recipient, path in expected:
        assert any(to == recipient and link.startswith(SITE + path) for to, link in found), (
            recipient,
            path,
            found,
        )


def test_volunteer_emails_link_to_the_site(
    strange_host, settings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = strange_host.post(reverse("mentoring:volunteer"), volunteer_answers())
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert_every_link_is_the_sites(
        mailoutbox,
        expected=[
            ("ada@example.org", "/mentoring/withdraw/"),
            (settings.MDO_INBOX_EMAIL, volunteer.get_admin_url()),
        ],
    )

    # The withdraw link works, and the email it sends staff links to the site too.
    [withdraw] = [link for _, link in links(mailoutbox) if "/withdraw/" in link]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        strange_host.post(withdraw.removeprefix(SITE))
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.WITHDRAWN
    assert_every_link_is_the_sites(
        mailoutbox, expected=[(settings.MDO_INBOX_EMAIL, volunteer.get_admin_url())]
    )


def test_support_request_emails_link_to_the_site(
    strange_host, settings, mailoutbox, django_capture_on_commit_callbacks
):
    deadline = timezone.localdate() + datetime.timedelta(days=117)
    with django_capture_on_commit_callbacks(execute=True):
        response = strange_host.post(
            reverse("mentoring:request"), support_request_answers(deadline)
        )
    assert response.status_code == 302
    assert_every_link_is_the_sites(
        mailoutbox, expected=[(settings.MDO_INBOX_EMAIL, "/admin/mentoring/supportrequest/")]
    )


def test_suggestion_emails_link_to_the_site(
    strange_host, settings, mailoutbox, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="West London Museums Group")
    with django_capture_on_commit_callbacks(execute=True):
        response = strange_host.post(
            reverse("networks:suggest", args=[network.slug]), suggestion_answers()
        )
    assert response.status_code == 302
    assert_every_link_is_the_sites(
        mailoutbox, expected=[(settings.MDO_INBOX_EMAIL, "/admin/networks/suggestion/")]
    )


def test_a_reminder_and_the_changes_sent_through_it_link_to_the_site(
    strange_host, settings, mailoutbox, django_capture_on_commit_callbacks
):
    role = NetworkRoleFactory(
        person__email="ada@museum.example",
        confirmed_on=timezone.localdate() - datetime.timedelta(days=800),
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders()
    assert_every_link_is_the_sites(
        mailoutbox, expected=[("ada@museum.example", "/contacts/confirm/")]
    )

    [confirm] = [link for _, link in links(mailoutbox) if "/contacts/confirm/" in link]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = strange_host.post(
            confirm.removeprefix(SITE),
            {
                "action": "propose",
                "network": role.network.pk,
                "kind": "contact_changed",
                "details": "I have handed over to Grace.",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_every_link_is_the_sites(
        mailoutbox, expected=[(settings.MDO_INBOX_EMAIL, "/admin/networks/suggestion/")]
    )

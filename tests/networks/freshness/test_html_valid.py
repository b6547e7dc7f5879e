"""Every page of the freshness loop, in each state a person can meet, is valid HTML (W3C Nu HTML
Checker): the network page's notices, "suggest an update" and the contact's confirmation page."""

import datetime
import io
import re
import uuid

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from tests.helpers.html import assert_valid_html, java_or_skip
from tests.networks.factories import NetworkFactory, NetworkRoleFactory

pytestmark = pytest.mark.django_db


def test_every_freshness_page_and_state_is_valid_html(
    client, tmp_path, settings, mailoutbox, django_capture_on_commit_callbacks
):
    java_or_skip()
    pages = {}

    def keep(name, response):
        pages[name] = response.content.decode()

    now = datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False) as traveller:
        stale = NetworkRoleFactory(
            network__name="Stale & Co", confirmed_on=datetime.date(2024, 2, 1)
        )
        NetworkRoleFactory(person=stale.person, confirmed_on=None)
        keep("out of date", client.get(stale.network.get_absolute_url()))
        keep("awaiting", client.get(NetworkFactory().get_absolute_url()))
        keep("list", client.get(reverse("networks:list")))

        url = reverse("networks:suggest", args=[stale.network.slug])
        data = {
            "submission_token": str(uuid.uuid4()),
            "kind": "closed",
            "details": "It closed <b>last</b> year.",
            "email": "",
        }
        keep("suggest", client.get(url))
        keep("suggest, empty", client.post(url, {}))
        keep("suggest, bad email", client.post(url, data | {"email": "x"}))
        keep("suggest, share without email", client.post(url, data | {"share_email": "on"}))
        keep("suggest, done", client.post(url, data, follow=True))
        settings.FORM_RATE_LIMIT_COUNT = 0
        again = data | {"submission_token": str(uuid.uuid4()), "details": "Another change."}
        keep("suggest, limited", client.post(url, again))

        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_contact_reminders", stdout=io.StringIO())
        link = re.search(r"/contacts/confirm/\S+/", mailoutbox[0].body).group()
        keep("confirm", client.get(link))
        keep("confirm, empty proposal", client.post(link, {"action": "propose"}))
        keep("confirmed", client.post(link, {"action": "confirm"}, follow=True))
        keep("used", client.get(link))
        keep("tampered", client.get(link.replace("/confirm/", "/confirm/x")))
        traveller.shift(datetime.timedelta(days=31))
        keep("expired", client.get(link))

    assert len(pages) == 15
    assert_valid_html(pages, tmp_path)

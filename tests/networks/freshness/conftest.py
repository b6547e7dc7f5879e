"""Fixtures of the freshness tests: a frozen moment, contacts made at it, and the link a
reminder email carries."""

import datetime
import re

import pytest
import time_machine

from networks.models import Network, NetworkRole
from tests.helpers.freshness import NOW, run_reminders
from tests.networks.factories import NetworkRoleFactory


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


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


@pytest.fixture
def link(contacts, frozen, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders()
    url = re.search(r"https?://\S+/contacts/confirm/\S+/", mailoutbox[0].body).group()
    mailoutbox.clear()
    return url.split("127.0.0.1:8000", 1)[-1]

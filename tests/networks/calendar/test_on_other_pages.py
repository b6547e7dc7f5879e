"""The calendar on other pages: the next MDO training on the home page, and a network's next
meetings and feed on its page."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from networks.models import NetworkRole
from tests.helpers.html import text
from tests.networks.factories import (
    EventFactory,
    NetworkFactory,
    NetworkRoleFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_next_few_mdo_training_sessions(client):
    for day in (5, 3, 9, 7):
        EventFactory(
            title=f"Training on day {day}",
            start=days_from_now(day),
            end=days_from_now(day) + datetime.timedelta(hours=2),
        )
    EventFactory(title="A webinar", kind="webinar")
    EventFactory(title="Draft training", is_published=False)
    page = text(client.get(reverse("networks:home")))
    assert "Upcoming MDO training" in page
    shown = re.findall(r"Training on day \d", page)
    assert shown == ["Training on day 3", "Training on day 5", "Training on day 7"]
    assert "A webinar" not in page
    assert "Draft training" not in page


def test_home_page_without_training_says_so(client):
    page = text(client.get(reverse("networks:home")))
    assert "No MDO training sessions are listed at the moment." in page


def test_network_page_shows_its_next_meetings_and_calendar_feed(client):
    network = NetworkFactory(slug="registrars")
    NetworkRoleFactory(network=network, role=NetworkRole.Role.CHAIR)
    for day in (4, 2, 8, 6):
        start = days_from_now(day)
        EventFactory(
            title=f"Meeting on day {day}",
            network=network,
            kind="network_meeting",
            start=start,
            end=start + datetime.timedelta(hours=1),
        )
    EventFactory(title="Another network's meeting", network=NetworkFactory())
    EventFactory(title="Draft meeting", network=network, is_published=False)
    response = client.get(network.get_absolute_url())
    page, html = text(response), response.content.decode()
    assert re.findall(r"Meeting on day \d", page) == [
        "Meeting on day 2",
        "Meeting on day 4",
        "Meeting on day 6",
    ]
    assert "Another network" not in page
    assert "Draft meeting" not in page
    assert 'href="/events/?network=registrars"' in html
    assert 'href="/events/networks/registrars/calendar.ics"' in html
    assert 'href="webcal://testserver/events/networks/registrars/calendar.ics"' in html


def test_network_page_without_meetings_says_so(client):
    network = NetworkFactory()
    page = text(client.get(network.get_absolute_url()))
    assert "No meetings are listed at the moment." in page

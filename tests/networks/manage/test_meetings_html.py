"""Every page of posting a network's meetings is valid HTML, in every state, errors too."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.calendar.models import Event
from tests.helpers.html import assert_valid_html, java_or_skip
from tests.helpers.manage import signed_in_client
from tests.networks.factories import (
    EventFactory,
    NetworkFactory,
    NetworkRoleFactory,
    TopicFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def meeting(network, **kwargs):
    return EventFactory(
        network=network, organiser_name="", kind=Event.Kind.NETWORK_MEETING, **kwargs
    )


def test_every_meeting_page_and_state_is_valid_html(client, tmp_path):
    java_or_skip()
    network = NetworkFactory(slug="registrars", changes_need_review=True)
    empty = NetworkFactory(slug="empty-network")
    role = NetworkRoleFactory(network=network)
    NetworkRoleFactory(network=empty, person=role.person)
    signed_in_client(client, role.person)
    TopicFactory()
    VenueFactory()
    published = meeting(network, title="Published meeting")
    cancelled = meeting(network, title="Cancelled meeting", status=Event.Status.CANCELLED)
    start = timezone.now() - datetime.timedelta(days=5)
    past = meeting(network, title="Past meeting", start=start, end=start + datetime.timedelta(1))
    slug = network.slug
    pages = {}

    def get(url, name=None):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name or url] = response.content.decode()

    add_url = reverse("manage:add_meeting", args=[slug])
    # A new meeting waiting for review, and a change waiting, so the list shows every state.
    start = timezone.localtime() + datetime.timedelta(days=40)
    data = {"title": "New meeting", "attendance_mode": "online", "is_free": "on"}
    for prefix, moment in (("start", start), ("end", start + datetime.timedelta(hours=1))):
        data.update(
            {
                f"{prefix}_day": moment.day,
                f"{prefix}_month": moment.month,
                f"{prefix}_year": moment.year,
                f"{prefix}_time": f"{moment:%H:%M}",
            }
        )
    client.post(add_url, data)
    change_url = reverse("manage:change_meeting", args=[slug, published.slug])
    client.post(change_url, {**data, "title": "Renamed meeting"})
    get(reverse("manage:meetings", args=[slug]), "list with a message and every state")
    get(reverse("manage:meetings", args=[empty.slug]), "list with no meetings")
    get(add_url, "add")
    errors = client.post(add_url, {"title": "", "start_month": "13", "cost": "£3", "is_free": "on"})
    assert errors.status_code == 200
    pages["add with errors"] = errors.content.decode()
    get(change_url, "change with changes waiting")
    get(reverse("manage:change_meeting", args=[slug, cancelled.slug]), "change")
    get(reverse("manage:copy_meeting", args=[slug, past.slug]), "copy")
    for event in (published, cancelled, past):
        get(reverse("manage:cancel_meeting", args=[slug, event.slug]), f"cancel {event.title}")
    assert_valid_html(pages, tmp_path)

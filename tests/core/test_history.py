"""The change history: who changed what, and anonymising blanks the history too."""

import pytest

from mentoring.models import Volunteer
from networks.models import Event
from tests.helpers.admin import admin_url
from tests.mentoring.factories import VolunteerFactory
from tests.networks.factories import (
    EventFactory,
)

pytestmark = pytest.mark.django_db


# --- History ------------------------------------------------------------------------------------


def test_history_shows_who_changed_what(admin_client, admin_user):
    event = EventFactory(title="Caring for textiles")
    data = {
        "title": "Caring for silk",
        "slug": event.slug,
        "kind": event.kind,
        "status": event.status,
        "is_published": "on",
        "start_0": "2027-01-05",
        "start_1": "10:00",
        "end_0": "2027-01-05",
        "end_1": "13:00",
        "attendance_mode": event.attendance_mode,
        "venue": event.venue_id,
        "organiser_name": "MDO team",
        "is_free": "on",
        "booking_mode": event.booking_mode,
    }
    assert admin_client.post(admin_url(Event, "change", event.pk), data).status_code == 302
    html = admin_client.get(admin_url(Event, "history", event.pk)).content.decode()
    assert admin_user.username in html
    assert "Caring for silk" in html
    latest = event.history.first()
    assert latest.history_user == admin_user
    assert "title" in latest.diff_against(latest.prev_record).changed_fields


def test_anonymising_a_volunteer_blanks_their_history_too():
    volunteer = VolunteerFactory(name="Ada Lovelace", email="ada@example.org")
    volunteer.change_status(Volunteer.Status.WITHDRAWN)
    volunteer.anonymise()
    assert not volunteer.history.filter(name="Ada Lovelace").exists()
    assert not volunteer.history.exclude(email="").exists()

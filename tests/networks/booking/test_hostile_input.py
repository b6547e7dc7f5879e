"""Property-based tests for the booking form, as for the other public forms: random and hostile
input never makes a 500, an invalid booking stores nothing, a valid one exactly one booking as
typed (or the one that address already has), and no script comes back unescaped, on the public
pages or in the admin."""

import pytest
from django.urls import reverse
from hypothesis import example, given

from networks.booking.models import Booking
from tests.helpers.booking import answers, booking_event
from tests.helpers.hostile import (
    CONSENT,
    EMAIL,
    SCRIPTS,
    SETTINGS,
    assert_no_script,
    check_outcome,
    hostile_text,
    spoil,
    submit,
)

pytestmark = pytest.mark.django_db


def test_booking_form_takes_hostile_input(client, admin_client):
    event = booking_event(capacity=1000, ask_access_needs=True, ask_dietary_needs=True)
    url = reverse("booking:book", args=[event.slug])
    valid = answers() | {"website": "", "access_needs": "", "dietary_needs": ""}
    strategies = {
        "name": hostile_text,
        "email": EMAIL,
        "organisation": hostile_text,
        "access_needs": hostile_text,
        "dietary_needs": hostile_text,
        "privacy_consent": CONSENT,
    }

    @SETTINGS
    @given(data=spoil(valid, strategies))
    @example(data=valid | {"name": SCRIPTS[0], "access_needs": SCRIPTS[1]})
    @example(data=valid | {"organisation": SCRIPTS[1], "email": "b@example.org"})
    def check(data):
        before = Booking.objects.count()
        again = Booking.objects.filter(email__iexact=data["email"].strip()).first()
        response = submit(client, url, data)
        if response.status_code == 302 and again is not None:
            # The same address again: recognised, nothing doubled.
            assert Booking.objects.count() == before
            assert_no_script(client.get(response["Location"]).content.decode())
            return
        record = check_outcome(client, admin_client, response, Booking, before)
        if record is not None:
            assert record.name == data["name"].strip()
            assert record.access_needs == data["access_needs"].strip()
            assert record.event == event

    check()

"""Many people booking the last places at once, each in their own request and database
connection: the event's row is locked while places are counted and a booking saved, so there
are never more bookings than places and everyone else joins the waiting list, in order.

PostgreSQL only: SQLite lets one writer in at a time, so there is no race to test. CI runs the
suite on PostgreSQL as well; `make bench` runs the same with 100 people."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from networks.booking import places
from networks.booking.models import Booking
from tests.helpers.booking import answers, booking_event

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

PEOPLE = 12
PLACES = 3


@pytest.fixture
def slow_count(monkeypatch):
    """Holds each booking a moment between counting the places taken and saving, so that
    without the lock every request would count before any booking exists."""
    count = places.taken

    def count_then_wait(event):
        found = count(event)
        time.sleep(0.2)
        return found

    monkeypatch.setattr(places, "taken", count_then_wait)


def test_people_booking_the_last_places_at_once_never_exceed_them(slow_count, settings):
    settings.FORM_RATE_LIMIT_COUNT = 1000  # one address for all of them here
    event = booking_event(capacity=PLACES)
    everyone_ready = threading.Barrier(PEOPLE)

    def book(number):
        try:
            everyone_ready.wait(timeout=10)
            response = Client().post(
                f"/events/{event.slug}/book/",
                answers(email=f"person{number}@museum.example", organisation=f"Museum {number}"),
            )
            return response.status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(PEOPLE) as pool:
        statuses = list(pool.map(book, range(PEOPLE)))
    assert statuses == [302] * PEOPLE
    bookings = Booking.objects.filter(event=event)
    assert bookings.filter(status=Booking.Status.BOOKED).count() == PLACES
    assert bookings.filter(status=Booking.Status.WAITING).count() == PEOPLE - PLACES

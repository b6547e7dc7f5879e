"""100 people book the last 10 places of an event at once: each a thread with its own database
connection, posting the booking form through Django's test client (the whole stack, in one
process), all released together. Prints how many were booked and how many wait, and fails
unless that is exactly 10 and 90. The event and its bookings are removed again. Run with the
benchmark's environment (PostgreSQL): python bench/bookings.py [people] [places]"""

import datetime
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from core.models import Notification  # noqa: E402
from networks.booking.models import Booking  # noqa: E402
from networks.calendar.models import Event  # noqa: E402


def main(people, places):
    start = timezone.now() + datetime.timedelta(days=30)
    event = Event.objects.create(
        title="Bench: the last places",
        slug=f"bench-last-places-{int(time.time())}",
        kind=Event.Kind.MDO_TRAINING,
        organiser_name="MDO team",
        start=start,
        end=start + datetime.timedelta(hours=2),
        attendance_mode=Event.AttendanceMode.ONLINE,
        is_free=True,
        is_published=True,
        booking_mode=Event.BookingMode.HERE,
        capacity=places,
    )
    ready = threading.Barrier(people)
    url = f"/events/{event.slug}/book/"

    def book(number):
        client = Client(SERVER_NAME="localhost", REMOTE_ADDR=f"10.0.{number // 250}.{number % 250}")
        try:
            ready.wait(timeout=30)
            began = time.monotonic()
            response = client.post(
                url,
                {
                    "name": f"Bench Person {number}",
                    "email": f"bench{number}@bench-booking.example",
                    "organisation": f"Museum {number}",
                    "privacy_consent": "on",
                    "confirm": "1",
                },
                secure=settings.SECURE_SSL_REDIRECT,
            )
            return response.status_code, time.monotonic() - began
        finally:
            connections.close_all()

    try:
        with override_settings(FORM_RATE_LIMIT_COUNT=people, ALLOWED_HOSTS=["*"]):
            started = time.monotonic()
            with ThreadPoolExecutor(people) as pool:
                results = list(pool.map(book, range(people)))
            took = time.monotonic() - started
        statuses = sorted({status for status, _ in results})
        seconds = sorted(seconds for _, seconds in results)
        booked = event.bookings.filter(status=Booking.Status.BOOKED).count()
        waiting = event.bookings.filter(status=Booking.Status.WAITING).count()
        print(
            f"{people} people booking {places} places at once: {booked} booked, {waiting} on "
            f"the waiting list; answers {statuses}; all done in {took:.1f}s, each answered in "
            f"{seconds[len(seconds) // 2] * 1000:.0f} ms (median), "
            f"{seconds[-1] * 1000:.0f} ms (slowest)"
        )
        if booked != places or waiting != people - places:
            raise SystemExit("More bookings than places, or a booking lost.")
    finally:
        ids = list(event.bookings.values_list("pk", flat=True))
        Notification.objects.filter(content_type__model="booking", object_id__in=ids).delete()
        event.bookings.all().delete()
        event.delete()


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100,
        int(sys.argv[2]) if len(sys.argv) > 2 else 10,
    )

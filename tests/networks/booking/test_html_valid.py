"""Every booking page, in each state a person can meet, is valid HTML (W3C Nu HTML Checker)."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from networks.booking import places
from networks.booking.models import Booking
from tests.helpers.booking import answers, booking_event
from tests.helpers.html import assert_valid_html, java_or_skip

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def test_every_booking_page_and_state_is_valid_html(client, tmp_path, commit):
    java_or_skip()
    event = booking_event(capacity=1, ask_access_needs=True, ask_dietary_needs=True)
    url = reverse("booking:book", args=[event.slug])
    step_one = {key: value for key, value in answers().items() if key != "confirm"}
    pages = {
        "event, places left": html(client.get(event.get_absolute_url())),
        "form": html(client.get(url)),
        "form with errors": html(client.post(url, {"name": "", "email": "x"})),
        "check your answers": html(client.post(url, step_one)),
        "change your answers": html(client.post(url, {**step_one, "change": "1"})),
    }
    with commit():
        done = client.post(url, answers())
    pages["booked"] = html(client.get(done.url))
    booking = Booking.objects.get()
    manage = urlsplit(booking.manage_url()).path
    pages["your booking"] = html(client.get(manage))
    pages["change your booking"] = html(client.get(manage + "change/"))
    pages["change your booking, errors"] = html(client.post(manage + "change/", {"name": ""}))
    pages["event, full"] = html(client.get(event.get_absolute_url()))
    pages["waiting list form"] = html(client.get(url))
    with commit():
        waiting, _ = places.book(Booking(event=event, name="Bea", email="bea@museum.example"))
        places.cancel(booking)
    waiting_path = urlsplit(waiting.manage_url()).path
    pages["a place offered"] = html(client.get(waiting_path))
    pages["cancelled"] = html(client.get(manage))
    assert re.search(r"Accept the place", pages["a place offered"])
    assert_valid_html(pages, tmp_path)

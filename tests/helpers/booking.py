"""Booking test helpers: an event booked on this site and a visitor's answers."""

import datetime

from django.urls import reverse
from django.utils import timezone

from networks.calendar.models import Event
from tests.networks.factories import EventFactory


def booking_event(**kwargs):
    """MDO training a fortnight ahead, booked on this site."""
    soon = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=14)
    start = kwargs.pop("start", soon)
    return EventFactory(
        title=kwargs.pop("title", "Caring for textiles"),
        slug=kwargs.pop("slug", "caring-for-textiles"),
        start=start,
        end=start + datetime.timedelta(hours=3),
        booking_mode=kwargs.pop("booking_mode", Event.BookingMode.HERE),
        booking_email="",
        capacity=kwargs.pop("capacity", 3),
        **kwargs,
    )


def answers(email="ada@museum.example", **overrides):
    data = {
        "name": "Ada Lovelace",
        "email": email,
        "organisation": "Docklands Museum",
        "privacy_consent": "on",
        "confirm": "1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def book(client, event, **overrides):
    return client.post(reverse("booking:book", args=[event.slug]), answers(**overrides))

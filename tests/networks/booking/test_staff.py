"""Bookings as staff and time see them: reminders, cancelled and moved events, added places,
the admin's lists, attendance, the dashboard and retention."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.booking import places
from networks.booking.models import Booking
from networks.calendar.models import Event
from tests.helpers.admin import admin_url
from tests.helpers.booking import book, booking_event
from tests.helpers.html import text

pytestmark = pytest.mark.django_db


def fill(event, count, start=0):
    return [
        places.book(Booking(event=event, name=f"Person {n}", email=f"p{n}@museum.example"))[0]
        for n in range(start, start + count)
    ]


def test_a_reminder_two_days_before_carries_the_joining_link(client, commit, mailoutbox):
    event = booking_event(
        attendance_mode=Event.AttendanceMode.ONLINE,
        venue=None,
        online_url="https://meet.example/textiles",
    )
    for url in (event.get_absolute_url(), reverse("events:feed"), reverse("networks:events_json")):
        assert "meet.example" not in client.get(url).content.decode()
    with commit():
        fill(event, 2)
    mailoutbox.clear()
    with time_machine.travel(event.start - datetime.timedelta(days=3)), commit():
        assert places.send_reminders() == 0
    with time_machine.travel(event.start - datetime.timedelta(days=1)), commit():
        call_command("process_bookings", stdout=io.StringIO())
        assert places.send_reminders() == 0  # once only
    assert len(mailoutbox) == 2
    assert all("https://meet.example/textiles" in message.body for message in mailoutbox)
    assert all("Reminder" in message.subject for message in mailoutbox)


def test_cancelling_or_moving_the_event_tells_everyone_booked_and_waiting(
    admin_client, commit, mailoutbox
):
    event = booking_event(capacity=1)
    with commit():
        fill(event, 3)
    mailoutbox.clear()
    with commit():
        event.start += datetime.timedelta(days=7)
        event.end += datetime.timedelta(days=7)
        event.save()
    assert len(mailoutbox) == 3 and all("moved to" in m.subject for m in mailoutbox)
    mailoutbox.clear()
    with commit():
        Event.objects.filter(pk=event.pk).cancel()
    assert len(mailoutbox) == 3
    assert all("The event is cancelled" in message.subject for message in mailoutbox)


def test_places_added_by_staff_go_to_the_people_waiting(commit, mailoutbox):
    event = booking_event(capacity=1)
    with commit():
        _, second, third = fill(event, 3)
    with commit():
        event.capacity = 2
        event.save()
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Booking.Status.OFFERED and third.status == Booking.Status.WAITING


def test_never_more_bookings_than_places(commit):
    event = booking_event(capacity=2)
    with commit():
        fill(event, 5)
    assert Booking.objects.filter(status__in=Booking.HOLDS_PLACE).count() == 2
    assert Booking.objects.filter(status=Booking.Status.WAITING).count() == 3


def test_the_event_admin_lists_bookings_and_the_waiting_list(mdo_client, commit):
    event = booking_event(capacity=1)
    with commit():
        fill(event, 2)
    page = mdo_client.get(admin_url(Event, "change", event.pk))
    assert page.status_code == 200
    body = text(page)
    assert "Person 0" in body and "Person 1" in body
    assert "1 of 1 places taken, 0 left, 1 waiting." in body
    changelist = text(mdo_client.get(admin_url(Event)))
    assert "1 of 1, 1 waiting" in changelist


def test_attendance_is_marked_after_the_event_and_no_shows_are_counted(mdo_client, commit):
    event = booking_event(capacity=5)
    with commit():
        came, missed, _ = fill(event, 3)
    url = admin_url(Booking)
    early = mdo_client.post(url, {"action": "mark_came", "_selected_action": [came.pk]})
    assert early.status_code == 302
    came.refresh_from_db()
    assert came.attended is None
    over = timezone.now() - datetime.timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(start=over - datetime.timedelta(hours=3), end=over)
    mdo_client.post(url, {"action": "mark_came", "_selected_action": [came.pk]})
    mdo_client.post(url, {"action": "mark_did_not_come", "_selected_action": [missed.pk]})
    page = text(mdo_client.get(admin_url(Event, "change", event.pk)))
    came.refresh_from_db()
    missed.refresh_from_db()
    assert came.attended is True and missed.attended is False
    assert "1 booked but did not come." in page


def test_staff_export_the_bookings_as_csv(mdo_client, commit):
    event = booking_event()
    with commit():
        fill(event, 2)
    response = mdo_client.post(
        admin_url(Booking),
        {
            "action": "export_as_csv",
            "_selected_action": list(Booking.objects.values_list("pk", flat=True)),
        },
    )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "p0@museum.example" in body and "p1@museum.example" in body


def test_staff_cannot_add_or_delete_bookings_by_hand(mdo_client, commit):
    event = booking_event()
    with commit():
        (booking,) = fill(event, 1)
    assert mdo_client.get(admin_url(Booking, "add")).status_code == 403
    assert mdo_client.get(admin_url(Booking, "delete", booking.pk)).status_code == 403


def test_the_dashboard_shows_events_filling_up(mdo_client, commit):
    event = booking_event(capacity=4, title="Caring for paper", slug="caring-for-paper")
    with commit():
        fill(event, 3)
    page = text(mdo_client.get(reverse("admin:index")))
    assert "Caring for paper" in page and "1 place left" in page


def test_the_event_page_and_admin_lists_cost_the_same_queries_however_many_bookings(
    client, mdo_client, commit
):
    event = booking_event(capacity=10)
    pages = [
        (client, event.get_absolute_url()),
        (mdo_client, admin_url(Booking)),
        (mdo_client, admin_url(Event, "change", event.pk)),
    ]

    def counts():
        found = []
        for who, url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert who.get(url).status_code == 200
            found.append(len(queries))
        return found

    with commit():
        fill(event, 2)
    few = counts()
    with commit():
        fill(event, 20, start=2)
    assert counts() == few


def test_bookings_are_anonymised_after_the_retention_period(client, commit, settings):
    settings.BOOKING_RETENTION_MONTHS = 12
    event = booking_event()
    with commit():
        book(client, event)
    with time_machine.travel(event.end + datetime.timedelta(days=300)):
        call_command("apply_retention", stdout=io.StringIO())
        assert Booking.objects.get().email == "ada@museum.example"
    with time_machine.travel(event.end + datetime.timedelta(days=370)):
        call_command("apply_retention", stdout=io.StringIO())
    booking = Booking.objects.get()
    assert booking.email == "" and booking.name == "" and booking.anonymised_at
    assert not booking.notifications.exists()

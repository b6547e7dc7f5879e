"""A visitor books a place: the form, check your answers, the confirmation and the email with
the event attached; the same address twice; full events' waiting lists; closed booking."""

import datetime
import json
import re
from urllib.parse import urlsplit

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.models import Notification
from networks.booking import places
from networks.booking.models import Booking
from networks.calendar.models import Event
from tests.helpers.booking import answers, book, booking_event
from tests.helpers.html import text

pytestmark = pytest.mark.django_db

FAILING = {"default": {"BACKEND": "tests.helpers.failing_mailer.FailingEmailBackend"}}


def manage_path(message):
    return re.search(r"https?://[^/\s]+(/bookings/\S+/)", message.body).group(1)


def invite_of(message):
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert name == "invite.ics" and mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def test_the_form_then_check_your_answers_then_the_booking(client, event, commit, mailoutbox):
    url = reverse("booking:book", args=[event.slug])
    page = client.get(url)
    assert "3 places left" in text(page)
    step_one = {key: value for key, value in answers().items() if key != "confirm"}
    check = client.post(url, step_one)
    assert "Check your answers" in text(check) and "Docklands Museum" in text(check)
    assert not Booking.objects.exists()
    change = client.post(url, {**step_one, "change": "1"})
    assert 'value="Ada Lovelace"' in change.content.decode()
    with commit():
        response = client.post(url, answers())
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.BOOKED
    done = client.get(response.url)
    assert "Your place is booked" in text(done) and booking.reference in text(done)
    (message,) = mailoutbox
    assert message.to == ["ada@museum.example"] and "Your place is booked" in message.subject
    assert booking.reference in message.body
    vevent = invite_of(message).walk("VEVENT")[0]
    assert str(vevent["UID"]) == str(event.uid)
    feed = icalendar.Calendar.from_ical(client.get(reverse("events:feed")).content)
    assert str(event.uid) in {str(component["UID"]) for component in feed.walk("VEVENT")}
    page = client.get(manage_path(message))
    assert "Ada Lovelace" in text(page) and "Cancel my booking" in text(page)
    assert "2 places left" in text(client.get(event.get_absolute_url()))


def test_booking_twice_with_the_same_address_is_recognised_not_doubled(
    client, event, commit, mailoutbox
):
    with commit():
        book(client, event)
        response = book(client, event, email="ADA@museum.example", name="Ada L")
    assert Booking.objects.count() == 1
    assert "already booked with this email address" in text(client.get(response.url))
    assert len(mailoutbox) == 2
    assert Booking.objects.get().reference in mailoutbox[1].body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter your full name"),
        ({"email": "not an address"}, "Enter an email address in the correct format"),
        ({"organisation": ""}, "Enter your museum or organisation"),
        ({"privacy_consent": None}, "Agree to the privacy notice"),
        ({"name": "x" * 201}, "Full name must be 200 characters or fewer"),
    ],
)
def test_bad_answers_get_a_clear_message_and_book_nothing(client, event, overrides, message):
    response = book(client, event, **overrides)
    assert response.status_code == 200
    assert message in text(response) and text(response).startswith("Error: ")
    assert not Booking.objects.exists()


def test_a_full_event_has_a_waiting_list_and_a_freed_place_is_offered_first_come(
    client, commit, mailoutbox
):
    event = booking_event(capacity=1)
    with commit():
        book(client, event, email="first@museum.example")
        book(client, event, email="second@museum.example", organisation="Second Museum")
        book(client, event, email="third@museum.example", organisation="Third Museum")
    first, second, third = Booking.objects.order_by("created_at", "pk")
    assert [b.status for b in (first, second, third)] == ["booked", "waiting", "waiting"]
    assert "Full: join the waiting list" in text(client.get(event.get_absolute_url()))
    assert "waiting list" in mailoutbox[1].subject
    mailoutbox.clear()
    with commit():
        client.post(urlsplit(first.manage_url()).path, {"action": "cancel"})
    second.refresh_from_db()
    assert second.status == Booking.Status.OFFERED
    assert {message.to[0] for message in mailoutbox} == {"first@museum.example", second.email}
    offer = next(m for m in mailoutbox if m.to == [second.email])
    assert "A place is free for you" in offer.subject
    with commit():
        client.post(manage_path(offer), {"action": "accept"})
    second.refresh_from_db()
    assert second.status == Booking.Status.BOOKED
    assert Booking.objects.filter(status__in=Booking.HOLDS_PLACE).count() == 1


def test_an_offer_not_taken_up_passes_on(client, commit, mailoutbox, settings):
    settings.BOOKING_OFFER_HOURS = 24
    event = booking_event(capacity=1)
    with commit():
        first = places.book(Booking(event=event, name="A", email="a@m.example"))[0]
        second = places.book(Booking(event=event, name="B", email="b@m.example"))[0]
        third = places.book(Booking(event=event, name="C", email="c@m.example"))[0]
        places.cancel(first)
    second.refresh_from_db()
    assert second.status == Booking.Status.OFFERED
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        with commit():
            assert places.pass_on_lapsed_offers() == 1
        second.refresh_from_db()
        third.refresh_from_db()
        assert second.status == Booking.Status.LAPSED
        assert third.status == Booking.Status.OFFERED
        assert not places.accept(second)
    assert any(
        "passed on" in message.subject for message in mailoutbox if message.to == [second.email]
    )


def test_one_place_per_museum(client, commit):
    event = booking_event(one_place_per_museum=True)
    book(client, event)
    response = book(client, event, email="bob@museum.example", organisation=" docklands museum ")
    assert "Someone from docklands museum has already booked" in text(response)
    assert Booking.objects.count() == 1


def test_booking_closes_at_its_date_and_when_the_event_starts(client):
    now = timezone.now()
    event = booking_event(booking_closes=now + datetime.timedelta(days=2))
    with time_machine.travel(now + datetime.timedelta(days=3)):
        page = client.get(event.get_absolute_url())
        assert "Booking has closed" in text(page)
        assert "Book a place" not in text(page)
        response = book(client, event)
        assert "Booking has closed" in text(response)
    with time_machine.travel(event.start + datetime.timedelta(minutes=1)):
        assert "the event has started" in text(book(client, event))
    assert not Booking.objects.exists()


def test_an_event_booked_elsewhere_has_no_booking_form(client):
    event = booking_event(booking_mode=Event.BookingMode.ELSEWHERE, booking_url="https://t.example")
    assert client.get(reverse("booking:book", args=[event.slug])).status_code == 404


def test_a_booking_is_never_lost_when_email_is_down(client, event, settings, commit):
    settings.MAILERS = FAILING
    with commit():
        response = book(client, event)
    assert response.status_code == 302
    booking = Booking.objects.get()
    notification = Notification.objects.get(object_id=booking.pk)
    assert notification.sent_at is None and notification.calendar.startswith("BEGIN:VCALENDAR")


def test_the_page_and_structured_data_follow_the_places(client, commit):
    event = booking_event(capacity=1)
    data = structured(client, event)
    assert data["offers"]["availability"] == "https://schema.org/LimitedAvailability"
    assert data["offers"]["url"].endswith(f"/events/{event.slug}/book/")
    with commit():
        book(client, event)
    assert structured(client, event)["offers"]["availability"] == "https://schema.org/SoldOut"


def structured(client, event):
    page = client.get(event.get_absolute_url()).content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_changing_the_details_and_leaving_the_waiting_list(client, commit, mailoutbox):
    event = booking_event(capacity=1, ask_access_needs=True)
    with commit():
        book(client, event, email="first@museum.example")
        book(client, event, email="second@museum.example", organisation="Other")
    waiting = Booking.objects.get(status=Booking.Status.WAITING)
    path = manage_path(mailoutbox[1])
    change = path + "change/"
    response = client.post(
        change, {"name": "Bea Second", "organisation": "Other", "access_needs": "Step-free"}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.name == "Bea Second" and waiting.access_needs == "Step-free"
    assert "Leave the waiting list" in text(client.get(path))
    with commit():
        client.post(path, {"action": "cancel"})
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CANCELLED
    assert "no longer active" in text(client.get(path))


def test_a_tampered_link_is_a_404(client):
    assert client.get("/bookings/not-a-real-token/").status_code == 404

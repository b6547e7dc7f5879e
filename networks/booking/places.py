"""Places on an event: booking one, the waiting list, offers of freed places, reminders.

Every change to who holds a place locks the event's row first (select_for_update), so people
booking the last place at once are served one after another: never more bookings than places.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from networks.calendar.models import Event

from . import notifications
from .models import Booking


def bookings_counted(**filters):
    """How many of each event's bookings match `filters`: a subquery worked out for the rows
    fetched alone. (A join and GROUP BY would group every event before a list could take its
    page: 400 ms for the admin's events list at 50,000 events, and its count, date menu and
    filters would each join the bookings too.)"""
    counted = (
        Booking.objects.filter(event=OuterRef("pk"), **filters)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_places(events):
    """Annotate each event with `places_taken` and `waiting`, in the same query."""
    return events.annotate(
        places_taken=bookings_counted(status__in=Booking.HOLDS_PLACE),
        waiting=bookings_counted(status=Booking.Status.WAITING),
    )


@dataclass
class Places:
    """What a visitor is told about booking an event on this site."""

    capacity: int
    taken: int
    waiting: int
    closed: str  # why booking is closed, or ""

    @property
    def left(self):
        return max(self.capacity - self.taken, 0)

    @property
    def full(self):
        return self.left == 0

    @property
    def open(self):
        return not self.closed

    @property
    def summary(self):
        if self.closed:
            return self.closed
        if self.full:
            return "Full: join the waiting list"
        return f"{self.left} place{'' if self.left == 1 else 's'} left"


def closed_because(event, now=None):
    """Why booking is closed for this event, or "" while it is open."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return "This event is cancelled"
    if event.status == Event.Status.POSTPONED:
        return "Booking opens again when the new date is set"
    if event.start <= now:
        return "Booking has closed: the event has started"
    if event.booking_closes and event.booking_closes <= now:
        return "Booking has closed"
    return ""


def places(event, now=None):
    """Places for an event that books here, or None. Uses with_places()'s counts if present."""
    if not event.books_here:
        return None
    if not hasattr(event, "places_taken"):
        counts = with_places(Event.objects.filter(pk=event.pk)).values_list(
            "places_taken", "waiting"
        )
        event.places_taken, event.waiting = counts.first() or (0, 0)
    return Places(
        event.capacity or 0, event.places_taken, event.waiting, closed_because(event, now)
    )


def locked(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def taken(event):
    return event.bookings.filter(status__in=Booking.HOLDS_PLACE).count()


def active_with_email(event, email):
    return event.bookings.filter(status__in=Booking.ACTIVE, email__iexact=email).first()


def museum_has_place(event, organisation, exclude=None):
    bookings = event.bookings.filter(
        status__in=Booking.ACTIVE, organisation__iexact=organisation.strip()
    )
    if exclude is not None:
        bookings = bookings.exclude(pk=exclude.pk)
    return organisation.strip() and bookings.exists()


def museum_message(organisation):
    return (
        f"Someone from {organisation.strip()} has already booked: this event has one place "
        "per museum or organisation. Ask them to share it, or ask us."
    )


def book(booking):
    """Save a new booking: a place if one is free, else the waiting list. A booking already
    made with the same email address is returned instead, with its details sent again.
    Returns (booking, is_new). Raises ValidationError when booking is closed, or when a place
    is one per museum and the museum has one. Call inside a transaction."""
    event = locked(booking.event)
    if reason := closed_because(event):
        raise ValidationError(reason)
    existing = active_with_email(event, booking.email)
    if existing is not None:
        notifications.details_again(existing)
        return existing, False
    if event.one_place_per_museum and museum_has_place(event, booking.organisation):
        raise ValidationError(museum_message(booking.organisation))
    waiting = event.bookings.filter(status=Booking.Status.WAITING).exists()
    free = (event.capacity or 0) - taken(event) > 0
    booking.event = event
    booking.status = Booking.Status.BOOKED if free and not waiting else Booking.Status.WAITING
    booking.save()
    notifications.booked(booking)
    return booking, True


def offer_freed_places(event, now=None):
    """Offer every free place to the first people waiting, each for BOOKING_OFFER_HOURS (never
    past the start). Call inside a transaction. Returns the bookings offered a place."""
    now = now or timezone.now()
    event = locked(event)
    if closed_because(event, now):
        return []
    free = (event.capacity or 0) - taken(event)
    if free <= 0:
        return []
    until = min(now + datetime.timedelta(hours=settings.BOOKING_OFFER_HOURS), event.start)
    offered = list(
        event.bookings.filter(status=Booking.Status.WAITING).order_by("created_at", "pk")[:free]
    )
    for booking in offered:
        booking.event = event
        booking.offer_expires_at = until
        booking.save(update_fields=["offer_expires_at", "updated_at"])
        booking.change_status(Booking.Status.OFFERED)
        notifications.offered(booking)
    return offered


def cancel(booking):
    """The person gives up their place (or leaves the waiting list); the place goes to the
    first person waiting."""
    with transaction.atomic():
        locked(booking.event)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if not booking.is_active:
            return booking
        booking.change_status(Booking.Status.CANCELLED)
        notifications.cancelled(booking)
        offer_freed_places(booking.event)
    return booking


def accept(booking, now=None):
    """Take up an offered place while the offer is open. Returns True if it was taken."""
    now = now or timezone.now()
    with transaction.atomic():
        locked(booking.event)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != Booking.Status.OFFERED or booking.offer_expires_at <= now:
            return False
        booking.offer_expires_at = None
        booking.save(update_fields=["offer_expires_at", "updated_at"])
        booking.change_status(Booking.Status.BOOKED)
        notifications.booked(booking)
    return True


def pass_on_lapsed_offers(now=None):
    """Offers not taken up in time lapse, and their places go to the next people waiting.
    Returns how many lapsed."""
    now = now or timezone.now()
    lapsed = 0
    due = Booking.objects.filter(status=Booking.Status.OFFERED, offer_expires_at__lte=now)
    for event_id in set(due.values_list("event_id", flat=True)):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            for booking in due.filter(event=event).select_for_update():
                booking.change_status(Booking.Status.LAPSED)
                notifications.lapsed(booking)
                lapsed += 1
            offer_freed_places(event, now)
    return lapsed


def send_reminders(now=None):
    """Remind everyone with a place of events starting within BOOKING_REMINDER_HOURS, once,
    with the joining details of an online event. Returns how many were reminded."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=settings.BOOKING_REMINDER_HOURS)
    due = Booking.objects.filter(
        status=Booking.Status.BOOKED,
        reminded_at__isnull=True,
        event__start__gt=now,
        event__start__lte=soon,
        event__status__in=[Event.Status.SCHEDULED, Event.Status.MOVED_ONLINE],
    ).select_related("event", "event__venue", "event__network")
    reminded = 0
    for booking in due:
        with transaction.atomic():
            notifications.reminder(booking)
            Booking.objects.filter(pk=booking.pk).update(reminded_at=now)
        reminded += 1
    return reminded

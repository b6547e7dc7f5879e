"""When staff (or a network's contact) cancel, postpone, move or re-time an event that takes
bookings here, everyone booked and waiting is told; when places are added, they go to the
people waiting. Watched on every save of an event, from the admin, an action or a contact."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from networks.calendar.models import Event

from . import notifications, places
from .models import Booking

WATCHED = ("status", "start", "end", "venue_id", "attendance_mode", "capacity")


def remember_before(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk or not instance.books_here:
        return
    instance._before_save = Event.objects.filter(pk=instance.pk).values(*WATCHED).first()


def change_described(before, event):
    """What people with a booking are told changed, or "" when nothing they need to know."""
    if before["status"] != event.status:
        if event.status == Event.Status.CANCELLED:
            return "The event is cancelled"
        if event.status == Event.Status.POSTPONED:
            return "The event is postponed"
        if event.status == Event.Status.MOVED_ONLINE:
            return "The event has moved online"
    if before["start"] != event.start or before["end"] != event.end:
        start = timezone.localtime(event.start)
        return f"The event has moved to {start:%A} {start.day} {start:%B %Y, %H:%M}"
    if before["venue_id"] != event.venue_id or before["attendance_mode"] != event.attendance_mode:
        return "The event has changed where it takes place"
    return ""


def tell_people(sender, instance, created=False, raw=False, **kwargs):
    before = getattr(instance, "_before_save", None)
    instance._before_save = None
    if raw or created or before is None:
        return
    change = change_described(before, instance)
    if change:
        for booking in instance.bookings.filter(status__in=Booking.ACTIVE):
            booking.event = instance
            notifications.event_changed(booking, change)
    if (instance.capacity or 0) > (before["capacity"] or 0):
        with transaction.atomic():
            places.offer_freed_places(instance)


def connect():
    pre_save.connect(remember_before, sender=Event, dispatch_uid="booking-before-event-save")
    post_save.connect(tell_people, sender=Event, dispatch_uid="booking-after-event-save")

"""Emails about a booked place, queued through the outbox (core.notifications) in the same
transaction as the change they tell of, so none is lost when the mail server is down. Each
carries the person's signed link and, while they hold a place, the event as invite.ics with
the same UID as the calendar feeds (so a calendar program updates one entry)."""

from django.conf import settings
from django.utils import timezone

from core.models import Notification
from core.notifications import queue_email
from networks.calendar.feeds import calendar_text


def absolute(path):
    return settings.SITE_URL + path


def invite(event):
    return calendar_text(
        [event],
        name=event.title,
        feed_url=absolute(event.get_absolute_url() + "calendar.ics"),
        absolute_url=absolute,
    ).decode()


def _email(booking, subject, template, *, with_invite=False, **context):
    event = booking.event
    queue_email(
        kind=Notification.Kind.BOOKING,
        to=booking.email,
        reply_to=settings.MDO_INBOX_EMAIL,
        subject=f"{subject}: {event.title}"[:200],
        template_name=f"booking/email/{template}.txt",
        context={
            "booking": booking,
            "event": event,
            "start": timezone.localtime(event.start),
            "end": timezone.localtime(event.end),
            "event_url": absolute(event.get_absolute_url()),
            "manage_url": booking.manage_url(),
            "inbox": settings.MDO_INBOX_EMAIL,
            **context,
        },
        about=booking,
        calendar=invite(event) if with_invite else "",
    )


def booked(booking):
    if booking.status == booking.Status.WAITING:
        _email(booking, "You are on the waiting list", "waiting")
    else:
        _email(booking, "Your place is booked", "booked", with_invite=True)


def details_again(booking):
    """Someone booked again with the same address: the booking they have, sent again."""
    booked(booking)


def offered(booking):
    _email(
        booking,
        "A place is free for you",
        "offered",
        until=timezone.localtime(booking.offer_expires_at),
    )


def lapsed(booking):
    _email(booking, "The place we offered has passed on", "lapsed")


def cancelled(booking):
    _email(booking, "Your booking is cancelled", "cancelled")


def reminder(booking):
    _email(booking, "Reminder", "reminder", with_invite=True)


def event_changed(booking, change):
    """Staff cancelled, postponed or moved the event: everyone booked and waiting is told."""
    _email(booking, change, "event_changed", change=change, with_invite=booking.holds_place)

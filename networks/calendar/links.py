"""Links that open an event in Google Calendar or Outlook, filled in, for people who use a web
calendar rather than a calendar file. Plain links: nothing is fetched from either service, and
nothing is sent there until the visitor follows one."""

import datetime
from urllib.parse import urlencode

from django.utils import timezone

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"


def _utc(moment):
    return moment.astimezone(datetime.UTC)


def location(event):
    """Where, in one line: the venue and its address, or the joining link, or "Online"."""
    parts = []
    if event.is_in_person and event.venue:
        parts.append(", ".join([event.venue.name, *event.venue.address_lines]))
    if event.is_online:
        parts.append(event.public_online_url or "Online")
    return "; ".join(parts)


def details(event, absolute_url):
    """The summary, then this event's page, where the booking and joining details stay
    current."""
    page = absolute_url(event.get_absolute_url())
    return f"{event.summary}\n\n{page}" if event.summary else page


def google_calendar_url(event, absolute_url):
    dates = "/".join(_utc(moment).strftime("%Y%m%dT%H%M%SZ") for moment in (event.start, event.end))
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "details": details(event, absolute_url),
        "location": location(event),
    }
    return f"{GOOGLE}?{urlencode(query)}"


def outlook_url(event, absolute_url):
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": _utc(event.start).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": _utc(event.end).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": details(event, absolute_url),
        "location": location(event),
    }
    return f"{OUTLOOK}?{urlencode(query)}"


def calendar_links(event, absolute_url):
    """{"google": ..., "outlook": ...} for an event one can still go to, else None: a cancelled
    or finished event is not worth adding to anyone's calendar."""
    if not event.is_published or event.status == event.Status.CANCELLED:
        return None
    if event.end <= timezone.now():
        return None
    return {
        "google": google_calendar_url(event, absolute_url),
        "outlook": outlook_url(event, absolute_url),
    }

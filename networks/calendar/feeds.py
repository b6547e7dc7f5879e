"""Calendar feeds (RFC 5545), built with the icalendar library."""

import datetime
import functools
import uuid
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.urls import get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.hashable import make_hashable

from core.text import markdown_to_text

from .models import Event

PRODID = "-//London Museum Development//Skills sharing calendar//EN"
LONDON = ZoneInfo("Europe/London")

STATUSES = {
    Event.Status.SCHEDULED: "CONFIRMED",
    Event.Status.MOVED_ONLINE: "CONFIRMED",
    Event.Status.POSTPONED: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}


def london_timezone():
    """A VTIMEZONE for Europe/London written with yearly rules.

    icalendar's own VTIMEZONE (Timezone.from_tzid) lists each year's change as one RDATE with
    many values; vobject 0.9.9 keeps only the first value and so puts later events an hour out.
    Yearly rules are the form calendar programs themselves write, and every parser reads them.
    tests/networks/test_events_feeds.py checks these rules against the tz database.
    """
    zone = icalendar.Timezone()
    zone.add("TZID", "Europe/London")
    for kind, name, start, month, offset_from, offset_to in [
        # Clocks go forward at 01:00 GMT on the last Sunday of March...
        (icalendar.TimezoneDaylight, "BST", datetime.datetime(1970, 3, 29, 1), 3, 0, 1),
        # ...and back at 02:00 BST on the last Sunday of October.
        (icalendar.TimezoneStandard, "GMT", datetime.datetime(1970, 10, 25, 2), 10, 1, 0),
    ]:
        observance = kind()
        observance.add("TZNAME", name)
        observance.add("DTSTART", start)
        observance.add("TZOFFSETFROM", datetime.timedelta(hours=offset_from))
        observance.add("TZOFFSETTO", datetime.timedelta(hours=offset_to))
        observance.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
        zone.add_component(observance)
    return zone


def location(event):
    lines = []
    if event.is_in_person and event.venue:
        lines = [event.venue.name, *event.venue.address_lines]
    if event.is_online:
        lines.append(event.public_online_url or "Online")
    return ", ".join(lines)


def description(event, url):
    parts = [event.summary, markdown_to_text(event.description)]
    booking = " or ".join(filter(None, [event.booking_url, event.booking_email]))
    details = [
        ("When", event.when),
        ("How to book", booking),
        ("Cost", event.cost_display),
        ("Places", event.places_display),
        ("Who it is for", event.audience),
        ("Organiser", event.organiser),
        ("Details", url),
    ]
    parts.append("\n".join(f"{label}: {value}" for label, value in details if value))
    return "\n\n".join(part for part in parts if part)


def event_properties(event, absolute_url):
    """What a VEVENT says of `event`, as icalendar.Event.new() takes it."""
    url = absolute_url(event.get_absolute_url())
    return {
        "uid": str(event.uid),
        "stamp": event.updated_at,
        "created": event.created_at,
        "last_modified": event.updated_at,
        "sequence": event.sequence,
        "start": timezone.localtime(event.start, LONDON),
        "end": timezone.localtime(event.end, LONDON),
        "summary": event.display_title,
        "description": description(event, url),
        "location": location(event) or None,
        "url": url,
        "status": STATUSES[event.status],
        "categories": [event.get_kind_display()],
    }


def _values(obj):
    """Every column of a row, hashable: deferred ones are read, so none is left out."""
    if obj is None:
        return None
    return tuple(make_hashable(getattr(obj, field.attname)) for field in obj._meta.concrete_fields)


class _Keyed:
    """An event, hashed and compared by everything its VEVENT is made from."""

    __slots__ = ("absolute_url", "event", "key")

    def __init__(self, event, absolute_url):
        self.event, self.absolute_url = event, absolute_url
        # The event's row, its network's and its venue's (read if the event came without
        # them), and what else the text depends on: the site's address, the addresses'
        # patterns, and the time zone and language dates are read in.
        self.key = (
            _values(event),
            _values(event.network),
            _values(event.venue),
            absolute_url("/"),
            get_urlconf(),
            timezone.get_current_timezone_name(),
            translation.get_language(),
        )

    def __hash__(self):
        return hash(self.key)

    def __eq__(self, other):
        return self.key == other.key


@functools.lru_cache(maxsize=4096)
def _vevent_text(keyed):
    text = icalendar.Event.new(**event_properties(keyed.event, keyed.absolute_url)).to_ical()
    keyed.event = keyed.absolute_url = None  # the memo keeps the key alone
    return text


def vevent_text(event, absolute_url):
    """A VEVENT's text, remembered per process: icalendar takes about 1.5 ms to write one, the
    properties about 0.1 ms more, and a feed holds 250. It is a pure function of the event's,
    network's and venue's rows (the key), so a change to any of them shows at once, however
    the event was read."""
    return _vevent_text(_Keyed(event, absolute_url))


def feed_parts(events, now=None):
    """The two queries of bounded(): the events to come and the recent past, one row more
    than a feed keeps of each (to tell whether any were left out)."""
    now = now or timezone.now()
    feed = events.in_feeds(now)
    # Ties broken by id, so the same events are kept at the limit on every fetch.
    return (
        feed.upcoming(now).order_by("start", "title", "pk")[: Event.FEED_LIMIT + 1],
        feed.filter(end__lte=now).order_by("-end", "-pk")[: Event.FEED_PAST_LIMIT + 1],
    )


def bounded(events, now=None):
    """What a feed carries of `events` (published and filtered): the next Event.FEED_LIMIT
    events to come, soonest first, and the Event.FEED_PAST_LIMIT that ended most recently
    within Event.FEED_HISTORY, all in order of start; and whether any were left out.

    Two queries, each walking an index of start or end for as many rows as it keeps, so the
    feed costs the same with fifty events as with fifty thousand."""
    to_come, recent = (list(part) for part in feed_parts(events, now))
    left_out = len(to_come) > Event.FEED_LIMIT or len(recent) > Event.FEED_PAST_LIMIT
    kept = recent[: Event.FEED_PAST_LIMIT] + to_come[: Event.FEED_LIMIT]
    return sorted(kept, key=lambda event: (event.start, event.title)), left_out


def calendar_text(events, *, name, feed_url, absolute_url, note=""):
    """iCalendar bytes holding `events`; `absolute_url` turns a path into a full address."""
    calendar = icalendar.Calendar.new(
        prodid=PRODID,
        # icalendar writes NAME and X-WR-CALNAME without escaping line breaks: keep it one line.
        name=" ".join(f"{name} ({settings.SITE_NAME})".split()),
        # RFC 7986: every feed says what it is, where it lives and how often to fetch it again.
        description=note or f"Training and network meetings from {settings.SITE_NAME}: {name}.",
        source=feed_url,
        # Stable, so a program that knows this calendar recognises it again.
        uid=uuid.uuid5(uuid.NAMESPACE_URL, feed_url),
        url=feed_url,
        refresh_interval=datetime.timedelta(hours=6),
    )
    calendar.add("X-WR-TIMEZONE", "Europe/London")
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(datetime.timedelta(hours=6)))
    calendar.add_component(london_timezone())
    # The calendar's own lines, then each event's remembered text before its last line.
    text = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert text.endswith(end)
    body = b"".join(vevent_text(event, absolute_url) for event in events)
    return text[: -len(end)] + body + end


def calendar_response(request, events, *, name, filename, note=""):
    """A text/calendar response holding `events` (already filtered, drafts excluded)."""
    text = calendar_text(
        events,
        name=name,
        feed_url=request.build_absolute_uri(),
        absolute_url=request.build_absolute_uri,
        note=note,
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def bounded_calendar_response(request, events, *, name, filename, note=""):
    """A feed of `events` (published and filtered) as bounded(); when some were left out, its
    description says so and where to find a shorter feed."""
    events, left_out = bounded(events)
    if left_out:
        events_page = request.build_absolute_uri(reverse("events:list"))
        note = " ".join(
            filter(
                None,
                [
                    note,
                    f"This feed carries the next {Event.FEED_LIMIT} events and the "
                    f"{Event.FEED_PAST_LIMIT} that ended most recently. For a shorter feed, "
                    f"choose a kind of event, network, sub-region or topic on {events_page}",
                ],
            )
        )
    return calendar_response(request, events, name=name, filename=filename, note=note)

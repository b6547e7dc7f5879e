"""Open data: the directory and the calendar as CSV and JSON, with every field documented.

The same field list builds the files and the table on /open-data/ that explains them, and the
rows are exactly those of the matching HTML page (the same filters, the same order). Only what
the public pages show is here, and not even all of that: the names and email addresses of
network contacts stay on each network's page, out of bulk downloads.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core import cache_health
from core.csv_export import csv_response
from core.page_cache import content_version, reads_query
from core.text import markdown_to_text
from networks.calendar.forms import EventFilterForm
from networks.calendar.models import Event
from networks.content.documents import format_size
from networks.content.models import PageSection
from networks.directory.forms import NetworkFilterForm
from networks.directory.models import Network
from networks.last_modified import (
    calendar_changed_at,
    calendar_conditional,
    directory_changed_at,
    directory_conditional,
)


@dataclass(frozen=True)
class Field:
    name: str
    meaning: str
    value: object  # (object, absolute_url) -> a JSON value

    def csv(self, obj, absolute_url):
        value = self.value(obj, absolute_url)
        if isinstance(value, list):
            return "; ".join(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return "" if value is None else value


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


NETWORK_FIELDS = [
    Field("name", "The network's name.", lambda n, url: n.name),
    Field(
        "slug",
        "Its short name, as in the address of its page. It stays the same while the network "
        "is listed.",
        lambda n, url: n.slug,
    ),
    Field("url", "Its page on this website.", lambda n, url: url(n.get_absolute_url())),
    Field(
        "kind",
        "One of: "
        + ", ".join(f"{value} ({label.lower()})" for value, label in Network.Kind.choices)
        + ".",
        lambda n, url: n.kind,
    ),
    Field(
        "status",
        "active, or dormant (not meeting at the moment). Closed networks are not listed.",
        lambda n, url: n.status,
    ),
    Field(
        "sub_region",
        "The part of London it serves, if it serves one part.",
        lambda n, url: n.sub_region.name if n.sub_region else None,
    ),
    Field(
        "topics",
        "What it is about: a list in JSON, separated by semicolons in CSV.",
        lambda n, url: [topic.name for topic in n.topics.all()],
    ),
    Field("summary", "One or two sentences about it.", lambda n, url: n.summary),
    Field("description", "More about it, in Markdown.", lambda n, url: n.description),
    Field("how_to_join", "How to join or take part, in Markdown.", lambda n, url: n.how_to_join),
    Field("website", "Its own website, if it has one.", lambda n, url: n.website),
    Field(
        "parent",
        "The slug of the wider network it belongs to, if any.",
        lambda n, url: n.parent.slug if n.parent and n.parent.status != "closed" else None,
    ),
    Field(
        "contact_confirmed",
        "true when the network page lists a contact whose details have been confirmed; false "
        "when its contact details are awaiting update.",
        lambda n, url: n.has_confirmed_contact,
    ),
    Field(
        "last_confirmed_on",
        "When a contact's details were last confirmed (YYYY-MM-DD), if ever.",
        lambda n, url: n.last_confirmed_on.isoformat() if n.last_confirmed_on else None,
    ),
    Field(
        "updated_at",
        "When staff last changed the entry (ISO 8601, London time).",
        lambda n, url: _iso(n.updated_at),
    ),
]


EVENT_FIELDS = [
    Field("title", "The event's title.", lambda e, url: e.title),
    Field("slug", "Its short name, as in the address of its page.", lambda e, url: e.slug),
    Field("url", "Its page on this website.", lambda e, url: url(e.get_absolute_url())),
    Field(
        "calendar",
        "The event as an iCalendar file, to add to a calendar.",
        lambda e, url: url(reverse("events:event_feed", kwargs={"slug": e.slug})),
    ),
    Field(
        "kind",
        "One of: " + ", ".join(f"{value} ({label})" for value, label in Event.Kind.choices) + ".",
        lambda e, url: e.kind,
    ),
    Field(
        "status",
        "One of: " + ", ".join(Event.Status.values) + ". Cancelled events stay listed.",
        lambda e, url: e.status,
    ),
    Field("start", "When it starts (ISO 8601, London time).", lambda e, url: _iso(e.start)),
    Field("end", "When it ends (ISO 8601, London time).", lambda e, url: _iso(e.end)),
    Field(
        "attendance_mode",
        "One of: " + ", ".join(Event.AttendanceMode.values) + ".",
        lambda e, url: e.attendance_mode,
    ),
    Field(
        "venue",
        "The museum site where it is held, if in person and known.",
        lambda e, url: e.venue.name if e.venue else None,
    ),
    Field(
        "address",
        "The venue's street address, lines separated by commas.",
        lambda e, url: ", ".join(e.venue.street_lines) if e.venue else None,
    ),
    Field(
        "postcode", "The venue's postcode.", lambda e, url: e.venue.postcode if e.venue else None
    ),
    Field(
        "sub_region",
        "The part of London the venue is in.",
        lambda e, url: e.venue.sub_region.name if e.venue and e.venue.sub_region else None,
    ),
    Field(
        "online_url", "The link to join online, if published.", lambda e, url: e.public_online_url
    ),
    Field("organiser", "Who runs it.", lambda e, url: e.organiser),
    Field(
        "network",
        "The slug of the organising network, if a network runs it.",
        lambda e, url: e.network.slug if e.network else None,
    ),
    Field(
        "topics",
        "What it is about, with the organising network's topics: a list in JSON, separated by "
        "semicolons in CSV.",
        lambda e, url: [topic.name for topic in e.all_topics],
    ),
    Field("summary", "One or two sentences about it.", lambda e, url: e.summary),
    Field("description", "More about it, in Markdown.", lambda e, url: e.description),
    Field("audience", "Who it is for.", lambda e, url: e.audience),
    Field("is_free", "true if it is free.", lambda e, url: e.is_free),
    Field("cost", "What it costs, as written by staff, if not free.", lambda e, url: e.cost),
    Field("capacity", "How many places there are, if known.", lambda e, url: e.capacity),
    Field(
        "places_limited",
        "true when places are limited but their number is not given.",
        lambda e, url: e.places_limited,
    ),
    Field("booking_url", "Where to book, if online.", lambda e, url: e.booking_url),
    Field(
        "booking_email",
        "The email address for booking, as shown on the event's page.",
        lambda e, url: e.booking_email,
    ),
    Field(
        "updated_at",
        "When staff last changed the event (ISO 8601, London time).",
        lambda e, url: _iso(e.updated_at),
    ),
]


def directory_rows(form):
    """The networks of /networks/ with these filters, in the order that page lists them."""
    networks = (
        Network.objects.public()
        .select_related("sub_region", "parent")
        .prefetch_related("topics")
        .with_contact_status()
    )
    networks, applied, _ = form.filter(networks)
    return list(networks.in_kind_order()), applied


def calendar_rows(form):
    """The events of /events/ (every page of it) with these filters, in its order."""
    events = Event.objects.published().upcoming().for_listing()
    events = events.prefetch_related("topics", "network__topics")
    events, applied, _ = form.filter(events)
    return list(events), applied


def _licence():
    return markdown_to_text(PageSection.objects.text(PageSection.Key.OPEN_DATA_LICENCE).filled_body)


def _export(request, name, fields, rows, applied, fmt, changed_at):
    url = request.build_absolute_uri
    if fmt == "csv":
        return csv_response(
            f"{name}.csv",
            [field.name for field in fields],
            ([field.csv(row, url) for field in fields] for row in rows),
        )
    data = {
        "source": url(reverse("networks:open_data")),
        "licence": _licence(),
        # When the data last changed, not when the file was made: the same data makes the same
        # file, so its ETag holds and pollers get 304 Not Modified.
        "last_modified": _iso(changed_at),
        "filters": {key: str(value) for key, value in applied.items()},
        "count": len(rows),
        name: [{field.name: field.value(row, url) for field in fields} for row in rows],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="{name}.json"'
    return response


@reads_query(*NetworkFilterForm.base_fields)
@directory_conditional
def networks_export(request, fmt):
    rows, applied = directory_rows(NetworkFilterForm(request.GET))
    changed_at = directory_changed_at(request)
    return _export(request, "networks", NETWORK_FIELDS, rows, applied, fmt, changed_at)


@reads_query(*EventFilterForm.base_fields)
@calendar_conditional
def events_export(request, fmt):
    rows, applied = calendar_rows(EventFilterForm(request.GET))
    changed_at = calendar_changed_at(request)
    return _export(request, "events", EVENT_FIELDS, rows, applied, fmt, changed_at)


def _measure_downloads(request):
    """{"networks_csv": bytes, ...} of the unfiltered files, made as a download makes them."""
    sizes = {}
    for name, fields, rows_of, form, changed_at in [
        ("networks", NETWORK_FIELDS, directory_rows, NetworkFilterForm, directory_changed_at),
        ("events", EVENT_FIELDS, calendar_rows, EventFilterForm, calendar_changed_at),
    ]:
        rows, applied = rows_of(form({}))
        for fmt in ("csv", "json"):
            response = _export(request, name, fields, rows, applied, fmt, changed_at(request))
            sizes[f"{name}_{fmt}"] = len(response.content)
    return sizes


def download_sizes(request):
    """What each download weighs ("12 KB"), as resources say.

    Making the files costs about as much as downloading them all (a quarter of a second for 300
    networks and 300 events), too much for every view of the page, so the sizes are kept for as
    long as a cached page and for the content version they were measured at: any change to the
    directory or calendar measures them afresh."""
    version = content_version()
    key = f"open-data-sizes:{version}:{request.get_host()}"
    sizes = cache_health.call("get", key) if version else None
    if sizes is None:
        sizes = _measure_downloads(request)
        if version:
            cache_health.call("set", key, sizes, settings.PAGE_CACHE_SECONDS)
    return {name: format_size(size) for name, size in sizes.items()}


def open_data(request):
    return render(
        request,
        "pages/open_data.html",
        {
            "network_fields": NETWORK_FIELDS,
            "event_fields": EVENT_FIELDS,
            "licence": PageSection.objects.text(PageSection.Key.OPEN_DATA_LICENCE),
            "sizes": download_sizes(request),
        },
    )

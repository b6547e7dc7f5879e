import itertools
import logging

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.page_cache import reads_query
from core.pagination import paginate
from networks.booking.places import places, with_places
from networks.content.models import PageSection
from networks.directory.models import Network
from networks.last_modified import calendar_conditional

from .feeds import bounded_calendar_response, calendar_response
from .forms import EventFilterForm, FeedFilterForm
from .images import IMAGE_TYPES
from .links import calendar_links
from .models import Event
from .structured_data import event_data

PER_PAGE = 20
logger = logging.getLogger(__name__)


def group_by_month(events):
    """[(first day of the month, [events...]), ...] in the order given, by London time."""
    return [
        (month, list(members))
        for month, members in itertools.groupby(
            events, key=lambda event: timezone.localdate(event.start).replace(day=1)
        )
    ]


@reads_query(*EventFilterForm.base_fields, "page")
def event_list(request):
    form = EventFilterForm(request.GET)
    events, applied, notes = form.filter(Event.objects.published().upcoming().for_listing())
    query = form.query_string()
    page, page_note = paginate(request, events, PER_PAGE, query)
    return render(
        request,
        "events/event_list.html",
        {
            "intro": PageSection.objects.text(PageSection.Key.EVENTS_INTRO),
            "form": form,
            "applied": applied,
            "notes": [*notes, page_note] if page_note else notes,
            "page": page,
            "months": group_by_month(page.object_list),
            "query": query,
        },
    )


@reads_query("page")
def event_archive(request):
    page, page_note = paginate(request, Event.objects.published().past().for_listing(), PER_PAGE)
    return render(
        request,
        "events/event_archive.html",
        {
            "page": page,
            "months": group_by_month(page.object_list),
            "notes": [page_note] if page_note else [],
        },
    )


def event_detail(request, slug):
    events = with_places(Event.objects.for_listing().prefetch_related("topics", "network__topics"))
    event = get_object_or_404(events, slug=slug)
    # Staff may preview a draft from the admin; to everyone else it does not exist. Only a draft
    # looks at who is asking, so a published event's page is the same for all and can be cached.
    if not event.is_published and not request.user.is_staff:
        raise Http404("No such event.")
    event.places = places(event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "places": event.places,
            "is_past": event.end <= timezone.now(),
            "calendar_links": calendar_links(event, request.build_absolute_uri),
            "structured_data": event_data(event, request.build_absolute_uri),
        },
    )


@reads_query(*FeedFilterForm.base_fields)
@calendar_conditional
def feed(request):
    """Everything, or what the events page's filters choose. A feed cannot show a note, so an
    unknown network is a 404 (a feed for a network we do not have); other unknown values are
    ignored and said in the calendar's description (naming the filter, not echoing the value)."""
    form = FeedFilterForm(request.GET)
    if "network" in form.errors:
        raise Http404("No such network.")
    events, applied, _ = form.filter(Event.objects.published().for_listing())
    name = " · ".join(str(value) for value in applied.values()) or "All events"
    ignored = ", ".join(form.fields[field].label.lower() for field in form.errors)
    note = (
        f"We did not recognise the {ignored} asked for, so it was not applied." if ignored else ""
    )
    return bounded_calendar_response(request, events, name=name, filename="calendar.ics", note=note)


@calendar_conditional
def network_feed(request, slug):
    network = get_object_or_404(Network.objects.public(), slug=slug)
    events = Event.objects.published().filter(network=network).for_listing()
    return bounded_calendar_response(request, events, name=network.name, filename=f"{slug}.ics")


@calendar_conditional
def event_feed(request, slug):
    """One event, for "Add to calendar". Drafts are never in a feed, even for staff."""
    events = Event.objects.published().filter(slug=slug).for_listing()
    if not events:
        raise Http404("No such event.")
    return calendar_response(request, events, name=events[0].title, filename=f"{slug}.ics")


def event_image(request, slug):
    """An event's picture, with the type its content was checked to be, and only while its page
    can be seen. Uploads are not served from MEDIA_URL in production; this is their address."""
    events = Event.objects.exclude(image="")
    if not request.user.is_staff:
        events = events.published()
    event = get_object_or_404(events, slug=slug)
    kind = IMAGE_TYPES.get(event.image_type)
    if kind is None:
        raise Http404("No such image.")
    try:
        file = event.image.open("rb")
    except FileNotFoundError:
        logger.error("Event image missing: %s", event.image.name)
        raise Http404("The image is missing.") from None
    response = FileResponse(file, content_type=kind.mime)
    response["Content-Disposition"] = f'inline; filename="{slug}.{kind.extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

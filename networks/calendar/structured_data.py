"""schema.org Event as JSON-LD, so search engines and other programs can read an event page."""

import re

from django.urls import reverse
from django.utils import timezone

from networks.directory.models import Network

from .models import Event

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    Event.Status.SCHEDULED: "EventScheduled",
    Event.Status.CANCELLED: "EventCancelled",
    Event.Status.POSTPONED: "EventPostponed",
    Event.Status.MOVED_ONLINE: "EventMovedOnline",
}
ATTENDANCE_MODE = {
    Event.AttendanceMode.IN_PERSON: "OfflineEventAttendanceMode",
    Event.AttendanceMode.ONLINE: "OnlineEventAttendanceMode",
    Event.AttendanceMode.HYBRID: "MixedEventAttendanceMode",
}
ONE_PRICE = re.compile(r"£\s?(\d+(?:\.\d\d)?)")


def place(venue):
    address = {
        "@type": "PostalAddress",
        "streetAddress": ", ".join(venue.street_lines),
        "addressLocality": "London",
        "addressCountry": "GB",
    }
    if venue.postcode:
        address["postalCode"] = venue.postcode
    if venue.sub_region:
        address["addressRegion"] = venue.sub_region.name
    data = {"@type": "Place", "name": venue.name, "address": address}
    if venue.website:
        data["url"] = venue.website
    return data


def locations(event, url):
    found = []
    if event.is_in_person and event.venue:
        found.append(place(event.venue))
    if event.is_online:
        found.append({"@type": "VirtualLocation", "url": event.public_online_url or url})
    return found


def organizer(event, absolute_url):
    if not event.network:
        return {"@type": "Organization", "name": event.organiser_name}
    data = {"@type": "Organization", "name": event.network.name}
    if event.network.status != Network.Status.CLOSED:
        data["url"] = absolute_url(event.network.get_absolute_url())
    return data


def availability(event):
    """What we know of the places: none once it is cancelled or over; limited when staff say
    so or give a number; otherwise open. A postponed event's places wait for its new date.
    For an event booked on this site, the places left say: sold out when full."""
    if event.status == Event.Status.CANCELLED or event.end <= timezone.now():
        return "Discontinued"
    if event.status == Event.Status.POSTPONED:
        return None
    counted = getattr(event, "places", None)
    if counted is not None:
        # Booked here, so we know: full is sold out (a waiting list is open), else a number.
        if counted.closed:
            return "SoldOut" if counted.full else "Discontinued"
        return "SoldOut" if counted.full else "LimitedAvailability"
    return "LimitedAvailability" if event.capacity or event.places_limited else "InStock"


def booking_url(event, url):
    if event.books_here:
        return url.removesuffix("/") + "/book/"
    return event.booking_url or url


def offer(event, url):
    """An Offer when the cost is known: free, or a text with a single price in pounds. The cost
    is a text staff write ("£25, or £15 for volunteers"), so a price is given only when the
    text names exactly one."""
    if not (event.is_free or event.cost or event.books_here):
        return None
    data = {"@type": "Offer", "url": booking_url(event, url)}
    prices = ["0"] if event.is_free else ONE_PRICE.findall(event.cost)
    if event.cost:
        data["description"] = event.cost
    if len(prices) == 1:
        data.update(price=prices[0], priceCurrency="GBP")
    if known := availability(event):
        data["availability"] = SCHEMA + known
    return data


def event_data(event, absolute_url):
    """The schema.org Event for `event`; absolute_url turns a path into a full address."""
    url = absolute_url(event.get_absolute_url())
    mode = (
        Event.AttendanceMode.ONLINE
        if event.status == Event.Status.MOVED_ONLINE
        else event.attendance_mode
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventStatus": SCHEMA + EVENT_STATUS[event.status],
        "eventAttendanceMode": SCHEMA + ATTENDANCE_MODE[mode],
        "organizer": organizer(event, absolute_url),
        "url": url,
    }
    if event.summary:
        data["description"] = event.summary
    found = locations(event, url)
    if found:
        data["location"] = found[0] if len(found) == 1 else found
    if offers := offer(event, url):
        data["offers"] = offers
    if event.image:
        data["image"] = [absolute_url(reverse("events:image", kwargs={"slug": event.slug}))]
    return data

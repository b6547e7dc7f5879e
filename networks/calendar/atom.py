"""An Atom feed of newly added events, newest first, for feed readers."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Event

ITEMS = 20


class NewEventsFeed(Feed):
    feed_type = Atom1Feed
    title = f"New events: {settings.SITE_NAME}"
    subtitle = (
        "MDO training, network meetings and other events for London's museum workers, as they "
        "are added to the calendar."
    )

    def link(self):
        return reverse("events:list")

    def items(self):
        return Event.objects.published().for_listing().order_by("-created_at", "-pk")[:ITEMS]

    def item_title(self, event):
        return event.display_title

    def item_description(self, event):
        parts = [event.when, event.place_summary, event.summary]
        return " · ".join(part for part in parts if part)

    def item_link(self, event):
        return event.get_absolute_url()

    def item_guid(self, event):
        return f"urn:uuid:{event.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [event.get_kind_display()]

"""The calendar's filters, shared by the events page, its feeds and open data."""

from django import forms
from django.core.validators import slug_re
from django.db.models import Exists, OuterRef

from core.filters import ChoiceFilterForm
from networks.calendar.models import Event
from networks.directory.models import Network
from networks.places.models import SubRegion, Topic


class EventFilterForm(ChoiceFilterForm):
    """The calendar's filters, shared by the events page and its feed."""

    kind = forms.ChoiceField(label="Kind of event", required=False)
    network = forms.ChoiceField(label="Network", required=False)
    region = forms.ChoiceField(label="Sub-region", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)
    mode = forms.ChoiceField(label="Attendance", required=False)

    blanks = {
        "kind": "All kinds",
        "network": "All networks",
        "region": "All sub-regions",
        "topic": "All topics",
        "mode": "In person or online",
    }

    # More networks than this with events to come, and the page offers no network list (it would
    # be longer than the page itself): each network's page links to its events instead, and
    # ?network= still works in links, bookmarks and feeds.
    MAX_NETWORK_CHOICES = 60

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        if not self.lists_networks:
            self.fields["network"].widget = forms.HiddenInput()

    def listed_networks(self):
        """The networks with events to come, by name: one more than the page would list."""
        with_events = Event.objects.published().not_over().filter(network=OuterRef("pk"))
        return list(
            Network.objects.public()
            .filter(Exists(with_events))
            .order_by("name")[: self.MAX_NETWORK_CHOICES + 1]
        )

    def network_options(self):
        listed = self.listed_networks()
        self.lists_networks = len(listed) <= self.MAX_NETWORK_CHOICES
        networks = {network.slug: network for network in listed}
        asked = self.data.get("network")
        # Only something shaped like a slug is looked up: a NUL byte, say, is refused by
        # PostgreSQL itself, and could never name a network anyway.
        if asked and slug_re.fullmatch(asked):
            # A network with nothing to come, or beyond the list, is still a valid filter.
            networks.update({n.slug: n for n in Network.objects.public().filter(slug=asked)})
        return networks

    def get_options(self):
        return {
            "kind": dict(Event.Kind.choices),
            "network": self.network_options(),
            "region": {region.slug: region for region in SubRegion.objects.all()},
            "topic": {topic.slug: topic for topic in Topic.objects.all()},
            "mode": dict(Event.AttendanceMode.choices),
        }

    def apply(self, queryset, name, key, value):
        match name:
            case "kind":
                return queryset.filter(kind=key)
            case "network":
                return queryset.filter(network=value)
            case "region":
                return queryset.in_sub_region(value)
            case "topic":
                return queryset.about(value)
            case "mode":
                return queryset.attended(key)


class FeedFilterForm(EventFilterForm):
    """The events page's filters, for a calendar feed: a feed shows no list of networks, so
    only a network asked for is looked up."""

    def listed_networks(self):
        return []

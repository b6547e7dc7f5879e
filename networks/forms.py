from urllib.parse import urlencode

from django import forms
from django.core.validators import slug_re
from django.db.models import Exists, OuterRef

from .models import Event, Network, SubRegion, Topic


class FilterBoundField(forms.BoundField):
    """A filter's unknown value is ignored with a note, so its field is not marked invalid, nor
    described by an error message (there is none beside it)."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        attrs.pop("aria-invalid", None)
        if self.errors:
            attrs.pop("aria-describedby", None)
        return attrs


class ChoiceFilterForm(forms.Form):
    """Filters read from GET parameters, each a choice among known values.

    A value we do not recognise is dropped with a note rather than failing the page.
    Subclasses give each field's options ({key: object}) and the label of its "all" choice.
    """

    blanks = {}
    bound_field_class = FilterBoundField

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        # One query per choice list; the same rows serve validation, filtering and rendering.
        self.options = self.get_options()
        for name, options in self.options.items():
            self.fields[name].choices = [("", self.blanks[name])] + [
                (key, str(label)) for key, label in options.items()
            ]

    def get_options(self):
        raise NotImplementedError

    def apply(self, queryset, name, key, value):
        """Narrow queryset by one valid filter: its key in the URL and the object it names."""
        raise NotImplementedError

    def filter(self, queryset):
        values, notes = self.applied()
        for name, value in values.items():
            queryset = self.apply(queryset, name, self.cleaned_data[name], value)
        return queryset, values, notes

    def applied(self):
        """The filters that were valid, as {name: object}, and notes on the ones ignored."""
        self.is_valid()
        notes = [
            f"We did not recognise the {self.fields[name].label.lower()} "
            f"\u201c{self.data.get(name)}\u201d, so it was not applied."
            for name in self.errors
        ]
        values = {
            name: self.options[name][self.cleaned_data[name]]
            for name in self.fields
            if self.cleaned_data.get(name)
        }
        return values, notes

    def query_string(self):
        """The valid filters as a query string, for links that keep them (pages, feeds)."""
        self.is_valid()
        return urlencode({name: value for name, value in self.cleaned_data.items() if value})


class NetworkFilterForm(ChoiceFilterForm):
    """The directory's filters."""

    kind = forms.ChoiceField(label="Kind of network", required=False)
    region = forms.ChoiceField(label="Sub-region", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)

    blanks = {"kind": "All kinds", "region": "All sub-regions", "topic": "All topics"}

    def get_options(self):
        return {
            "kind": dict(Network.Kind.choices),
            "region": {region.slug: region for region in SubRegion.objects.all()},
            "topic": {topic.slug: topic for topic in Topic.objects.all()},
        }

    def apply(self, queryset, name, key, value):
        match name:
            case "kind":
                return queryset.filter(kind=key)
            case "region":
                return queryset.filter(sub_region=value)
            case "topic":
                return queryset.filter(topics=value)


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

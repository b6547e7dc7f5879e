"""The directory's filters."""

from django import forms

from core.filters import ChoiceFilterForm
from networks.directory.models import Network
from networks.places.models import SubRegion, Topic


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

from django import forms

from .models import Network, SubRegion, Topic


class NetworkFilterForm(forms.Form):
    """The directory's filters, read from GET parameters.

    A value we do not recognise is dropped with a note rather than failing the page.
    """

    kind = forms.ChoiceField(label="Kind of network", required=False)
    region = forms.ChoiceField(label="Sub-region", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        # One query per choice list; the same rows serve validation, filtering and rendering.
        self.options = {
            "kind": dict(Network.Kind.choices),
            "region": {region.slug: region for region in SubRegion.objects.all()},
            "topic": {topic.slug: topic for topic in Topic.objects.all()},
        }
        blanks = {"kind": "All kinds", "region": "All sub-regions", "topic": "All topics"}
        for name, options in self.options.items():
            self.fields[name].choices = [("", blanks[name])] + [
                (key, str(label)) for key, label in options.items()
            ]

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

    def filter(self, queryset):
        values, notes = self.applied()
        if "kind" in values:
            queryset = queryset.filter(kind=self.cleaned_data["kind"])
        if "region" in values:
            queryset = queryset.filter(sub_region=values["region"])
        if "topic" in values:
            queryset = queryset.filter(topics=values["topic"])
        return queryset, values, notes

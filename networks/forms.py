from django import forms

from .models import Network, SubRegion, Topic


class NetworkFilterForm(forms.Form):
    """The directory's filters, read from GET parameters.

    A value we do not recognise is dropped with a note rather than failing the page.
    """

    kind = forms.ChoiceField(
        label="Kind of network", choices=[("", "All kinds"), *Network.Kind.choices], required=False
    )
    region = forms.ModelChoiceField(
        label="Sub-region",
        queryset=SubRegion.objects.all(),
        to_field_name="slug",
        empty_label="All sub-regions",
        required=False,
    )
    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label="All topics",
        required=False,
    )

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        # Evaluate each choice list once: the same rows serve validation and rendering.
        for name in ("region", "topic"):
            field = self.fields[name]
            field.queryset = field.queryset.all()
            field.choices = list(field.choices)

    def applied(self):
        """The filters that were valid, and notes on the ones that were ignored."""
        self.is_valid()
        notes = []
        for name in self.errors:
            notes.append(
                f"We did not recognise the {self.fields[name].label.lower()} "
                f"\u201c{self.data.get(name)}\u201d, so it was not applied."
            )
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        values = {name: value for name, value in values.items() if value}
        return values, notes

    def filter(self, queryset):
        values, notes = self.applied()
        if "kind" in values:
            queryset = queryset.filter(kind=values["kind"])
        if "region" in values:
            queryset = queryset.filter(sub_region=values["region"])
        if "topic" in values:
            queryset = queryset.filter(topics=values["topic"])
        return queryset, values, notes

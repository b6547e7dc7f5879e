"""The search page's filters, beside its choice of type: each narrows what it applies to, and
all of them apply together."""

from django import forms

from core.filters import ChoiceFilterForm
from networks.directory.models import Network
from networks.places.models import SubRegion

YES = "yes"


class YesCheckbox(forms.CheckboxInput):
    """A checkbox sending ?upcoming=yes, read back as the string sent (so that any other value
    is a choice we do not recognise, noted like the others)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: value == YES)

    def format_value(self, value):
        return YES

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class SearchFilterForm(ChoiceFilterForm):
    kind = forms.ChoiceField(label="Kind of network", required=False)
    region = forms.ChoiceField(label="Sub-region", required=False)
    upcoming = forms.ChoiceField(
        label="Only events still to come", required=False, widget=YesCheckbox
    )

    blanks = {"kind": "All kinds", "region": "All sub-regions", "upcoming": "Past events too"}

    def get_options(self):
        return {
            "kind": dict(Network.Kind.choices),
            "region": {region.slug: region for region in SubRegion.objects.all()},
            "upcoming": {YES: "Only events still to come"},
        }

    def filters(self):
        """({"kind": key, "region": SubRegion, "upcoming": True}, for those given and valid;
        notes on the ones ignored)."""
        values, notes = self.applied()
        if "upcoming" in self.errors:
            notes[list(self.errors).index("upcoming")] = (
                "We did not recognise what was asked of events still to come, so we show past "
                "events too."
            )
        filters = {name: self.cleaned_data[name] for name in values}
        if "region" in values:
            filters["region"] = values["region"]
        if "upcoming" in values:
            filters["upcoming"] = True
        return filters, values, notes

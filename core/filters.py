"""Filters read from a page's query string: a value we do not recognise is dropped with a
note, never an error page."""

from urllib.parse import urlencode

from django import forms


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

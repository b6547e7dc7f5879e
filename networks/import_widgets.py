"""The cells of an import file: related records looked up once per import, choices as value or
label, and the preview's changes marked with classes (networks/imports.py uses these)."""

from diff_match_patch import diff_match_patch
from django.db.models.functions import Lower
from django.utils.html import escape
from django.utils.safestring import mark_safe
from import_export import fields, resources, widgets

from .models import Topic, Venue


def key(value):
    return str(value if value is not None else "").strip().lower()


class LookupWidget(widgets.ForeignKeyWidget):
    """A related record named in a cell, found in a dictionary read once per import, with a
    message that says what was not found."""

    def __init__(self, model, field, noun, **kwargs):
        self.noun = noun
        self.found = None
        super().__init__(model, field=field, **kwargs)

    def load(self):
        queryset = self.model.objects.annotate(lookup_key=Lower(self.field))
        self.found = {}
        for obj in queryset:
            self.found.setdefault(obj.lookup_key, []).append(obj)

    def remember(self, obj):
        """A record saved earlier in this import, which later rows may name."""
        if self.found is not None:
            self.found.setdefault(key(getattr(obj, self.field)), [obj])

    def lookup(self, value):
        if self.found is None:
            self.load()
        return self.found.get(key(value), [])

    def clean(self, value, row=None, **kwargs):
        if not key(value):
            return None
        matches = self.lookup(value)
        if not matches:
            raise ValueError(f"There is no {self.noun} “{value}”.")
        if len(matches) > 1:
            raise ValueError(f"More than one {self.noun} matches “{value}”.")
        return matches[0]


class VenueWidget(LookupWidget):
    """A venue as the admin shows it: "Name, POSTCODE", or just its name when that is unique."""

    def __init__(self):
        super().__init__(Venue, "name", "venue")

    def load(self):
        super().load()
        for venue in Venue.objects.all():
            self.found.setdefault(key(f"{venue.name}, {venue.postcode}"), [venue])

    def render(self, value, obj=None, **kwargs):
        return str(value) if value else ""


class TopicsWidget(widgets.ManyToManyWidget):
    """Topic slugs separated by semicolons; every one must exist."""

    def __init__(self):
        super().__init__(Topic, field="slug", separator=";")
        self.by_slug = None

    def clean(self, value, row=None, **kwargs):
        if self.by_slug is None:
            self.by_slug = {key(t.slug): t for t in Topic.objects.all()}
        slugs = [s.strip() for s in str(value or "").split(self.separator) if s.strip()]
        missing = [s for s in slugs if key(s) not in self.by_slug]
        if missing:
            raise ValueError(f"There is no topic with the slug “{'”, “'.join(missing)}”.")
        return [self.by_slug[key(s)] for s in slugs]


class ChoiceWidget(widgets.Widget):
    """A choice written as its stored value or as its label, in any case."""

    def __init__(self, choices, noun):
        self.by_text = {}
        for value, label in choices:
            self.by_text[str(value).lower()] = value
            self.by_text[str(label).lower()] = value
        self.choices = list(choices)
        self.values = [value for value, _ in choices]
        self.noun = noun
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = key(value)
        if text in self.by_text:
            return self.by_text[text]
        raise ValueError(f"“{value}” is not a {self.noun}: use one of {', '.join(self.values)}.")

    def render(self, value, obj=None, **kwargs):
        return value or ""


def choice_field(model, name, noun):
    return fields.Field(
        attribute=name,
        column_name=name,
        widget=ChoiceWidget(model._meta.get_field(name).choices, noun),
    )


def lookup_field(name, model, field, noun):
    return fields.Field(attribute=name, column_name=name, widget=LookupWidget(model, field, noun))


class Diff(resources.Diff):
    """The preview's changes, worked out only for the rows the preview shows (it shows the
    first PREVIEW_ROWS of a long file), and marked with classes, not the inline styles
    diff_match_patch writes, which our Content-Security-Policy refuses."""

    TAGS = {-1: "del", 1: "ins"}

    def __init__(self, resource, instance, new):
        self.resource, self.original, self.new = resource, instance, new

    def compare_with(self, resource, instance):
        self.instance = instance

    def as_html(self):
        return LazyCells(self)

    def cells(self):
        left = self._read_field_values(self.resource, self.original)
        right = self.resource.preview_values(self.instance)
        for old, new in zip(left, right, strict=True):
            old, new = ("" if self.new else str(old)), str(new)
            if old == new:
                yield escape(new)
                continue
            engine = diff_match_patch()
            parts = engine.diff_main(old, new)
            engine.diff_cleanupSemantic(parts)
            yield mark_safe(
                "".join(
                    f'<{self.TAGS[op]} class="import-{self.TAGS[op]}">{escape(text)}'
                    f"</{self.TAGS[op]}>"
                    if op
                    else escape(text)
                    for op, text in parts
                )
            )


class LazyCells:
    def __init__(self, diff):
        self.diff = diff

    def __iter__(self):
        return self.diff.cells()

"""CSV and XLSX import (django-import-export) for networks, people, their roles and events.

Every row goes through the model's full_clean() (so the named constraints speak their own
friendly messages) and save(), in one transaction: the preview shows each bad row and why, and
nothing is saved until every row is good. Saving through save() means signals fire, so the page
cache and the change history (with "Imported from a file" as its reason) hear of each row.
"""

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX

from core.csv_export import FORMULA_STARTS

from .models import Event, Network, NetworkRole, Person, SubRegion, Topic, Venue


class LookupWidget(widgets.ForeignKeyWidget):
    """A related record named in a cell, with a message that says what was not found."""

    def __init__(self, model, field, noun, **kwargs):
        self.noun = noun
        super().__init__(model, field=field, **kwargs)

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {f"{self.field}__iexact": str(value).strip()}

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(f"There is no {self.noun} “{value}”.") from None
        except MultipleObjectsReturned:
            raise ValueError(f"More than one {self.noun} matches “{value}”.") from None


class VenueWidget(LookupWidget):
    """A venue as the admin shows it: "Name, POSTCODE", or just its name when that is unique."""

    def __init__(self):
        super().__init__(Venue, "name", "venue")

    def get_lookup_kwargs(self, value, row, **kwargs):
        name, _, postcode = str(value).strip().rpartition(", ")
        if name and Venue.objects.filter(name__iexact=name, postcode__iexact=postcode).exists():
            return {"name__iexact": name, "postcode__iexact": postcode}
        return {"name__iexact": str(value).strip()}

    def render(self, value, obj=None, **kwargs):
        return str(value) if value else ""


class ChoiceWidget(widgets.Widget):
    """A choice written as its stored value or as its label, in any case."""

    def __init__(self, choices, noun):
        self.by_text = {}
        for value, label in choices:
            self.by_text[str(value).lower()] = value
            self.by_text[str(label).lower()] = value
        self.values = [value for value, _ in choices]
        self.noun = noun
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
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


class ImportResource(resources.ModelResource):
    """Rows are checked like an admin form, saved one by one, and recorded in the history."""

    def before_import_row(self, row, **kwargs):
        # Our CSV export writes a leading apostrophe before anything a spreadsheet would run
        # as a formula; take it off again, so an exported file imports as it was.
        for column, value in row.items():
            if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_STARTS:
                row[column] = value[1:]

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = "Imported from a file"


class NetworkResource(ImportResource):
    kind = choice_field(Network, "kind", "kind of network")
    status = choice_field(Network, "status", "network status")
    sub_region = lookup_field("sub_region", SubRegion, "slug", "sub-region with the slug")
    parent = lookup_field("parent", Network, "slug", "network with the slug")
    topics = fields.Field(
        attribute="topics",
        column_name="topics",
        widget=widgets.ManyToManyWidget(Topic, field="slug", separator=";"),
    )

    class Meta:
        model = Network
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "kind",
            "status",
            "sub_region",
            "parent",
            "topics",
            "summary",
            "description",
            "website",
            "how_to_join",
            "display_order",
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class PersonResource(ImportResource):
    """People are matched by email address (in any case), or by name if they have none."""

    class Meta:
        model = Person
        import_id_fields = ["email"]
        fields = ["name", "email", "phone", "organisation"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_instance(self, instance_loader, row):
        email = str(row.get("email") or "").strip()
        if email:
            return Person.objects.filter(email__iexact=email).first()
        name = str(row.get("name") or "").strip()
        return Person.objects.filter(email="", name__iexact=name).first() if name else None


class NetworkRoleResource(ImportResource):
    """Who holds which role in which network: the network by slug, the person by email."""

    network = lookup_field("network", Network, "slug", "network with the slug")
    person = lookup_field("person", Person, "email", "person with the email address")
    role = choice_field(NetworkRole, "role", "role")

    class Meta:
        model = NetworkRole
        import_id_fields = ["network", "person", "role"]
        fields = ["network", "person", "role", "is_public", "confirmed_on"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class EventResource(ImportResource):
    kind = choice_field(Event, "kind", "kind of event")
    status = choice_field(Event, "status", "event status")
    attendance_mode = choice_field(Event, "attendance_mode", "way of attending")
    network = lookup_field("network", Network, "slug", "network with the slug")
    venue = fields.Field(attribute="venue", column_name="venue", widget=VenueWidget())

    class Meta:
        model = Event
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "is_published",
            "start",
            "end",
            "network",
            "organiser_name",
            "attendance_mode",
            "venue",
            "online_url",
            "summary",
            "description",
            "audience",
            "booking_url",
            "booking_email",
            "is_free",
            "cost",
            "capacity",
            "places_limited",
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class ImportFromFileMixin:
    """The admin's "Import" button: CSV or XLSX, a preview with each row's errors, then
    confirm. (Export is the CSV action every changelist has.)"""

    @property
    def import_formats(self):
        return [CSV, XLSX]

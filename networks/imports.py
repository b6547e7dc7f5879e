"""CSV and XLSX import (django-import-export) for networks, people, their roles and events.

Every row goes through the model's full_clean() (so the named constraints speak their own
friendly messages) and save(), in one transaction: the preview shows each bad row and why, and
nothing is saved until every row is good. Saving through save() means signals fire, so the page
cache and the change history (with "Imported from a file" as its reason) hear of each row.

Related records (sub-regions, topics, parents, networks, people, venues) are read once per
import into dictionaries, never once per row, so that thousands of rows preview in seconds.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from import_export import fields, resources
from import_export.results import Result

from core.csv_export import FORMULA_STARTS

from .import_bulk import save_networks, save_people
from .import_widgets import Diff, TopicsWidget, VenueWidget, choice_field, key, lookup_field
from .models import Event, Network, NetworkRole, Person, SubRegion

IMPORTED = "Imported from a file"  # the history's reason for each change


class ImportResult(Result):
    ignored_columns = ()


class ImportResource(resources.ModelResource):
    """Rows are checked like an admin form, saved one by one, and recorded in the history.

    `required` names the columns a file must have; `example` is the sample file's one row."""

    required = ()
    example = {}

    @classmethod
    def get_result_class(cls):
        return ImportResult

    @classmethod
    def rows_in_request(cls):
        """More rows than this are imported as a task (core/import_jobs.py)."""
        return settings.IMPORT_ROWS_IN_REQUEST

    @classmethod
    def get_diff_class(cls):
        return Diff

    def preview_values(self, instance):
        return [field.export(instance) for field in self.get_import_fields()]

    @classmethod
    def column_names(cls):
        if "_columns" not in cls.__dict__:  # worked out once per class, not once per row
            cls._columns = [field.column_name for field in cls().get_import_fields()]
        return cls._columns

    def before_import(self, dataset, **kwargs):
        # Staff write headers as they like: "Sub region", " Name ".
        headers = [key(h).replace(" ", "_").replace("-", "_") for h in dataset.headers or []]
        dataset.headers = headers
        columns = self.column_names()
        self.ignored_columns = [h for h in headers if h and h not in columns]
        missing = [c for c in self.required if c not in headers]
        if missing:
            dataset.wipe()
            names = ", ".join(f"“{c}”" for c in missing)
            plural = "columns" if len(missing) > 1 else "a column"
            raise ValueError(
                f"The file needs {plural} headed {names}. Download the sample file to see "
                "the columns and the values each takes."
            )

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.ignored_columns = getattr(self, "ignored_columns", ())

    def before_import_row(self, row, **kwargs):
        # Our CSV export writes a leading apostrophe before anything a spreadsheet would run
        # as a formula; take it off again, so an exported file imports as it was.
        for column, value in row.items():
            if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_STARTS:
                row[column] = value[1:]

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = IMPORTED


class BulkResource(ImportResource):
    """Rows are collected (Meta.use_bulk) and saved together at the end in save_in_bulk(), with
    what each row's signals would have done done once for the lot (import_bulk.py). Lookups are
    read once, in before_import(), into dictionaries; collected() remembers each row's record,
    so that a second row for a record new in the file changes the one already collected."""

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.user = kwargs.get("user")

    def collected(self, instance, row):
        raise NotImplementedError

    def save_in_bulk(self, new, updated, columns):
        raise NotImplementedError

    def save_instance(self, instance, is_create, row, **kwargs):
        if is_create or instance.pk is not None:
            super().save_instance(instance, is_create, row, **kwargs)
        self.collected(instance, row)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run or not (self.create_instances or self.update_instances):
            return
        try:
            columns = [column for column in self.column_names() if column in self.headers]
            self.save_in_bulk(self.create_instances, self.update_instances, columns)
            self.create_instances, self.update_instances = [], []
        except Exception as error:  # reported as the import's error, and it is rolled back
            self.handle_import_error(result, error, raise_errors)

    def bulk_update(self, *args, **kwargs):
        pass  # done with the new ones in bulk_create()


class NetworkResource(BulkResource):
    """Networks are matched by slug, or by name (in any case) when the row has no slug; a new
    network without a slug gets one made from its name, unique among all networks."""

    kind = choice_field(Network, "kind", "kind of network")
    status = choice_field(Network, "status", "network status")
    sub_region = lookup_field("sub_region", SubRegion, "slug", "sub-region with the slug")
    parent = lookup_field("parent", Network, "slug", "network with the slug")
    topics = fields.Field(attribute="topics", column_name="topics", widget=TopicsWidget())

    required = ("name",)
    example = {
        "name": "West London Registrars",
        "kind": "Practitioner network",
        "status": "Active",
        "summary": "Registrars in west London sharing collections care.",
        "website": "https://registrars.example.org/",
    }

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
        use_bulk = True
        batch_size = None  # all at the end, so that rows may name networks new in the file

    @classmethod
    def rows_in_request(cls):
        # Saved in bulk (import_bulk.py): 5,000 import in about 2 s.
        return 10 * settings.IMPORT_ROWS_IN_REQUEST

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        if "slug" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="slug")
        self.headers = list(dataset.headers)
        self.by_slug, self.by_name, self.topics = {}, {}, {}
        for network in Network.objects.select_related("sub_region"):
            self.remember(network)
        # Each network's topics, for telling an unchanged row from a changed one: read here,
        # not prefetched onto the networks, which import-export copies for every row.
        self.topics_now = {}
        for network_id, topic_id in Network.topics.through.objects.values_list(
            "network_id", "topic_id"
        ):
            self.topics_now.setdefault(network_id, set()).add(topic_id)

    def remember(self, network):
        self.by_slug[network.slug] = network
        named = self.by_name.setdefault(key(network.name), [])
        if not any(other is network for other in named):
            named.append(network)
        self.fields["parent"].widget.remember(network)

    def get_instance(self, instance_loader, row):
        slug = key(row.get("slug"))
        if slug:
            return self.by_slug.get(slug)
        named = self.by_name.get(key(row.get("name")), [])
        return named[0] if len(named) == 1 else None

    def preview_values(self, instance):
        # Topics are set after the networks are saved: show the ones this file gives.
        values = super().preview_values(instance)
        if id(instance) in self.topics:
            columns = self.column_names()
            values[columns.index("topics")] = ";".join(t.slug for t in self.topics[id(instance)])
        return values

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: an existing network whose every column in the file says what it has
        now. (import-export's own check reads each network's topics and parent again.)"""
        if import_validation_errors or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            if field.column_name == "topics":
                self.topics[id(instance)] = field.clean(row)
                wanted = {topic.pk for topic in self.topics[id(instance)]}
                if wanted != self.topics_now.get(original.pk, set()):
                    return False
                continue
            attname = Network._meta.get_field(field.attribute).attname
            if getattr(instance, attname) != getattr(original, attname):
                return False
        return True

    def unique_slug(self, name):
        base = slugify(name)[:190] or "network"
        slug, n = base, 1
        while slug in self.by_slug:
            n += 1
            slug = f"{base}-{n}"
        return slug

    def import_instance(self, instance, row, **kwargs):
        slug = instance.slug
        super().import_instance(instance, row, **kwargs)
        if not instance.slug:  # a network found by its name keeps its slug
            instance.slug = slug or (self.unique_slug(instance.name) if instance.name else "")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The lookups found the sub-region and parent, and slugs are matched or made unique
        # above: full_clean need not ask the database again for each row. (Model.clean still
        # checks that a network is not its own parent.)
        # Fields no file sets are left out too, and with them the constraints on them alone
        # (each would be a query per row).
        errors = dict(import_validation_errors or {})
        columns = self.column_names()
        unset = [f.name for f in Network._meta.fields if f.name not in columns]
        try:
            instance.full_clean(
                exclude=[*errors, *unset, "sub_region", "parent"], validate_unique=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def collected(self, instance, row):
        if "topics" in row:
            self.topics[id(instance)] = self.fields["topics"].clean(row)
        self.remember(instance)

    def save_in_bulk(self, new, updated, columns):
        save_networks(new, updated, columns, self.topics, self.user, IMPORTED)


class PersonResource(BulkResource):
    """People are matched by email address (in any case), or by name if they have none. Everyone
    is read once and the rows are saved in bulk (import_bulk.py), not several queries a row."""

    required = ("name",)
    example = {
        "name": "Ada Lovelace",
        "email": "ada@museum.example",
        "phone": "020 7946 0000",
        "organisation": "Tram Museum",
    }

    class Meta:
        model = Person
        import_id_fields = ["email"]
        fields = ["name", "email", "phone", "organisation"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = True
        batch_size = None  # all at the end, so that a second row for a new person finds it

    @classmethod
    def rows_in_request(cls):
        # Saved in bulk: 5,000 people preview and import in a few seconds.
        return 10 * settings.IMPORT_ROWS_IN_REQUEST

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        if "email" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="email")
        self.headers = list(dataset.headers)
        self.by_email, self.by_name = {}, {}
        for person in Person.objects.order_by("name", "pk"):
            self.remember(person)

    def remember(self, person):
        if person.email:
            self.by_email[key(person.email)] = person
        else:
            self.by_name.setdefault(key(person.name), person)

    def get_instance(self, instance_loader, row):
        email = key(row.get("email"))
        if email:
            return self.by_email.get(email)
        name = key(row.get("name"))
        return self.by_name.get(name) if name else None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # A row with an email address is matched to whoever has it (get_instance), so the
        # address cannot clash: Person.clean's query and the unique constraint's, once a row
        # each, are not needed. The fields are still checked (an email address that is not one).
        errors = dict(import_validation_errors or {})
        try:
            instance.clean_fields(exclude=list(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def collected(self, instance, row):
        self.remember(instance)

    def save_in_bulk(self, new, updated, columns):
        save_people(new, updated, columns, self.user, IMPORTED)


class NetworkRoleResource(ImportResource):
    """Who holds which role in which network: the network by slug, the person by email."""

    network = lookup_field("network", Network, "slug", "network with the slug")
    person = lookup_field("person", Person, "email", "person with the email address")
    role = choice_field(NetworkRole, "role", "role")

    required = ("network", "person", "role")
    example = {
        "network": "west-london-registrars",
        "person": "ada@museum.example",
        "role": "Chair",
        "is_public": "1",
        "confirmed_on": "2026-03-02",
    }

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

    required = ("slug", "title", "kind", "start")
    example = {
        "slug": "collections-care-workshop",
        "title": "Collections care workshop",
        "kind": "mdo_training",
        "start": "2027-02-03 10:00",
        "end": "2027-02-03 13:00",
        "organiser_name": "MDO team",
        "summary": "A morning on storage and handling.",
        "is_free": "1",
    }

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

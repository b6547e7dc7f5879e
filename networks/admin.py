import datetime

from django.contrib import admin, messages
from django.db.models import Count
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportMixin

from config.admin_site import DASHBOARD_EVENT_DAYS, ExportCsvMixin, HistoryAdmin
from mentoring.admin import NotificationInline, SubmissionAdmin

from .imports import (
    EventResource,
    ImportFromFileMixin,
    NetworkResource,
    NetworkRoleResource,
    PersonResource,
)
from .models import (
    Event,
    Network,
    NetworkRole,
    PageSection,
    Person,
    SubRegion,
    Suggestion,
    Topic,
    Venue,
)


class AwaitingUpdateFilter(admin.SimpleListFilter):
    title = "contact details"
    parameter_name = "awaiting_update"

    def lookups(self, request, model_admin):
        return [("yes", "Awaiting update"), ("no", "Confirmed public contact")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_confirmed_contact=False)
        if self.value() == "no":
            return queryset.filter(has_confirmed_contact=True)
        return queryset


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "needs review"
    parameter_name = "needs_review"

    def lookups(self, request, model_admin):
        return [("yes", "Not confirmed within the period"), ("no", "Confirmed recently")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.public().filter(needs_review=True)
        if self.value() == "no":
            return queryset.filter(needs_review=False)
        return queryset


class NetworkRoleInline(admin.TabularInline):
    model = NetworkRole
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "role", "is_public", "confirmed_on"]


@admin.register(Network)
class NetworkAdmin(ImportFromFileMixin, ImportMixin, HistoryAdmin):
    resource_classes = [NetworkResource]
    list_display = [
        "name",
        "kind",
        "sub_region",
        "status",
        "display_order",
        "awaiting_update",
        "last_confirmed_on",
        "needs_review",
    ]
    list_filter = [
        "kind",
        "sub_region",
        "status",
        AwaitingUpdateFilter,
        NeedsReviewFilter,
        "topics",
    ]
    list_select_related = ["sub_region"]
    list_editable = ["display_order"]
    search_fields = ["name", "summary", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "topics", "sub_region"]
    inlines = [NetworkRoleInline]
    readonly_fields = ["open_suggestions"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "sub_region", "parent", "topics"]}),
        ("What the public sees", {"fields": ["summary", "description", "website", "how_to_join"]}),
        ("Ordering", {"fields": ["display_order"]}),
        ("Suggested updates", {"fields": ["open_suggestions"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_contact_status()

    @admin.display(boolean=True, description="Awaiting update", ordering="has_confirmed_contact")
    def awaiting_update(self, network):
        return not network.has_confirmed_contact

    @admin.display(description="Last confirmed", ordering="last_confirmed_on")
    def last_confirmed_on(self, network):
        return network.last_confirmed_on

    @admin.display(boolean=True, description="Needs review", ordering="needs_review")
    def needs_review(self, network):
        return network.needs_review

    @admin.display(description="Open suggestions")
    def open_suggestions(self, network):
        suggestions = network.suggestions.open() if network.pk else []
        if not suggestions:
            return "None"
        return format_html_join(
            format_html("<br>"),
            '<a href="{}">{}</a>: {}',
            ((admin_change_url(s), s.reference, s.get_kind_display()) for s in suggestions),
        )


class PersonRoleInline(admin.TabularInline):
    model = NetworkRole
    extra = 0
    autocomplete_fields = ["network"]
    fields = ["network", "role", "is_public", "confirmed_on"]


@admin.register(Person)
class PersonAdmin(ImportFromFileMixin, ImportMixin, HistoryAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "email", "organisation", "role_count", "reminder_sent_at"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = ["reminder_sent_at", "reminder_answered_at"]
    inlines = [PersonRoleInline, NotificationInline]

    def get_queryset(self, request):
        # Aggregating drops Meta.ordering, which paging and autocomplete need.
        queryset = super().get_queryset(request).annotate(role_count=Count("roles"))
        return queryset.order_by(*Person._meta.ordering)

    @admin.display(description="Roles", ordering="role_count")
    def role_count(self, person):
        return person.role_count


@admin.register(NetworkRole)
class NetworkRoleAdmin(ImportFromFileMixin, ImportMixin, HistoryAdmin):
    resource_classes = [NetworkRoleResource]
    list_display = ["person", "role", "network", "is_public", "confirmed_on"]
    list_filter = ["role", "is_public", "network__kind"]
    list_select_related = ["person", "network"]
    search_fields = ["person__name", "person__email", "network__name"]
    autocomplete_fields = ["person", "network"]
    date_hierarchy = "confirmed_on"


@admin.register(SubRegion)
class SubRegionAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["name", "display_order"]
    list_editable = ["display_order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PageSection)
class PageSectionAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["heading", "key", "display_order"]
    search_fields = ["heading", "body"]

    def get_readonly_fields(self, request, obj=None):
        # The key decides where the text appears; changing it would hide the text.
        return ["key"] if obj else []


class WhenFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("soon", f"In the next {DASHBOARD_EVENT_DAYS} days"),
            ("upcoming", "Upcoming"),
            ("past", "Past"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "soon":
            return queryset.starting_within(datetime.timedelta(DASHBOARD_EVENT_DAYS))
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.past()
        return queryset


@admin.register(Event)
class EventAdmin(ImportFromFileMixin, ImportMixin, HistoryAdmin):
    resource_classes = [EventResource]
    list_display = ["title", "start", "kind", "organiser", "status", "is_published"]
    list_filter = [WhenFilter, "kind", "status", "is_published", "network", "attendance_mode"]
    list_select_related = ["network"]
    search_fields = ["title", "summary", "organiser_name", "network__name", "venue__name"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "network"]
    actions = ["duplicate_as_drafts", "cancel_events"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "is_published"]}),
        ("When", {"fields": ["start", "end"]}),
        ("Where", {"fields": ["attendance_mode", "venue", "online_url"]}),
        ("Who runs it and who it is for", {"fields": ["network", "organiser_name", "audience"]}),
        ("What the public sees", {"fields": ["summary", "description"]}),
        (
            "Booking",
            {
                "fields": [
                    "booking_url",
                    "booking_email",
                    "is_free",
                    "cost",
                    "capacity",
                    "places_limited",
                ]
            },
        ),
    ]

    @admin.display(description="Organiser", ordering="network__name")
    def organiser(self, event):
        return event.organiser

    @admin.action(description="Duplicate as unpublished drafts (for repeated sessions)")
    def duplicate_as_drafts(self, request, queryset):
        copies = [event.copy_as_draft() for event in queryset]
        self.message_user(
            request,
            f"Made {len(copies)} draft cop{pluralize(len(copies), 'y,ies')}: "
            f"{', '.join(copy.slug for copy in copies)}. Set their dates, then publish them.",
            messages.SUCCESS,
        )

    @admin.action(description="Cancel the selected events")
    def cancel_events(self, request, queryset):
        cancelled = queryset.cancel()
        self.message_user(
            request,
            f"Cancelled {cancelled} event{pluralize(cancelled)}. They stay on the site and in "
            "calendar feeds, marked as cancelled.",
            messages.SUCCESS,
        )


@admin.register(Venue)
class VenueAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["name", "postcode", "sub_region"]
    list_filter = ["sub_region"]
    list_select_related = ["sub_region"]
    search_fields = ["name", "address", "postcode"]
    autocomplete_fields = ["sub_region"]


@admin.register(Suggestion)
class SuggestionAdmin(SubmissionAdmin):
    """Suggested updates from the public and from contacts. What they said is read-only; staff
    make the change on the network, then mark the suggestion done (or rejected)."""

    list_display = ["reference", "network", "kind", "status", "from_contact", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["network", "person"]
    search_fields = ["reference", "network__name", "details", "email", "person__name"]
    readonly_fields = [
        *SubmissionAdmin.readonly_fields,
        "network_link",
        "kind",
        "details",
        "email",
        "person",
    ]
    actions = ["mark_done", "mark_rejected"]
    fieldsets = [
        (None, {"fields": ["reference", "status", "status_changed_at", "staff_notes"]}),
        (
            "What they told us",
            {"fields": ["network_link", "kind", "details", "email", "person", "created_at"]},
        ),
        ("Personal data", {"fields": ["anonymised_at"]}),
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Network")
    def network_link(self, suggestion):
        return format_html(
            '<a href="{}">Edit {}</a>',
            admin_change_url(suggestion.network),
            suggestion.network,
        )

    @admin.display(description="From", ordering="person__name")
    def from_contact(self, suggestion):
        if suggestion.person_id:
            return f"Contact: {suggestion.person.name}"
        return "Public form"

    def _resolve(self, request, queryset, status):
        changed = 0
        for suggestion in queryset.exclude(status=status):
            suggestion.change_status(status, by=request.user)
            changed += 1
        label = Suggestion.Status(status).label.lower()
        self.message_user(
            request, f"Marked {changed} suggestion{pluralize(changed)} {label}.", messages.SUCCESS
        )

    @admin.action(description="Mark the selected suggestions done", permissions=["change"])
    def mark_done(self, request, queryset):
        self._resolve(request, queryset, Suggestion.Status.DONE)

    @admin.action(description="Mark the selected suggestions rejected", permissions=["change"])
    def mark_rejected(self, request, queryset):
        self._resolve(request, queryset, Suggestion.Status.REJECTED)


def admin_change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


# Kept in their own modules; registered when the admin loads this one.
from . import resource_admin  # noqa: E402, F401

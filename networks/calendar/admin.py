"""Admin for the calendar: events and venues."""

import datetime

from django.contrib import admin, messages
from django.template.defaultfilters import pluralize
from import_export.admin import ImportMixin

from core.admin import ExportCsvMixin, HistoryAdmin
from networks.booking.admin import BookingInline, no_shows
from networks.booking.places import places, with_places
from networks.import_admin import ImportFromFileMixin
from networks.imports import (
    EventResource,
)

from .models import Event, Venue

# The dashboard counts events in the next this many days; the events list filters the same way.
DASHBOARD_EVENT_DAYS = 30


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
    list_display = ["title", "start", "kind", "organiser", "status", "is_published", "booked"]
    # By kind of network, not by network: a list of every network (2,000 at scale) made the
    # page slow to build and to read. Search finds a network's events by its name.
    list_filter = [WhenFilter, "kind", "status", "is_published", "network__kind", "attendance_mode"]
    list_select_related = ["network"]
    search_fields = ["title", "summary", "organiser_name", "network__name", "venue__name"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "network", "topics"]
    actions = ["duplicate_as_drafts", "cancel_events"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "is_published"]}),
        ("When", {"fields": ["start", "end"]}),
        ("Where", {"fields": ["attendance_mode", "venue", "online_url"]}),
        ("Who runs it and who it is for", {"fields": ["network", "organiser_name", "audience"]}),
        ("What the public sees", {"fields": ["summary", "description", "topics"]}),
        (
            "Image",
            {
                "fields": ["image", "image_alt"],
                "description": "Optional. Shown on the event's page, and to search engines.",
            },
        ),
        (
            "Booking",
            {
                "fields": [
                    "booking_mode",
                    "booking_url",
                    "booking_email",
                    "is_free",
                    "cost",
                    "capacity",
                    "places_limited",
                    "booking_closes",
                    "ask_access_needs",
                    "ask_dietary_needs",
                    "one_place_per_museum",
                    "places_now",
                ],
                "description": "Booking on this site keeps the list of bookings and the waiting "
                "list below, emails everyone booked and waiting when the event is cancelled or "
                "moved, and offers freed places to the people waiting.",
            },
        ),
    ]
    readonly_fields = ["places_now"]

    def get_inlines(self, request, obj):
        # The bookings and the waiting list, for an event booked on this site.
        return [BookingInline] if obj is not None and obj.books_here else []

    def get_queryset(self, request):
        return no_shows(with_places(super().get_queryset(request)))

    @admin.display(description="Booked here")
    def booked(self, event):
        if not event.books_here:
            return ""
        return f"{event.places_taken} of {event.capacity}, {event.waiting} waiting"

    @admin.display(description="Places now")
    def places_now(self, event):
        counted = places(event) if event.pk else None
        if counted is None:
            return "Not booked on this site."
        text = (
            f"{counted.taken} of {counted.capacity} places taken, {counted.left} left, "
            f"{counted.waiting} waiting."
        )
        if getattr(event, "no_shows", 0):
            text += f" {event.no_shows} booked but did not come."
        return f"{text} {counted.closed}." if counted.closed else text

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

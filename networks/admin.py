from django.contrib import admin, messages
from django.db.models import Count
from django.template.defaultfilters import pluralize

from .models import Event, Network, NetworkRole, PageSection, Person, SubRegion, Topic, Venue


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


class NetworkRoleInline(admin.TabularInline):
    model = NetworkRole
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "role", "is_public", "confirmed_on"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "sub_region",
        "status",
        "display_order",
        "awaiting_update",
        "last_confirmed_on",
    ]
    list_filter = ["kind", "sub_region", "status", AwaitingUpdateFilter, "topics"]
    list_select_related = ["sub_region"]
    list_editable = ["display_order"]
    search_fields = ["name", "summary", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "topics", "sub_region"]
    inlines = [NetworkRoleInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "sub_region", "parent", "topics"]}),
        ("What the public sees", {"fields": ["summary", "description", "website", "how_to_join"]}),
        ("Ordering", {"fields": ["display_order"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_contact_status()

    @admin.display(boolean=True, description="Awaiting update", ordering="has_confirmed_contact")
    def awaiting_update(self, network):
        return not network.has_confirmed_contact

    @admin.display(description="Last confirmed", ordering="last_confirmed_on")
    def last_confirmed_on(self, network):
        return network.last_confirmed_on


class PersonRoleInline(admin.TabularInline):
    model = NetworkRole
    extra = 0
    autocomplete_fields = ["network"]
    fields = ["network", "role", "is_public", "confirmed_on"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organisation", "role_count"]
    search_fields = ["name", "email", "organisation"]
    inlines = [PersonRoleInline]

    def get_queryset(self, request):
        # Aggregating drops Meta.ordering, which paging and autocomplete need.
        queryset = super().get_queryset(request).annotate(role_count=Count("roles"))
        return queryset.order_by(*Person._meta.ordering)

    @admin.display(description="Roles", ordering="role_count")
    def role_count(self, person):
        return person.role_count


@admin.register(NetworkRole)
class NetworkRoleAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "network", "is_public", "confirmed_on"]
    list_filter = ["role", "is_public", "network__kind"]
    list_select_related = ["person", "network"]
    search_fields = ["person__name", "person__email", "network__name"]
    autocomplete_fields = ["person", "network"]
    date_hierarchy = "confirmed_on"


@admin.register(SubRegion)
class SubRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "display_order"]
    list_editable = ["display_order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PageSection)
class PageSectionAdmin(admin.ModelAdmin):
    list_display = ["heading", "key", "display_order"]
    search_fields = ["heading", "body"]

    def get_readonly_fields(self, request, obj=None):
        # The key decides where the text appears; changing it would hide the text.
        return ["key"] if obj else []


class WhenFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("past", "Past")]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.past()
        return queryset


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
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
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "postcode", "sub_region"]
    list_filter = ["sub_region"]
    list_select_related = ["sub_region"]
    search_fields = ["name", "address", "postcode"]
    autocomplete_fields = ["sub_region"]

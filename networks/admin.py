from django.contrib import admin
from django.db.models import Count

from .models import Network, NetworkRole, PageSection, Person, SubRegion, Topic


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

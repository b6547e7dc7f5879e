"""Admin for the directory: networks, people and their roles."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from import_export.admin import ImportMixin

from core.admin import HistoryAdmin, NotificationInline, admin_change_url
from networks.import_admin import ImportFromFileMixin
from networks.imports import (
    NetworkResource,
    NetworkRoleResource,
    PersonResource,
)

from .models import Network, NetworkRole, Person


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
        "changes_need_review",
        "topics",
    ]
    list_select_related = ["sub_region"]
    list_editable = ["display_order"]
    search_fields = ["name", "summary", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "successor", "topics", "sub_region"]
    inlines = [NetworkRoleInline]
    readonly_fields = ["open_suggestions"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "sub_region", "parent", "topics"]}),
        ("What the public sees", {"fields": ["summary", "description", "website", "how_to_join"]}),
        (
            "If it has closed",
            {
                "fields": ["closed_on", "closure_note", "successor"],
                "description": "A closed network leaves the directory, search and open data; "
                "its address says it has closed, with these details.",
            },
        ),
        ("Ordering", {"fields": ["display_order"]}),
        (
            "Changes by its contacts",
            {
                "fields": ["changes_need_review"],
                "description": "Its contacts can change its page and meetings once signed in. "
                "Cancelled meetings and their own details are always published at once.",
            },
        ),
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
            mark_safe("<br>"),
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

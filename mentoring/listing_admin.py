"""The register in the back office: the skills staff keep, and approving or hiding listings."""

from django.contrib import admin, messages
from django.utils.html import format_html

from core.admin import ExportCsvMixin

from .models import Listing, Skill, Volunteer


@admin.register(Skill)
class SkillAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Listing)
class ListingAdmin(ExportCsvMixin, admin.ModelAdmin):
    """Listings volunteers asked for: none is public until staff approve it."""

    list_display = ["shown_as", "volunteer_link", "status", "volunteer_status", "updated_at"]
    list_filter = ["status", "volunteer__status", "skills", "sub_regions"]
    list_select_related = ["volunteer"]
    search_fields = ["chosen_name", "volunteer__name", "volunteer__reference"]
    autocomplete_fields = ["skills", "sub_regions"]
    readonly_fields = ["volunteer_link", "created_at", "updated_at"]
    fields = [
        "volunteer_link",
        "status",
        "chosen_name",
        ("shows_mentoring", "shows_peer_review", "shows_speaking"),
        "skills",
        "sub_regions",
        "created_at",
        "updated_at",
    ]
    actions = ["approve", "hide"]

    def has_add_permission(self, request):
        # Only the volunteer chooses to be listed, on the form or from their email's link.
        return False

    @admin.display(description="Shown as", ordering="chosen_name")
    def shown_as(self, listing):
        return listing.display_name

    @admin.display(description="Volunteer", ordering="volunteer__name")
    def volunteer_link(self, listing):
        return format_html(
            '<a href="{}">{}</a>', listing.volunteer.get_admin_url(), listing.volunteer
        )

    @admin.display(description="Volunteer status", ordering="volunteer__status")
    def volunteer_status(self, listing):
        return listing.volunteer.get_status_display()

    def _set_status(self, request, queryset, status):
        changed = 0
        for listing in queryset.exclude(status=status):
            listing.status = status
            listing.save(update_fields=["status", "updated_at"])
            changed += 1
        return changed

    @admin.action(
        description="Approve the selected listings (show them in the register)",
        permissions=["change"],
    )
    def approve(self, request, queryset):
        changed = self._set_status(request, queryset, Listing.Status.APPROVED)
        self.message_user(request, f"Approved {changed} listing{'s' if changed != 1 else ''}.")
        inactive = queryset.exclude(volunteer__status=Volunteer.Status.ACTIVE).count()
        if inactive:
            self.message_user(
                request,
                f"{inactive} of them {'is' if inactive == 1 else 'are'} not shown yet: the "
                "register shows only active volunteers.",
                messages.WARNING,
            )

    @admin.action(
        description="Hide the selected listings from the register", permissions=["change"]
    )
    def hide(self, request, queryset):
        changed = self._set_status(request, queryset, Listing.Status.HIDDEN)
        self.message_user(request, f"Hid {changed} listing{'s' if changed != 1 else ''}.")

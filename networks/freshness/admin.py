"""Admin for suggested updates to the directory."""

from django.contrib import admin, messages
from django.template.defaultfilters import pluralize
from django.utils.html import format_html

from core.admin import SubmissionAdmin, admin_change_url

from .models import Suggestion


@admin.register(Suggestion)
class SuggestionAdmin(SubmissionAdmin):
    """Suggested updates from the public and from contacts. What they said is read-only; staff
    make the change on the network, then mark the suggestion done (or rejected)."""

    list_display = [
        "reference",
        "network",
        "kind",
        "status",
        "from_contact",
        "closed_by",
        "created_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["network", "person", "closed_by_contact"]
    search_fields = ["reference", "network__name", "details", "email", "person__name"]
    readonly_fields = [
        *SubmissionAdmin.readonly_fields,
        "network_link",
        "kind",
        "details",
        "email",
        "share_email",
        "person",
        "closed_by_contact",
    ]
    actions = ["mark_done", "mark_rejected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "status",
                    "status_changed_at",
                    "closed_by_contact",
                    "staff_notes",
                ]
            },
        ),
        (
            "What they told us",
            {
                "fields": [
                    "network_link",
                    "kind",
                    "details",
                    "email",
                    "share_email",
                    "person",
                    "created_at",
                ]
            },
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

    @admin.display(description="Closed by", ordering="closed_by_contact__name")
    def closed_by(self, suggestion):
        if suggestion.closed_by_contact_id:
            return f"Contact: {suggestion.closed_by_contact.name}"
        return ""

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

"""Bookings in the back office: on each event's page (booked, offered, waiting, and who came),
and as a list to filter, export as CSV and mark attendance on after the event."""

from django.contrib import admin, messages
from django.template.defaultfilters import pluralize
from django.utils import timezone

from core.admin import ExportCsvMixin

from .models import Booking
from .places import bookings_counted

BOOKING_FIELDS = ["reference", "name", "email", "organisation", "status", "attended"]


def no_shows(events):
    """Annotate events with `no_shows`: people booked who were marked as not having come."""
    return events.annotate(no_shows=bookings_counted(status=Booking.Status.BOOKED, attended=False))


class BookingInline(admin.TabularInline):
    model = Booking
    fields = [*BOOKING_FIELDS, "access_needs", "dietary_needs", "created_at"]
    readonly_fields = [
        "reference",
        "name",
        "email",
        "organisation",
        "status",
        "access_needs",
        "dietary_needs",
        "created_at",
    ]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = "booking or place on the waiting list"
    verbose_name_plural = "Bookings and the waiting list (mark who came after the event)"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Booking)
class BookingAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "name",
        "event",
        "organisation",
        "status",
        "attended",
        "created_at",
    ]
    list_filter = ["status", "attended", ("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["event"]
    search_fields = ["reference", "name", "email", "organisation", "event__title"]
    date_hierarchy = "created_at"
    actions = ["mark_came", "mark_did_not_come"]
    csv_export_exclude = ("submission_token", "staff_notes")
    fields = [
        "event",
        "reference",
        "status",
        "offer_expires_at",
        "name",
        "email",
        "organisation",
        "access_needs",
        "dietary_needs",
        "attended",
        "staff_notes",
        "created_at",
        "reminded_at",
        "anonymised_at",
    ]
    readonly_fields = [
        "event",
        "reference",
        "status",
        "offer_expires_at",
        "name",
        "email",
        "organisation",
        "access_needs",
        "dietary_needs",
        "created_at",
        "reminded_at",
        "anonymised_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _mark(self, request, queryset, came):
        over = queryset.filter(status=Booking.Status.BOOKED, event__end__lte=timezone.now())
        count = over.update(attended=came, updated_at=timezone.now())
        skipped = queryset.count() - count
        note = (
            f" {skipped} left as they were: only booked places of events that are over."
            if skipped
            else ""
        )
        verb = "came" if came else "did not come"
        self.message_user(
            request, f"Marked {count} booking{pluralize(count)} as {verb}.{note}", messages.SUCCESS
        )

    @admin.action(description="Mark as came (after the event)", permissions=["change"])
    def mark_came(self, request, queryset):
        self._mark(request, queryset, True)

    @admin.action(description="Mark as did not come (after the event)", permissions=["change"])
    def mark_did_not_come(self, request, queryset):
        self._mark(request, queryset, False)

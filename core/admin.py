"""Admin pieces for any app: CSV export on every list, a "History" page, and the admin of
records made by public forms (their status log and the emails about them), with the outbox of
emails itself."""

import datetime

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, ActionLocation
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import notifications
from .changelists import QuickListMixin
from .csv_export import csv_response
from .models import Notification, StatusChange


@admin.action(description="Export the selected rows as CSV")
def export_as_csv(modeladmin, request, queryset):
    """Every field of the selected rows; or, where the list can be imported, the same columns
    the import takes, so an export can be edited and imported back."""
    meta = modeladmin.model._meta
    filename = f"{meta.verbose_name_plural}-{timezone.localdate():%Y-%m-%d}.csv".replace(" ", "-")
    resource_classes = getattr(modeladmin, "resource_classes", None)
    if resource_classes:
        dataset = resource_classes[0]().export(queryset=queryset)
        return csv_response(filename, dataset.headers, dataset)
    fields = [
        field
        for field in meta.get_fields()
        if field.concrete and field.name not in modeladmin.csv_export_exclude
    ]
    related = [f.name for f in fields if f.is_relation and not f.many_to_many]
    many = [f.name for f in fields if f.many_to_many]
    if related:
        queryset = queryset.select_related(*related)
    rows = (
        [export_value(record, field) for field in fields]
        for record in queryset.prefetch_related(*many)
    )
    return csv_response(filename, [str(field.verbose_name) for field in fields], rows)


def export_value(record, field):
    if field.many_to_many:
        return "; ".join(str(item) for item in getattr(record, field.name).all())
    if field.choices:
        return getattr(record, f"get_{field.name}_display")()
    value = getattr(record, field.name)
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return "" if value is None else value


class ExportCsvMixin(QuickListMixin):
    """Offers `export_as_csv` on the changelist to anyone who can see it."""

    # Fields never worth exporting: one-time form tokens.
    csv_export_exclude = ("submission_token",)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if actions is not None and self.actions is not None and IS_POPUP_VAR not in request.GET:
            action = self.get_action(export_as_csv, action_location)
            if action and self.has_view_permission(request):
                actions.setdefault(action.name, action)
        return actions


class HistoryAdmin(ExportCsvMixin, SimpleHistoryAdmin):
    """A list with CSV export and, on each record, a "History" page of who changed what."""


class StatusChangeInline(GenericTabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["new_status", "changed_at", "changed_by"]
    readonly_fields = fields
    verbose_name_plural = "status history"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    @admin.display(description="status")
    def new_status(self, change):
        return dict(self.parent_model.Status.choices).get(change.status, change.status)


class NotificationInline(GenericTabularInline):
    model = Notification
    extra = 0
    can_delete = False
    fields = ["kind", "to", "subject", "created_at", "sent_at", "attempts", "last_error"]
    readonly_fields = fields
    verbose_name_plural = "emails about this record"

    def has_add_permission(self, request, obj=None):
        return False


class SubmissionAdmin(ExportCsvMixin, admin.ModelAdmin):
    """Records from the public forms, of any app: read-only what the sender said they agreed
    to, a dated log of every status change staff make, and the emails about the record."""

    readonly_fields = [
        "reference",
        "status_changed_at",
        "created_at",
        "privacy_consent_at",
        "privacy_notice_version",
        "anonymised_at",
    ]
    inlines = [StatusChangeInline, NotificationInline]

    def save_model(self, request, obj, form, change):
        status_changed = change and "status" in form.changed_data
        if status_changed:
            obj.status_changed_at = timezone.now()
        super().save_model(request, obj, form, change)
        if status_changed:
            obj.log_status(by=request.user)


class SentFilter(admin.SimpleListFilter):
    title = "sent"
    parameter_name = "sent"

    def lookups(self, request, model_admin):
        return [("no", "Not sent yet"), ("yes", "Sent")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(sent_at__isnull=self.value() == "no")
        return queryset


@admin.register(Notification)
class NotificationAdmin(ExportCsvMixin, admin.ModelAdmin):
    """Every email the site has sent or owes. Read-only: staff can only send again."""

    list_display = [
        "subject",
        "to",
        "kind",
        "created_at",
        "sent_at",
        "attempts",
        "error",
        "about_link",
    ]
    list_filter = [SentFilter, "kind"]
    search_fields = ["to", "subject"]
    actions = ["send_again"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_send_permission(self, request):
        return request.user.has_perm("core.change_notification")

    @admin.display(description="Last error")
    def error(self, notification):
        return notification.last_error[:120]

    @admin.display(description="About")
    def about_link(self, notification):
        if not notification.content_type_id:
            return "-"
        content_type = ContentType.objects.get_for_id(notification.content_type_id)
        label = f"{content_type.name} {notification.object_id}"
        try:
            url = reverse(
                f"admin:{content_type.app_label}_{content_type.model}_change",
                args=[notification.object_id],
            )
        except NoReverseMatch:  # A kind of record the admin does not show.
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.action(description="Send the selected unsent emails again", permissions=["send"])
    def send_again(self, request, queryset):
        queued = notifications.resend(queryset)
        skipped = queryset.count() - queued
        self.message_user(
            request,
            f"{queued} email{'s' if queued != 1 else ''} queued to send again. Refresh this list "
            "to see which have gone."
            + (f" {skipped} had been sent already and were left alone." if skipped else ""),
            messages.SUCCESS if queued else messages.WARNING,
        )


def admin_change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])

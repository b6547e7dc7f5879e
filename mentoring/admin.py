from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timezone import localtime
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ExportCsvMixin, SubmissionAdmin
from core.csv_export import csv_response

from .models import Match, Role, SupportRequest, Volunteer


class MatchInline(admin.TabularInline):
    model = Match
    extra = 0
    can_delete = False
    show_change_link = True
    fields = [
        "volunteer",
        "support_request",
        "role",
        "started_on",
        "agreement_signed_on",
        "next_review_on",
        "ended_on",
    ]
    readonly_fields = fields
    verbose_name_plural = "matches (add or end them under Matches)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("volunteer", "support_request")


class RoleOfferedFilter(admin.SimpleListFilter):
    title = "role offered"
    parameter_name = "offers"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        field = Volunteer.ROLE_FIELDS.get(self.value())
        return queryset.filter(**{field: True}) if field else queryset


class RoomFilter(admin.SimpleListFilter):
    title = "room for another museum"
    parameter_name = "room"

    def lookups(self, request, model_admin):
        return [("yes", "Active, with room"), ("no", "At or over their limit")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status=Volunteer.Status.ACTIVE, current_load__lt=F("capacity"))
        if self.value() == "no":
            return queryset.filter(current_load__gte=F("capacity"))
        return queryset


class OpenRequestFilter(admin.SimpleListFilter):
    title = "open"
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", "Open (new or in progress)")]

    def queryset(self, request, queryset):
        return queryset.open() if self.value() == "yes" else queryset


@admin.register(Volunteer)
class VolunteerAdmin(SubmissionAdmin, SimpleHistoryAdmin):
    inlines = [MatchInline, *SubmissionAdmin.inlines]
    list_display = [
        "reference",
        "name",
        "organisation",
        "roles",
        "status",
        "load",
        "status_changed_at",
        "created_at",
    ]
    list_filter = [
        "status",
        RoleOfferedFilter,
        RoomFilter,
        "accreditation_experience",
        "sub_regions",
        "expertise",
        "opportunities_consent",
    ]
    search_fields = ["reference", "name", "email", "organisation", "job_title"]
    autocomplete_fields = ["expertise", "sub_regions"]
    actions = ["export_csv"]
    fieldsets = [
        (None, {"fields": ["reference", "status", "status_changed_at", "staff_notes"]}),
        ("Contact", {"fields": ["name", "email", "phone", "job_title", "organisation"]}),
        (
            "What they offer",
            {
                "fields": [
                    ("offers_mentoring", "offers_peer_review", "offers_speaking"),
                    "capacity",
                    "expertise",
                    "accreditation_experience",
                    "sub_regions",
                    "availability",
                ]
            },
        ),
        (
            "Consent and dates",
            {
                "fields": [
                    "created_at",
                    "privacy_consent_at",
                    "privacy_notice_version",
                    "opportunities_consent",
                    "register_listing",
                    "anonymised_at",
                ]
            },
        ),
    ]
    readonly_fields = [*SubmissionAdmin.readonly_fields, "register_listing"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_load().select_related("listing")

    @admin.display(description="In the public register")
    def register_listing(self, volunteer):
        listing = getattr(volunteer, "listing", None)
        if listing is None:
            return "Not listed: they have not chosen to be."
        url = reverse("admin:mentoring_listing_change", args=[listing.pk])
        return format_html('<a href="{}">{}</a>', url, listing.get_status_display())

    @admin.display(description="Offers")
    def roles(self, volunteer):
        return ", ".join(volunteer.get_roles_offered_display())

    @admin.display(description="Current load", ordering="current_load")
    def load(self, volunteer):
        return f"{volunteer.current_load} of {volunteer.capacity}"

    def get_action_choices(
        self, request, default_choices=None, action_location=ActionLocation.CHANGE_LIST
    ):
        # The register export has the columns staff use, with the load and museums besides: the
        # list offers one CSV action, not two to choose between. The generic export stays
        # reachable by name, as on every list, for scripts that post to it (a posted action is
        # checked against these same choices).
        choices = super().get_action_choices(request, default_choices, action_location)
        if request.method == "POST":
            return choices
        return [(name, label) for name, label in choices if name != "export_as_csv"]

    @admin.action(description="Export selected volunteers as CSV (the register)")
    def export_csv(self, request, queryset):
        current = Match.objects.current().select_related("support_request")
        volunteers = queryset.prefetch_related(
            "expertise",
            "sub_regions",
            Prefetch("matches", queryset=current, to_attr="current_matches"),
        )
        header = [
            "Reference",
            "Name",
            "Email",
            "Phone",
            "Current role",
            "Organisation",
            "Offers",
            "Areas of expertise",
            "Experience of Accreditation",
            "Museums at once",
            "Current load",
            "Matched museums",
            "Sub-regions",
            "Availability",
            "Status",
            "Status changed",
            "Other opportunities",
            "Received",
            "Agreed to the privacy notice",
            "Privacy notice version",
            "Anonymised",
            "Staff notes",
        ]
        rows = (
            [
                v.reference,
                v.name,
                v.email,
                v.phone,
                v.job_title,
                v.organisation,
                "; ".join(v.get_roles_offered_display()),
                "; ".join(topic.name for topic in v.expertise.all()),
                v.get_accreditation_experience_display(),
                v.capacity,
                v.current_load,
                "; ".join(sorted({m.support_request.museum_name for m in v.current_matches})),
                "; ".join(region.name for region in v.sub_regions.all()),
                v.availability,
                v.get_status_display(),
                moment(v.status_changed_at),
                "yes" if v.opportunities_consent else "no",
                moment(v.created_at),
                moment(v.privacy_consent_at),
                v.privacy_notice_version,
                moment(v.anonymised_at),
                v.staff_notes,
            ]
            for v in volunteers
        )
        filename = f"volunteer-register-{timezone.localdate():%Y-%m-%d}.csv"
        return csv_response(filename, header, rows)


def moment(value):
    return f"{localtime(value):%Y-%m-%d %H:%M}" if value else ""


@admin.register(SupportRequest)
class SupportRequestAdmin(SubmissionAdmin, SimpleHistoryAdmin):
    inlines = [MatchInline, *SubmissionAdmin.inlines]
    list_display = [
        "reference",
        "museum_name",
        "support_type",
        "accreditation_status",
        "sub_region",
        "deadline",
        "status",
        "status_changed_at",
        "created_at",
    ]
    list_filter = [
        OpenRequestFilter,
        "status",
        "support_type",
        "accreditation_status",
        "has_paid_staff",
        "sub_region",
    ]
    search_fields = ["reference", "museum_name", "contact_name", "email", "description"]
    autocomplete_fields = ["sub_region"]
    readonly_fields = [*SubmissionAdmin.readonly_fields, "add_match", "mentor_asked_for"]
    list_select_related = ["sub_region", "requested_mentor"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "status",
                    "status_changed_at",
                    "staff_notes",
                    "mentor_asked_for",
                    "add_match",
                ]
            },
        ),
        (
            "Museum and contact",
            {"fields": ["museum_name", "sub_region", "contact_name", "email", "phone"]},
        ),
        (
            "What they asked for",
            {
                "fields": [
                    "support_type",
                    "accreditation_status",
                    "deadline",
                    "has_paid_staff",
                    "description",
                ]
            },
        ),
        (
            "Consent and dates",
            {
                "fields": [
                    "created_at",
                    "privacy_consent_at",
                    "privacy_notice_version",
                    "anonymised_at",
                ]
            },
        ),
    ]

    @admin.display(description="Mentor they asked for")
    def mentor_asked_for(self, support_request):
        volunteer = support_request.requested_mentor
        if volunteer is None:
            return "None: they did not name anyone from the register."
        return format_html(
            '<a href="{}">{}</a> (from the register; you still make the match)',
            volunteer.get_admin_url(),
            volunteer,
        )

    @admin.display(description="Match")
    def add_match(self, support_request):
        if not support_request.pk:
            return "Save the request first."
        url = reverse("admin:mentoring_match_add") + f"?support_request={support_request.pk}"
        return format_html('<a href="{}">Match a volunteer to this request</a>', url)


class CurrentMatchFilter(admin.SimpleListFilter):
    title = "current"
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", "Current"), ("no", "Ended")]

    def queryset(self, request, queryset):
        current = Q(ended_on__isnull=True) | Q(ended_on__gt=timezone.localdate())
        if self.value() == "yes":
            return queryset.filter(current)
        if self.value() == "no":
            return queryset.exclude(current)
        return queryset


@admin.register(Match)
class MatchAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = [
        "volunteer",
        "support_request",
        "role",
        "started_on",
        "agreement_signed_on",
        "next_review_on",
        "ended_on",
    ]
    list_filter = [CurrentMatchFilter, "role"]
    list_select_related = ["volunteer", "support_request"]
    search_fields = [
        "volunteer__name",
        "volunteer__reference",
        "support_request__museum_name",
        "support_request__reference",
    ]
    autocomplete_fields = ["volunteer", "support_request"]
    date_hierarchy = "started_on"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        support_requests = [obj.support_request]
        if change and "support_request" in form.changed_data:
            support_requests += SupportRequest.objects.filter(pk=form.initial["support_request"])
        for support_request in support_requests:
            self.follow_matches(request, support_request)

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            self.follow_matches(request, obj.support_request)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            ids = set(queryset.values_list("support_request_id", flat=True))
            super().delete_queryset(request, queryset)
            for support_request in SupportRequest.objects.filter(pk__in=ids):
                self.follow_matches(request, support_request)

    def follow_matches(self, request, support_request):
        """Move the request to Matched, or back to open, and say so."""
        status = support_request.follow_matches(by=request.user)
        if status == SupportRequest.Status.MATCHED:
            self.message_user(
                request,
                f"{support_request} is now Matched, and no longer counts as an open request.",
                messages.INFO,
            )
        elif status:
            self.message_user(
                request,
                f"{support_request} has no current match now, so it is back to "
                f"{support_request.get_status_display()}: match another volunteer, or close it "
                "if the support is complete.",
                messages.WARNING,
            )


# The register's admin, in its own module.
from . import listing_admin  # noqa: E402, F401

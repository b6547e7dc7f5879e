"""The admin site MDO staff run the service from.

- Signing in needs a password and a code from an authenticator app (django-otp TOTP); a staff
  member without a verified device is treated as not staff. django-axes throttles the password.
- The index is a dashboard: counts of what needs doing, each a link to the filtered list.
- Every changelist of ours can export its selected rows as CSV, safe to open in a spreadsheet.
"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.options import IS_POPUP_VAR, ActionLocation
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from simple_history.admin import SimpleHistoryAdmin

from mentoring.csv_export import csv_response

DASHBOARD_EVENT_DAYS = 30


class MDOLoginForm(OTPAdminAuthenticationForm):
    """Username, password and the code from the authenticator app, on one page. With one
    device (the usual case) it is chosen for the user rather than asked for."""

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": "Enter the 6-digit code from your authenticator app.",
        "invalid_token": "That code is not right. Enter the newest code your authenticator "
        "app shows.",
        "device_required": "Choose which authenticator device the code is from.",
    }

    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        devices = list(devices_for_user(user)) if user else []
        if user is not None and not devices:
            raise forms.ValidationError(
                "Your account has no authenticator app set up, so you cannot sign in yet. Ask "
                "the site's administrator to set one up for you.",
                code="no_device",
            )
        if len(devices) == 1 and not self.cleaned_data.get("otp_device"):
            self.cleaned_data["otp_device"] = devices[0].persistent_id
        self.clean_otp(user)
        return self.cleaned_data


class MDOAdminSite(OTPAdminSite):
    login_form = MDOLoginForm
    login_template = "admin/mdo_login.html"

    def __init__(self, name="admin"):
        super().__init__(name)

    def index(self, request, extra_context=None):
        extra_context = {"dashboard": dashboard(request), **(extra_context or {})}
        return super().index(request, extra_context)


def dashboard(request):
    """[(label, count, url)] of the day's work, for what this user may see."""
    from mentoring.models import SupportRequest, Volunteer
    from networks.models import Event, Network, Suggestion

    now = timezone.now()
    cards = [
        (
            Volunteer,
            "new volunteer offers",
            lambda: Volunteer.objects.filter(status=Volunteer.Status.NEW),
            {"status__exact": Volunteer.Status.NEW},
        ),
        (
            SupportRequest,
            "open support requests",
            lambda: SupportRequest.objects.open(),
            {"open": "yes"},
        ),
        (
            Suggestion,
            "open suggestions of updates",
            lambda: Suggestion.objects.open(),
            {"status__exact": Suggestion.Status.OPEN},
        ),
        (
            Network,
            "networks needing review",
            lambda: Network.objects.needs_review(),
            {"needs_review": "yes"},
        ),
        (
            Event,
            f"events in the next {DASHBOARD_EVENT_DAYS} days",
            lambda: Event.objects.starting_within(datetime.timedelta(DASHBOARD_EVENT_DAYS), now),
            {"when": "soon"},
        ),
    ]
    user = request.user
    return [
        {
            "label": label,
            "count": queryset().count(),
            "url": changelist_url(model, query),
        }
        for model, label, queryset, query in cards
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]


def changelist_url(model, query):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist") + "?" + urlencode(query)


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


class ExportCsvMixin:
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

"""The admin site MDO staff run the service from.

- Signing in needs a password and a code from an authenticator app (django-otp TOTP); a staff
  member without a verified device is treated as not staff. django-axes throttles the password.
- The index is a dashboard: counts of what needs doing, each a link to the filtered list.
"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


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
    from networks.calendar.admin import DASHBOARD_EVENT_DAYS
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

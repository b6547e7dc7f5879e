"""The admin site MDO staff run the service from.

- Signing in needs a password and a code from an authenticator app (django-otp TOTP); a staff
  member without a verified device is treated as not staff. django-axes counts every failed
  sign-in, a wrong password or a wrong code, and its lockout page wears our branding.
- Third-party admins are mended: axes' "clean up expired attempts" works, and the TOTP device's
  set-up page gives the key to type in when no QR code library is installed.
- The index is a dashboard: counts of what needs doing, each a link to the filtered list.
"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

SIGN_IN_FAILED = (
    "Enter a correct username, password and code from your authenticator app. The code "
    "changes every 30 seconds: enter the newest one the app shows."
)


class MDOLoginForm(OTPAdminAuthenticationForm):
    """Username, password and the code from the authenticator app, on one page, checked
    together: any of them wrong gets the same message, so a guess at a password learns nothing
    from the answer, and counts towards django-axes' lockout. With one device (the usual case)
    it is chosen for the user rather than asked for."""

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": SIGN_IN_FAILED,
        "inactive": SIGN_IN_FAILED,
    }
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "device_required": "Choose which authenticator device the code is from.",
    }

    def clean(self):
        if not (self.cleaned_data.get("username") and self.cleaned_data.get("password")):
            return self.cleaned_data  # The fields' own errors say what is missing.
        code_given = bool(self.cleaned_data.get("otp_token"))
        try:
            # authenticate() inside tells django-axes of a wrong password.
            self.cleaned_data = AdminAuthenticationForm.clean(self)
        except forms.ValidationError:
            if self.user_cache is not None:  # The right password, but not for a staff account.
                self.user_cache = None
                self.sign_in_failed()
            if not code_given:
                return self.cleaned_data  # "Enter the code", whatever the password was.
            raise self.get_invalid_login_error() from None
        if not code_given:
            # The right password without a code is a failure like any other, and answered as
            # the wrong one is: the code field's "Enter the code".
            self.user_cache = None
            self.sign_in_failed()
            return self.cleaned_data
        user = self.get_user()
        devices = list(devices_for_user(user))
        if not devices:
            raise forms.ValidationError(
                "Your account has no authenticator app set up, so you cannot sign in yet. Ask "
                "the site's administrator to set one up for you.",
                code="no_device",
            )
        if len(devices) == 1 and not self.cleaned_data.get("otp_device"):
            self.cleaned_data["otp_device"] = devices[0].persistent_id
        try:
            self.clean_otp(user)
        except forms.ValidationError as error:
            if error.code == "device_required":  # Not a failure: the rare user with several.
                raise
            # A wrong code, or one refused while the device throttles guesses.
            self.sign_in_failed()
            raise self.get_invalid_login_error() from None
        return self.cleaned_data

    def sign_in_failed(self):
        """Count a failure that authenticate() did not see, as django-axes counts a wrong
        password (AXES_LOCKOUT_PARAMETERS: by username and address)."""
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.cleaned_data["username"]},
            request=self.request,
        )


class MDOAdminSite(OTPAdminSite):
    login_form = MDOLoginForm
    login_template = "admin/mdo_login.html"

    def __init__(self, name="admin"):
        super().__init__(name)

    def index(self, request, extra_context=None):
        extra_context = {
            "dashboard": dashboard(request),
            "filling_up": filling_up(request),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)


def dashboard(request):
    """[(label, count, url)] of the day's work, for what this user may see."""
    from mentoring.models import SupportRequest, Volunteer
    from networks.calendar.admin import DASHBOARD_EVENT_DAYS
    from networks.models import ContactChange, Event, Network, Suggestion

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
            ContactChange,
            "changes by network contacts waiting for review",
            lambda: ContactChange.objects.filter(status=ContactChange.Status.PENDING),
            {"status": ContactChange.Status.PENDING},
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


# The dashboard lists at most this many events booked on this site, soonest first.
FILLING_UP_SHOWN = 10


def filling_up(request):
    """The next events booked on this site, with their places left and people waiting."""
    from networks.booking.places import places, with_places
    from networks.models import Booking, Event

    if not request.user.has_perm("networks.view_booking"):
        return []
    events = with_places(
        Event.objects.upcoming().filter(booking_mode=Event.BookingMode.HERE)
    ).order_by("start", "pk")[:FILLING_UP_SHOWN]
    return [
        {
            "event": event,
            "places": places(event),
            "url": changelist_url(Booking, {"event__id__exact": event.pk}),
        }
        for event in events
    ]


def changelist_url(model, query):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist") + "?" + urlencode(query)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE), in the admin's own frame."""
    from axes import helpers as axes_helpers
    from axes.conf import settings as axes_settings
    from django.contrib import admin as django_admin

    context = {
        **django_admin.site.each_context(request),
        "title": "Too many failed sign-ins",
        "failure_limit": axes_helpers.get_failure_limit(request, credentials),
        "username": axes_helpers.get_client_username(request, credentials) or "",
        "cooloff_timedelta": axes_helpers.get_cool_off(request),
    }
    return render(
        request, "admin/locked_out.html", context, status=axes_settings.AXES_HTTP_RESPONSE_CODE
    )

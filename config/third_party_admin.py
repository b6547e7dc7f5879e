"""Third-party admins, mended: registered in place of their own once every app's admin.py has
run (config.apps.MDOAdminConfig.ready). Not imported by config.admin_site, which Django imports
while it makes admin.site, before these modules may register on it."""

import base64
import importlib.util

from axes import admin as axes_admin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django_otp.conf import settings as otp_settings
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice


def replace_third_party_admins(site):
    """Called once every app's admin.py has registered its models (config.apps)."""
    for model, model_admin in [
        (AccessAttempt, AccessAttemptAdmin),
        (TOTPDevice, TOTPDeviceAdmin),
    ]:
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.action(description="Clean up expired attempts")
    def cleanup_expired_attempts(self, request, queryset):
        # axes reads the moment of a sign-in attempt off the request, as its middleware sets it
        # on a sign-in; an admin action has to set it the same way.
        AxesProxyHandler.update_request(request)
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(
            request,
            f"Cleaned up {count} expired sign-in attempt{'s' if count != 1 else ''}.",
            messages.SUCCESS,
        )


def can_draw_qr_codes():
    return any(importlib.util.find_spec(name) for name in ("qrcode", "segno"))


def setup_key(device):
    """The device's secret as authenticator apps take it typed in: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


class TOTPDeviceAdmin(totp_admin.TOTPDeviceAdmin):
    """django-otp's, whose set-up page shows a QR code only when a QR code library is
    installed (neither is a dependency of ours), and always the key to type in instead."""

    @admin.display(description="Set-up key")
    def qrcode_link(self, device):
        if not device.pk:
            return "-"
        url = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">Set-up key for the authenticator app</a>', url)

    def device_or_404(self, request, pk):
        if otp_settings.OTP_ADMIN_HIDE_SENSITIVE_DATA:
            raise PermissionDenied
        device = get_object_or_404(TOTPDevice, pk=pk)
        if not self.has_view_or_change_permission(request, device):
            raise PermissionDenied
        return device

    def config_view(self, request, pk):
        device = self.device_or_404(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Set up the authenticator app for {device.user}",
            "opts": self.opts,
            "device": device,
            "setup_key": setup_key(device),
            "qr_code": can_draw_qr_codes(),
        }
        return TemplateResponse(request, "admin/otp_totp/config.html", context)

    def qrcode_view(self, request, pk):
        device = self.device_or_404(request, pk)
        if not can_draw_qr_codes():
            raise Http404("No QR code library is installed: type the set-up key in instead.")
        return super().qrcode_view(request, device.pk)

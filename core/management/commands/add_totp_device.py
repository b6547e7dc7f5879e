import base64

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give a member of staff an authenticator (TOTP) device, which the admin asks a code from "
        "at every sign-in. Prints the setup key to type into their authenticator app (or the "
        "otpauth:// address, for apps that take one). Hand it to them privately."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="What to call the device.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove the user's other devices first, for a lost or replaced phone.",
        )

    def handle(self, *args, username, name, replace, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user called “{username}”.") from None
        if not user.is_staff:
            self.stderr.write(f"Note: {username} is not staff, so cannot use the admin yet.")
        if replace:
            removed, _ = TOTPDevice.objects.filter(user=user).delete()
            self.stdout.write(f"Removed {removed} earlier device{'s' if removed != 1 else ''}.")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        key = base64.b32encode(device.bin_key).decode().rstrip("=")
        grouped = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
        self.stdout.write(
            f"Added “{name}” for {username}. In their authenticator app, add an account with "
            f"this setup key (time-based, 6 digits):\n\n    {grouped}\n\n"
            f"or, for apps that take an address:\n\n    {device.config_url}\n\n"
            "They then sign in to /admin/ with their password and the app's current code."
        )

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.models import Notification
from core.tasks import send_notification


class Command(BaseCommand):
    help = (
        "Try again to send emails that have not gone yet (the mail server was down, say). "
        "Run it from cron every few minutes; staff can also resend from the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=2,
            metavar="MINUTES",
            help="Only emails whose last try was at least this long ago (default 2), so that "
            "one being sent right now is left alone.",
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=20,
            help="Give up on an email after this many tries (default 20); staff still see it.",
        )
        parser.add_argument("--dry-run", action="store_true", help="List them; send nothing.")

    def handle(self, *args, older_than, max_attempts, dry_run, **options):
        cutoff = timezone.now() - datetime.timedelta(minutes=older_than)
        due = (
            Notification.objects.filter(sent_at__isnull=True, attempts__lt=max_attempts)
            .exclude(last_attempt_at__gt=cutoff)
            .order_by("created_at", "pk")
        )
        sent = failed = 0
        for notification in due.iterator():
            if dry_run:
                self.stdout.write(f"Would send: {notification}")
                continue
            try:
                send_notification.call(notification.pk)
            except Exception as error:  # recorded on the row by the task; keep going
                failed += 1
                self.stderr.write(f"Not sent: {notification}: {type(error).__name__}")
            else:
                sent += 1
        if not dry_run:
            self.stdout.write(f"Sent {sent} email(s); {failed} still unsent.")

from itertools import groupby

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.models import Notification
from core.notifications import queue_email
from networks.manage.models import ContactChange


class Command(BaseCommand):
    help = (
        "Email MDO staff (MDO_INBOX_EMAIL) one summary of every change networks' contacts made "
        "since the last summary, grouped by network, with links to the review queue. Sends "
        "nothing when there is nothing new. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        with transaction.atomic():
            changes = list(
                ContactChange.objects.select_for_update(of=("self",))
                .filter(summarised_at__isnull=True, created_at__lte=now)
                .select_related("network")
                .order_by("network__name", "network_id", "created_at", "pk")
            )
            if not changes:
                self.stdout.write("No changes by network contacts since the last summary.")
                return
            pending = sum(change.status == ContactChange.Status.PENDING for change in changes)
            networks = [
                (network, list(group))
                for network, group in groupby(changes, key=lambda change: change.network)
            ]
            admin = settings.SITE_URL + reverse("admin:networks_contactchange_changelist")
            context = {
                "networks": networks,
                "count": len(changes),
                "pending": pending,
                "queue_url": f"{admin}?status={ContactChange.Status.PENDING}",
                "all_url": f"{admin}?status=all",
                "site_url": settings.SITE_URL,
            }
            subject = f"Changes by network contacts: {len(changes)} ({pending} waiting for review)"
            verb = "Would email" if dry_run else "Emailed"
            if not dry_run:
                queue_email(
                    kind=Notification.Kind.STAFF,
                    to=settings.MDO_INBOX_EMAIL,
                    subject=subject,
                    template_name="manage/email/staff_change_summary.txt",
                    context=context,
                )
                ContactChange.objects.filter(pk__in=[c.pk for c in changes]).update(
                    summarised_at=now
                )
            self.stdout.write(
                f"{verb} {settings.MDO_INBOX_EMAIL}: {len(changes)} change"
                f"{'s' if len(changes) != 1 else ''} in {len(networks)} network"
                f"{'s' if len(networks) != 1 else ''}, {pending} waiting for review."
            )
            if dry_run:
                self.stdout.write("Dry run: nothing was sent or changed.")

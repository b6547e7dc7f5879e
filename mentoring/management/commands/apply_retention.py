from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.dates import months_before
from mentoring.models import SupportRequest, Volunteer
from networks.models import Booking, Suggestion


class Command(BaseCommand):
    help = (
        "Anonymise declined and withdrawn volunteers, closed and declined support requests, and "
        "suggested updates that were done or rejected, whose status last changed more than "
        "PERSONAL_DATA_RETENTION_MONTHS ago."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be anonymised; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        months = settings.PERSONAL_DATA_RETENTION_MONTHS
        cutoff = months_before(timezone.localtime(), months)
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            f"Retention: {months} months, so records closed before {cutoff:%d %B %Y %H:%M}."
        )
        for model in (Volunteer, SupportRequest, Suggestion):
            records = list(model.due_for_anonymising(cutoff).order_by("status_changed_at", "pk"))
            noun = (
                model._meta.verbose_name if len(records) == 1 else model._meta.verbose_name_plural
            )
            statuses = " or ".join(str(status.label).lower() for status in model.CLOSED_STATUSES)
            references = ", ".join(record.reference for record in records)
            self.stdout.write(
                f"{verb} {len(records)} {noun} ({statuses})"
                + (f": {references}" if records else ".")
            )
            if not dry_run and records:
                with transaction.atomic():
                    emails = sum(record.anonymise() for record in records)
                self.stdout.write(f"Deleted {emails} stored emails about them.")
        bookings = list(Booking.due_for_anonymising().order_by("pk"))
        self.stdout.write(
            f"{verb} {len(bookings)} booking{'' if len(bookings) == 1 else 's'} of events that "
            f"ended more than {settings.BOOKING_RETENTION_MONTHS} months ago."
        )
        if not dry_run and bookings:
            with transaction.atomic():
                emails = sum(booking.anonymise() for booking in bookings)
            self.stdout.write(f"Deleted {emails} stored emails about them.")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")

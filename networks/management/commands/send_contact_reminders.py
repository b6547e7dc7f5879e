from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from networks.directory.models import Person
from networks.freshness import notifications


def describe(person, roles):
    held = "; ".join(f"{role.get_role_display()} of {role.network.name}" for role in roles)
    return f"{person.name} <{person.email}>: {held}"


class Command(BaseCommand):
    help = (
        "Email each contact whose details are due for confirmation (never confirmed, or not "
        "within FRESHNESS_PERIOD_MONTHS) a signed link to confirm them or say what has changed. "
        "Each contact is reminded at most once per period. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be emailed; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        months = settings.FRESHNESS_PERIOD_MONTHS
        self.stdout.write(
            f"Freshness period: {months} months. Links work for "
            f"{settings.CONTACT_LINK_MAX_AGE_DAYS} days."
        )
        people = list(Person.objects.due_for_reminder(now).order_by("name", "pk"))
        verb = "Would email" if dry_run else "Emailed"
        for person in people:
            roles = list(person.current_roles)
            if not dry_run:
                with transaction.atomic():
                    person.reminder_sent_at = now
                    person.save(update_fields=["reminder_sent_at"])
                    # Signed after the sending time is saved: any older link stops working.
                    link = settings.SITE_URL + reverse(
                        "networks:confirm_contact", args=[person.confirmation_token()]
                    )
                    notifications.contact_reminder(person, roles, link)
            self.stdout.write(f"{verb}: {describe(person, roles)}")
        self.stdout.write(f"{verb} {len(people)} contact{'s' if len(people) != 1 else ''}.")
        unreachable = list(Person.objects.without_email_but_due(now).order_by("name"))
        if unreachable:
            names = ", ".join(person.name for person in unreachable)
            self.stdout.write(
                f"{len(unreachable)} due for confirmation but without an email address, to "
                f"check by hand: {names}."
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was sent or changed.")

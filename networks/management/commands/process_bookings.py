from django.core.management.base import BaseCommand

from networks.booking import places


class Command(BaseCommand):
    help = (
        "Pass on offered places not accepted in time to the next people waiting, and remind "
        "everyone with a place of events starting within BOOKING_REMINDER_HOURS (with the "
        "joining link of an online event). Run from cron every 15 minutes."
    )

    def handle(self, *args, **options):
        lapsed = places.pass_on_lapsed_offers()
        reminded = places.send_reminders()
        self.stdout.write(
            f"{lapsed} offer{'' if lapsed == 1 else 's'} passed on; "
            f"{reminded} reminder{'' if reminded == 1 else 's'} sent."
        )

from django.core.management.base import BaseCommand

from core.import_previews import clear_old_previews


class Command(BaseCommand):
    help = "Remove uploaded import files whose preview was never confirmed (older than a day)."

    def handle(self, *args, **options):
        removed = clear_old_previews()
        self.stdout.write(f"Removed {removed} import preview file(s).")

from django.core.management.base import BaseCommand
from django.db import transaction

from networks import initial_content as content
from networks.models import Network, PageSection, SubRegion


class Command(BaseCommand):
    help = (
        "Load the directory's initial content (from the page this site replaces) into an empty "
        "database. Does nothing when networks already exist, so staff edits are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add any missing initial content even if the database already has networks.",
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if Network.objects.exists() and not force:
            self.stdout.write("The directory already has content; nothing loaded.")
            return

        regions = {}
        for order, (name, slug) in enumerate(content.SUB_REGIONS, start=1):
            regions[slug], _ = SubRegion.objects.get_or_create(
                slug=slug, defaults={"name": name, "display_order": order}
            )
        for order, (key, heading, body) in enumerate(content.PAGE_SECTIONS, start=1):
            PageSection.objects.get_or_create(
                key=key, defaults={"heading": heading, "body": body, "display_order": order}
            )
        created = 0
        for data in content.NETWORKS:
            fields = dict(data)
            slug = fields.pop("slug")
            region = fields.pop("sub_region", None)
            fields["sub_region"] = regions[region] if region else None
            _, was_created = Network.objects.get_or_create(slug=slug, defaults=fields)
            created += was_created
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {created} networks, {len(content.SUB_REGIONS)} sub-regions and "
                f"{len(content.PAGE_SECTIONS)} page sections."
            )
        )

from django.core.management.base import BaseCommand
from django.db import transaction

from networks.content import initial_content as content
from networks.content.models import PageSection
from networks.directory.models import Network
from networks.places.models import SubRegion


class Command(BaseCommand):
    help = (
        "Load the directory's initial content (from the page this site replaces) into an empty "
        "database. Page texts that are missing are added every time; texts staff have edited and "
        "the directory itself, once it has networks, are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add any missing initial content even if the database already has networks.",
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        texts = self.add_missing_page_texts()
        if Network.objects.exists() and not force:
            self.stdout.write(
                f"The directory already has content; added {texts} missing page "
                f"text{'s' if texts != 1 else ''}."
            )
            return

        regions = {}
        for order, (name, slug) in enumerate(content.SUB_REGIONS, start=1):
            regions[slug], _ = SubRegion.objects.get_or_create(
                slug=slug, defaults={"name": name, "display_order": order}
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
                f"{texts} page texts."
            )
        )

    def add_missing_page_texts(self):
        existing = set(PageSection.objects.values_list("key", flat=True))
        missing = [
            PageSection.initial(key) for key, _, _ in content.PAGE_SECTIONS if key not in existing
        ]
        for section in missing:
            section.save()  # one by one, so that the page cache hears of each
        return len(missing)

"""sitemap.xml: every public page, each with the time its content last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from mentoring.models import Listing
from networks.models import Event, Network, PageSection, Resource

Key = PageSection.Key
# Each page listed by name, with what its content is made of: page texts and kinds of record.
PAGES = [
    ("networks:home", [Key.INTRODUCTION, Key.RESEARCH, Key.MDO_TRAINING, Key.AREA,
                       Key.SUB_REGIONAL, Key.SUBJECT, Key.PRACTITIONER, Key.MENTORING],
     [Network, Event, Resource]),
    ("networks:list", [Key.NETWORKS_INTRO], [Network]),
    ("events:list", [Key.EVENTS_INTRO], [Event]),
    ("events:past", [], [Event]),
    ("mentoring:index", [Key.MENTORING_INTRO], []),
    ("mentoring:volunteer", [Key.MENTORING_INTRO], []),
    ("mentoring:request", [Key.MENTORING_INTRO], []),
    ("mentoring:register", [Key.MENTORING_INTRO], [Listing]),
    ("networks:resources", [Key.RESOURCES_INTRO], [Resource]),
    ("networks:open_data", [Key.OPEN_DATA_LICENCE], [Network, Event]),
    ("privacy", [Key.PRIVACY], []),
    ("accessibility", [Key.ACCESSIBILITY], []),
]  # fmt: skip


class PageSitemap(Sitemap):
    """The pages that are not one record's own page: their last change is the newest change of
    the texts and records they show."""

    def items(self):
        texts = dict(PageSection.objects.values_list("key", "updated_at"))
        newest = {
            Network: Network.objects.public().aggregate(at=Max("updated_at"))["at"],
            Event: Event.objects.published().aggregate(at=Max("updated_at"))["at"],
            Resource: Resource.objects.published().aggregate(at=Max("updated_at"))["at"],
            Listing: Listing.objects.public().aggregate(at=Max("updated_at"))["at"],
        }
        items = []
        for name, keys, models in PAGES:
            times = [texts.get(key) for key in keys] + [newest[model] for model in models]
            items.append((name, max(filter(None, times), default=None)))
        return items

    def location(self, item):
        return reverse(item[0])

    def lastmod(self, item):
        return item[1]


class NetworkSitemap(Sitemap):
    def items(self):
        return Network.objects.public().only("slug", "updated_at")

    def lastmod(self, network):
        return network.updated_at


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("-start")

    def lastmod(self, event):
        return event.updated_at


SITEMAPS = {"pages": PageSitemap, "networks": NetworkSitemap, "events": EventSitemap}

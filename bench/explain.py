"""EXPLAIN for every filter and ordering the public lists use, on the scale data set.
Run with the benchmark's environment: python bench/explain.py"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from networks.calendar.feeds import feed_parts  # noqa: E402
from networks.models import Event, Network, SubRegion, Topic  # noqa: E402

region, topic = SubRegion.objects.first(), Topic.objects.first()
network = Network.objects.public().first()
events = Event.objects.published()
feed_to_come, feed_recent = feed_parts(events)
directory = Network.objects.public().in_kind_order()
QUERIES = {
    "directory, first page": directory[:20],
    "networks by kind": directory.filter(kind="subject")[:20],
    "networks by sub-region": directory.filter(sub_region=region)[:20],
    "networks by topic": directory.filter(topics=topic)[:20],
    "upcoming events": events.upcoming()[:20],
    "upcoming events by kind": events.upcoming().filter(kind="mdo_training")[:20],
    "upcoming events by network": events.upcoming().filter(network=network)[:20],
    "upcoming events by sub-region": events.upcoming().in_sub_region(region)[:20],
    "upcoming events by attendance": events.upcoming().attended("online")[:20],
    "past events": events.past()[:20],
    "calendar feed: events to come": feed_to_come,
    "calendar feed: recent past": feed_recent,
}
for name, queryset in QUERIES.items():
    plan = queryset.explain()
    print(f"-- {name}")
    print("   " + plan.replace("\n", "\n   "))

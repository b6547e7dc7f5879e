"""Which events to show: the calendar's rules of visibility and time (networks/calendar/models.py
wires EventQuerySet to Event)."""

from django.db import models, transaction
from django.db.models import (
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone

from networks.directory.models import Network


class EventQuerySet(models.QuerySet):
    def published(self):
        """Events the public may see. Drafts never appear on a public page or in a feed."""
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        """Events that have not yet ended, soonest first (one in progress still counts)."""
        now = now or timezone.now()
        # No event not yet over started longer ago than the longest event lasts: the bound
        # removes nothing, and lets the start-date index begin there rather than step over every
        # past event. The longest duration is one look in the index of durations (migration
        # 0020), where the earliest start of the events not over meant reading all of them
        # (4.5 ms at 50,000 events, on each use).
        longest = (
            self.model.objects.order_by()
            .annotate(everything=Value(1))
            .values("everything")
            .annotate(longest=Max(F("end") - F("start")))
            .values("longest")
        )
        since = ExpressionWrapper(
            Value(now) - Subquery(longest, output_field=DurationField()),
            output_field=DateTimeField(),
        )
        return self.not_over(now).filter(start__gte=since).order_by("start", "title")

    def not_over(self, now=None):
        """upcoming() in no order and without its start bound: for asking whether there are
        any, as for each network, where an index of (network, end) answers at once."""
        return self.filter(end__gt=now or timezone.now())

    def past(self, now=None):
        now = now or timezone.now()
        # An event that has ended had started: the start bound removes nothing, and lets the
        # start-date index begin at now rather than at the last event planned.
        return self.filter(end__lte=now, start__lt=now).order_by("-start", "title")

    def starting_within(self, period, now=None):
        """Events not yet over that start within `period` from now, drafts included."""
        now = now or timezone.now()
        return self.upcoming(now).filter(start__lt=now + period)

    def in_sub_region(self, region):
        """Held in the sub-region, or run by one of its networks (their online meetings too)."""
        return self.filter(Q(venue__sub_region=region) | Q(network__sub_region=region))

    def about(self, topic):
        """Events on this topic, or run by a network on it (as are all of its meetings)."""
        own = self.model.topics.through.objects.filter(event=OuterRef("pk"), topic=topic)
        network = Network.topics.through.objects.filter(network=OuterRef("network"), topic=topic)
        return self.filter(Exists(own) | Exists(network))

    def attended(self, mode):
        """Events one can attend this way: "online" includes hybrid events and those moved
        online; "in person" includes hybrid events but not those moved online."""
        modes = self.model.AttendanceMode
        if mode == modes.ONLINE:
            return self.filter(
                Q(attendance_mode__in=[modes.ONLINE, modes.HYBRID])
                | Q(status=self.model.Status.MOVED_ONLINE)
            )
        if mode == modes.IN_PERSON:
            return self.filter(attendance_mode__in=[modes.IN_PERSON, modes.HYBRID]).exclude(
                status=self.model.Status.MOVED_ONLINE
            )
        return self.filter(attendance_mode=mode)

    def in_feeds(self, now=None):
        """What calendar feeds carry: every event to come, and those of the last few months so
        that subscribers keep recent history (a cancellation stays in the feed)."""
        since = (now or timezone.now()) - self.model.FEED_HISTORY
        return self.published().filter(end__gt=since).order_by("start", "title")

    def for_listing(self):
        return self.select_related("network", "venue", "venue__sub_region")

    def cancel(self):
        """Mark these events cancelled. They stay public, so people and calendar feeds see the
        cancellation; updated_at moves so the feed's SEQUENCE rises. Returns how many changed.

        One save() each, not update(), so that the change history records it and the page
        cache hears of it like any other save."""
        changed = 0
        with transaction.atomic():
            for event in self.exclude(status=self.model.Status.CANCELLED):
                event.status = self.model.Status.CANCELLED
                event.save(update_fields=["status", "updated_at"])
                changed += 1
        return changed

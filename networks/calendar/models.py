"""The calendar: events (MDO training, network meetings, chances to observe) and venues."""

import datetime
import itertools
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    F,
    Q,
)
from django.db.models.functions import Lower
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.dates import format_range
from networks.directory.models import Network
from networks.places.models import SubRegion, Topic

from .images import image_errors, image_file_name
from .querysets import EventQuerySet


class Venue(models.Model):
    """A place where events are held, usually a museum site."""

    name = models.CharField("museum site name", max_length=200)
    address = models.TextField(help_text="Street address, one line per line, without the postcode.")
    postcode = models.CharField(max_length=10, blank=True)
    sub_region = models.ForeignKey(
        SubRegion, on_delete=models.PROTECT, null=True, blank=True, related_name="venues"
    )
    website = models.URLField(blank=True)
    access_notes = models.TextField(
        blank=True,
        help_text="Step-free access, toilets, the nearest station: what a visitor needs to know.",
    )

    class Meta:
        ordering = ["name", "postcode"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), Lower("postcode"), name="venue_unique_name_postcode"
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.postcode}" if self.postcode else self.name

    def clean(self):
        super().clean()
        clash = Venue.objects.filter(
            name__iexact=self.name, postcode__iexact=self.postcode
        ).exclude(pk=self.pk)
        if self.name and clash.exists():
            raise ValidationError(
                {"name": "This venue is already listed. Choose it for the event instead."}
            )

    @property
    def street_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def address_lines(self):
        return [*self.street_lines, self.postcode] if self.postcode else self.street_lines


# "past" is the archive's address under /events/, so no event may take it.
RESERVED_EVENT_SLUGS = ["past"]


class Event(models.Model):
    class Kind(models.TextChoices):
        MDO_TRAINING = "mdo_training", "MDO training"
        NETWORK_MEETING = "network_meeting", "Network meeting"
        CONFERENCE = "conference", "Conference"
        WEBINAR = "webinar", "Webinar"
        OBSERVATION = "observation", "Opportunity to observe a session"

    class AttendanceMode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "In person and online"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"
        POSTPONED = "postponed", "Postponed"
        MOVED_ONLINE = "moved_online", "Moved online"

    class BookingMode(models.TextChoices):
        ELSEWHERE = "elsewhere", "A booking link or email address (or nothing said)"
        HERE = "here", "Booking on this site, with a waiting list"
        NONE = "none", "No booking needed"

    FEED_HISTORY = datetime.timedelta(days=180)
    # A feed is one file that calendar programs fetch whole, every few hours: it carries at most
    # this many events to come and this many of the recent past (FEED_HISTORY).
    FEED_LIMIT = 200
    FEED_PAST_LIMIT = 50

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="organising network",
    )
    organiser_name = models.CharField(
        max_length=200,
        blank=True,
        help_text='Who runs it when no network does, for example "MDO team".',
    )
    summary = models.CharField(
        max_length=300, blank=True, help_text="One or two sentences shown in lists."
    )
    description = models.TextField(blank=True, help_text="Markdown.")
    start = models.DateTimeField(help_text="London time.")
    end = models.DateTimeField(help_text="London time.")
    attendance_mode = models.CharField(
        max_length=10, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    online_url = models.URLField(
        "online joining link", blank=True, help_text="Leave blank if it is sent after booking."
    )
    booking_mode = models.CharField(
        "how people book",
        max_length=10,
        choices=BookingMode.choices,
        default=BookingMode.ELSEWHERE,
        help_text="Booking on this site needs the number of places below; people who find it "
        "full join a waiting list and are offered places that free up.",
    )
    booking_closes = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional, London time. Booking on this site stops then, and always stops "
        "when the event starts.",
    )
    ask_access_needs = models.BooleanField(
        "ask about access needs", default=False, help_text="For booking on this site."
    )
    ask_dietary_needs = models.BooleanField(
        "ask about dietary needs", default=False, help_text="For booking on this site."
    )
    one_place_per_museum = models.BooleanField(
        default=False,
        help_text="For booking on this site: a second person from the same museum or "
        "organisation is told a place is already booked for it.",
    )
    booking_url = models.URLField("booking link", blank=True)
    booking_email = models.EmailField("booking email address", blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many places there are, if you know."
    )
    places_limited = models.BooleanField(
        default=False, help_text='Say "places are limited" when the number is not given.'
    )
    is_free = models.BooleanField("free", default=False)
    cost = models.CharField(
        max_length=200,
        blank=True,
        help_text='What it costs, for example "£25, or £15 for volunteers". Leave blank if free.',
    )
    audience = models.CharField(
        max_length=300,
        blank=True,
        help_text="Who it is for, for example “volunteers in small museums”.",
    )
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="events",
        help_text="What it is about. Filtering by topic also finds the events of networks on "
        "that topic, so a network's meetings need none of their own.",
    )
    image = models.FileField(
        upload_to=image_file_name,
        blank=True,
        max_length=200,
        help_text="Optional: a JPEG, PNG or WebP picture of 5 MB or less, shown on its page.",
    )
    image_alt = models.CharField(
        "image description (alt text)",
        max_length=300,
        blank=True,
        help_text="What the image shows, for people who cannot see it. Needed with an image.",
    )
    image_type = models.CharField(max_length=10, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    is_published = models.BooleanField(
        "published", default=False, help_text="Drafts are seen only by staff."
    )
    # Calendar programs know an event by this, whatever happens to its title or slug.
    uid = models.UUIDField("calendar UID", default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["start", "title"]
        indexes = [
            models.Index(fields=["is_published", "end", "start"]),
            models.Index(fields=["is_published", "start"]),
            # Which networks have events to come (the events page's network filter), one look
            # each, rather than gathering every event to come.
            models.Index(fields=["network", "end"]),
            # The admin's events list, in this order (Meta.ordering): its first page read from
            # the index rather than sorting every event.
            models.Index(fields=["start", "title"], name="event_admin_order_idx"),
            # How long events last: the longest is the bound of upcoming() (querysets.py).
            models.Index(F("end") - F("start"), name="event_duration_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(network__isnull=False) | ~Q(organiser_name=""),
                name="event_has_organiser",
            ),
            models.CheckConstraint(
                condition=Q(is_free=False) | Q(cost=""), name="event_free_or_priced"
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_EVENT_SLUGS), name="event_slug_not_reserved"
            ),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""), name="event_image_has_alt_text"
            ),
        ]

    def __str__(self):
        if not self.start:
            return self.title
        start = timezone.localtime(self.start)
        return f"{self.title} ({start.day} {start:%b %Y})"

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The end must be after the start."
        if not self.network_id and not self.organiser_name:
            errors["organiser_name"] = (
                "Choose the organising network, or give the organiser's name."
            )
        if self.is_free and self.cost:
            errors["cost"] = "Leave the cost blank for a free event, or untick “free”."
        errors.update(self.booking_errors())
        if self.slug in RESERVED_EVENT_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page. Choose another slug."
        errors.update(image_errors(self))
        if errors:
            raise ValidationError(errors)

    def booking_errors(self):
        errors = {}
        if self.booking_mode == self.BookingMode.HERE and not self.capacity:
            errors["capacity"] = "Give the number of places, to take bookings on this site."
        if self.booking_mode == self.BookingMode.NONE and (self.booking_url or self.booking_email):
            errors["booking_mode"] = (
                "Leave the booking link and email address blank when no booking is needed, "
                "or choose how people book."
            )
        if self.booking_closes and self.start and self.booking_closes > self.start:
            errors["booking_closes"] = "Booking must close before the event starts."
        return errors

    @property
    def books_here(self):
        return self.booking_mode == self.BookingMode.HERE

    @property
    def public_online_url(self):
        """The joining link as pages, feeds and open data show it: an event booked on this site
        sends it to the people with a place instead, in their reminder."""
        return "" if self.books_here else self.online_url

    def copy_as_draft(self):
        """A new, unpublished event with this one's details, for staff to give new dates."""
        copy = Event.objects.get(pk=self.pk)
        copy.pk = None
        copy.uid = uuid.uuid4()
        copy.is_published = False
        copy.status = self.Status.SCHEDULED
        copy.slug = self.unused_slug(f"{self.slug[:190]}-copy")
        copy.save(force_insert=True)
        return copy

    @staticmethod
    def unused_slug(base):
        taken = set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        return next(
            slug
            for slug in itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
            if slug not in taken
        )

    @property
    def display_title(self):
        """The title as lists, page headings and calendars show it: a cancelled, postponed or
        moved event says so first."""
        if self.status == self.Status.SCHEDULED:
            return self.title
        return f"{self.get_status_display()}: {self.title}"

    @property
    def when(self):
        return format_range(self.start, self.end)

    @property
    def organiser(self):
        return self.network.name if self.network_id else self.organiser_name

    @property
    def all_topics(self):
        """Its own topics and its network's, by name (prefetch both)."""
        topics = {topic.pk: topic for topic in self.topics.all()}
        if self.network:
            topics.update((topic.pk, topic) for topic in self.network.topics.all())
        return sorted(topics.values(), key=lambda topic: topic.name)

    @property
    def is_online(self):
        return (
            self.status == self.Status.MOVED_ONLINE
            or self.attendance_mode != self.AttendanceMode.IN_PERSON
        )

    @property
    def is_in_person(self):
        return (
            self.status != self.Status.MOVED_ONLINE
            and self.attendance_mode != self.AttendanceMode.ONLINE
        )

    @property
    def place_summary(self):
        """Where, in a few words for a list: "Museum of London Docklands and online"."""
        place = ""
        if self.is_in_person:
            place = self.venue.name if self.venue else "Venue to be confirmed"
        if self.is_online:
            return f"{place} and online" if place else "Online"
        return place

    @property
    def cost_display(self):
        return "Free" if self.is_free else self.cost

    @property
    def places_display(self):
        if self.capacity:
            return f"{self.capacity} place{pluralize(self.capacity)}"
        return "Places are limited" if self.places_limited else ""

    @property
    def sequence(self):
        """iCalendar SEQUENCE: rises with every saved change (and with the cancel action, which
        also moves updated_at), so calendar programs replace their copy."""
        return max(0, int((self.updated_at - self.created_at).total_seconds()))

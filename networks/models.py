import datetime
import itertools
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone

from config.page_cache import bump_content_version

from .dates import format_range


class SubRegion(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = "sub-region"

    def __str__(self):
        return self.name


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class NetworkQuerySet(models.QuerySet):
    def public(self):
        """Networks the public may see: every one that has not closed."""
        return self.exclude(status=Network.Status.CLOSED)

    def with_contact_status(self):
        """Annotate whether a public, confirmed contact exists, and the newest confirmation.

        "Awaiting update" is derived from the roles here, never stored on the network.
        """
        confirmed = NetworkRole.objects.filter(network=OuterRef("pk"), confirmed_on__isnull=False)
        newest = confirmed.order_by("-confirmed_on").values("confirmed_on")[:1]
        # Subqueries rather than a join and GROUP BY, which would drop Meta.ordering.
        return self.annotate(
            has_confirmed_contact=Exists(confirmed.filter(is_public=True)),
            last_confirmed_on=Subquery(newest),
        )

    def awaiting_update(self):
        return self.with_contact_status().filter(has_confirmed_contact=False)


class Network(models.Model):
    class Kind(models.TextChoices):
        AREA = "area", "Area network"
        SUB_REGIONAL = "sub_regional", "Sub-regional network"
        SUBJECT = "subject", "Subject network"
        PRACTITIONER = "practitioner", "Practitioner network"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        DORMANT = "dormant", "Dormant"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.CharField(
        max_length=300, blank=True, help_text="One or two sentences shown in lists."
    )
    description = models.TextField(blank=True, help_text="Markdown. Shown on the network's page.")
    website = models.URLField(blank=True)
    how_to_join = models.TextField(blank=True, help_text="Markdown.")
    sub_region = models.ForeignKey(
        SubRegion, on_delete=models.PROTECT, null=True, blank=True, related_name="networks"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="networks")
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="parent network",
        help_text="A wider network this one belongs to, such as a national Subject Specialist "
        "Network.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    display_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first within their kind."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        indexes = [models.Index(fields=["kind", "display_order", "name"])]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="network_not_its_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": "A network cannot be its own parent network."})


class Person(models.Model):
    """Someone who holds a role in one or more networks. Entered once, however many roles."""

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    organisation = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="person_unique_email"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def clean(self):
        super().clean()
        if self.email:
            clash = Person.objects.filter(email__iexact=self.email).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {
                        "email": "Someone with this email address is already in the directory. "
                        "Add a role to that person instead of entering them twice."
                    }
                )


class NetworkRole(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        CONTACT = "contact", "Contact"
        SECRETARY = "secretary", "Secretary"
        COORDINATOR = "coordinator", "Coordinator"
        CONVENOR = "convenor", "Convenor"

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CONTACT)
    is_public = models.BooleanField(
        "shown publicly",
        default=True,
        help_text="Show this person's name and email on the network's public page.",
    )
    confirmed_on = models.DateField(
        null=True, blank=True, help_text="When these details were last confirmed as correct."
    )

    class Meta:
        ordering = ["network", "role", "person__name"]
        verbose_name = "role"
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person", "role"], name="networkrole_one_role_kind_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} of {self.network}: {self.person.name}"

    def clean(self):
        super().clean()
        if self.network_id and self.person_id:
            clash = NetworkRole.objects.filter(
                network_id=self.network_id, person_id=self.person_id, role=self.role
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    f"This person is already {self.get_role_display().lower()} of this network."
                )


class PageSection(models.Model):
    """A block of staff-written text on the skills-sharing home page."""

    key = models.SlugField(
        max_length=50, unique=True, help_text="Where the text appears. Set by developers."
    )
    heading = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown.")
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["display_order", "key"]

    def __str__(self):
        return self.heading


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


class EventQuerySet(models.QuerySet):
    def published(self):
        """Events the public may see. Drafts never appear on a public page or in a feed."""
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        """Events that have not yet ended, soonest first (one in progress still counts)."""
        return self.filter(end__gt=now or timezone.now()).order_by("start", "title")

    def past(self, now=None):
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "title")

    def in_sub_region(self, region):
        """Held in the sub-region, or run by one of its networks (their online meetings too)."""
        return self.filter(Q(venue__sub_region=region) | Q(network__sub_region=region))

    def attended(self, mode):
        """Events one can attend this way: "online" includes hybrid events and those moved
        online; "in person" includes hybrid events but not those moved online."""
        modes = Event.AttendanceMode
        if mode == modes.ONLINE:
            return self.filter(
                Q(attendance_mode__in=[modes.ONLINE, modes.HYBRID])
                | Q(status=Event.Status.MOVED_ONLINE)
            )
        if mode == modes.IN_PERSON:
            return self.filter(attendance_mode__in=[modes.IN_PERSON, modes.HYBRID]).exclude(
                status=Event.Status.MOVED_ONLINE
            )
        return self.filter(attendance_mode=mode)

    def in_feeds(self, now=None):
        """What calendar feeds carry: every event to come, and those of the last few months so
        that subscribers keep recent history (a cancellation stays in the feed)."""
        since = (now or timezone.now()) - Event.FEED_HISTORY
        return self.published().filter(end__gt=since).order_by("start", "title")

    def for_listing(self):
        return self.select_related("network", "venue", "venue__sub_region")

    def cancel(self):
        """Mark these events cancelled. They stay public, so people and calendar feeds see the
        cancellation; updated_at moves so the feed's SEQUENCE rises. Returns how many changed."""
        changed = self.exclude(status=Event.Status.CANCELLED).update(
            status=Event.Status.CANCELLED, updated_at=timezone.now()
        )
        # update() sends no signals: tell the page cache ourselves.
        bump_content_version()
        return changed


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

    FEED_HISTORY = datetime.timedelta(days=180)

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
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    is_published = models.BooleanField(
        "published", default=False, help_text="Drafts are seen only by staff."
    )
    # Calendar programs know an event by this, whatever happens to its title or slug.
    uid = models.UUIDField("calendar UID", default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "title"]
        indexes = [
            models.Index(fields=["is_published", "end", "start"]),
            models.Index(fields=["is_published", "start"]),
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
        if self.slug in RESERVED_EVENT_SLUGS:
            errors["slug"] = f"“{self.slug}” is the address of another page. Choose another slug."
        if errors:
            raise ValidationError(errors)

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

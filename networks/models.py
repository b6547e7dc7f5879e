import datetime
import itertools
import uuid

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Lower, RowNumber
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentoring.submissions import PublicSubmission, new_reference

from .dates import format_range, months_before
from .documents import TYPES, format_size, inspect_upload


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


def freshness_cutoff(today=None):
    """Confirmations before this date are older than the freshness period."""
    return months_before(today or timezone.localdate(), settings.FRESHNESS_PERIOD_MONTHS)


class NetworkQuerySet(models.QuerySet):
    def public(self):
        """Networks the public may see: every one that has not closed."""
        return self.exclude(status=Network.Status.CLOSED)

    def with_contact_status(self, today=None):
        """Annotate whether a public, confirmed contact exists, the newest confirmation, and
        whether the network needs review: never confirmed, or not within the freshness period.

        "Awaiting update" and "needs review" are derived from the roles here, never stored.
        """
        confirmed = NetworkRole.objects.filter(network=OuterRef("pk"), confirmed_on__isnull=False)
        newest = confirmed.order_by("-confirmed_on").values("confirmed_on")[:1]
        # Subqueries rather than a join and GROUP BY, which would drop Meta.ordering. No
        # confirmation within the period is the same as the newest being missing or older, and
        # one EXISTS costs less than comparing the newest twice.
        return self.annotate(
            has_confirmed_contact=Exists(confirmed.filter(is_public=True)),
            last_confirmed_on=Subquery(newest),
            needs_review=~Exists(confirmed.filter(confirmed_on__gte=freshness_cutoff(today))),
        )

    def in_kind_order(self):
        """Area, sub-regional, subject, then practitioner networks (the order of Kind), each
        kind in its display order."""
        return self.order_by(kind_order(), "display_order", "name", "pk")

    def first_of_each_kind(self, count):
        """{kind: ([its first `count` networks], how many it has)}, in one query.

        Only the bare ranking runs over every network. Whatever this queryset annotates (such as
        the contact status) is worked out for the networks shown alone, and the slice, which
        never cuts anything, tells PostgreSQL how few they are, so it plans for a few rows."""
        ranked = self.annotate(
            rank_in_kind=Window(
                RowNumber(),
                partition_by=F("kind"),
                order_by=[F("display_order").asc(), F("name").asc(), F("pk").asc()],
            )
        ).filter(rank_in_kind__lte=count)
        kinds = Network.Kind.values
        # An uncorrelated count for each kind, worked out once, not once per network shown.
        counts = {
            kind: self.filter(kind=kind).order_by().values("kind").annotate(n=Count("pk"))
            for kind in kinds
        }
        of_kind = Case(
            *(When(kind=kind, then=Subquery(count.values("n"))) for kind, count in counts.items()),
            output_field=models.IntegerField(),
        )
        shown = self.filter(pk__in=ranked.values("pk")[: count * len(kinds)])
        firsts = {kind: ([], 0) for kind in kinds}
        for network in shown.annotate(networks_of_kind=of_kind).order_by(
            "kind", "display_order", "name", "pk"
        ):
            firsts[network.kind][0].append(network)
            firsts[network.kind] = (firsts[network.kind][0], network.networks_of_kind)
        return firsts

    def awaiting_update(self):
        return self.with_contact_status().filter(has_confirmed_contact=False)

    def needs_review(self, today=None):
        """Networks still open whose details nobody has confirmed within the period."""
        return self.public().with_contact_status(today).filter(needs_review=True)


class NetworkKind(models.TextChoices):
    AREA = "area", "Area network"
    SUB_REGIONAL = "sub_regional", "Sub-regional network"
    SUBJECT = "subject", "Subject network"
    PRACTITIONER = "practitioner", "Practitioner network"


def kind_order():
    """The place of a network's kind in the directory: area, sub-regional, subject, then
    practitioner (the order of Kind). An index holds it (network_directory_order)."""
    return Case(
        *(When(kind=kind, then=Value(i)) for i, kind in enumerate(NetworkKind.values)),
        output_field=models.IntegerField(),
    )


class Network(models.Model):
    Kind = NetworkKind

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
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[topics])

    class Meta:
        ordering = ["display_order", "name"]
        indexes = [
            models.Index(fields=["kind", "display_order", "name"]),
            # The directory's order, so a page of it reads 20 rows rather than sorting them all.
            models.Index(
                kind_order(), "display_order", "name", "id", name="network_directory_order"
            ),
        ]
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


CONFIRMATION_SALT = "networks.person.confirm-details"


class PersonQuerySet(models.QuerySet):
    def due_for_reminder(self, now=None):
        """People to ask to confirm their details: with an email address, a role whose
        confirmation is due, and no reminder within the freshness period."""
        now = now or timezone.now()
        due = NetworkRole.objects.due_for_confirmation(timezone.localdate(now))
        reminded_before = months_before(now, settings.FRESHNESS_PERIOD_MONTHS)
        return (
            self.exclude(email="")
            .filter(Exists(due.filter(person=OuterRef("pk"))))
            .filter(Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lte=reminded_before))
        )

    def without_email_but_due(self, now=None):
        """People whose details are due for confirmation but who have no email address."""
        due = NetworkRole.objects.due_for_confirmation(timezone.localdate(now or timezone.now()))
        return self.filter(email="").filter(Exists(due.filter(person=OuterRef("pk"))))

    def from_confirmation_token(self, token):
        """The person a confirmation link is for, and the state of their reminder it was signed
        with. Raises signing.SignatureExpired for an old link, signing.BadSignature for a forged
        one and DoesNotExist for a deleted person."""
        max_age = datetime.timedelta(days=settings.CONTACT_LINK_MAX_AGE_DAYS)
        signer = signing.TimestampSigner(salt=CONFIRMATION_SALT)
        state = signer.unsign_object(token, max_age=max_age)
        if not (isinstance(state, list) and len(state) == 3):
            raise signing.BadSignature("Unexpected payload")
        return self.get(pk=state[0]), state


def _stamp(moment):
    return moment.isoformat() if moment else ""


class Person(models.Model):
    """Someone who holds a role in one or more networks. Entered once, however many roles."""

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    reminder_sent_at = models.DateTimeField(
        "last asked to confirm their details at", null=True, blank=True, editable=False
    )
    reminder_answered_at = models.DateTimeField(
        "last answered a reminder at", null=True, blank=True, editable=False
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["reminder_sent_at", "reminder_answered_at"])

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

    def link_state(self):
        """What a confirmation link is signed with: it works while this stays the same, so a
        newer reminder, or an answer, makes every older link stop working."""
        return [self.pk, _stamp(self.reminder_sent_at), _stamp(self.reminder_answered_at)]

    def confirmation_token(self):
        return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign_object(self.link_state())

    def link_problem(self, state):
        """Why a link signed with `state` no longer works ("answered" or "superseded"), or
        None while it does."""
        if state == self.link_state():
            return None
        return "superseded" if state[1] != _stamp(self.reminder_sent_at) else "answered"

    @property
    def current_roles(self):
        """Roles in networks that have not closed, with their networks, in a stable order."""
        return (
            self.roles.exclude(network__status=Network.Status.CLOSED)
            .select_related("network")
            .order_by("network__name", "role")
        )

    def confirm_details(self):
        """The person says their details are right: every current role is confirmed today."""
        today = timezone.localdate()
        with transaction.atomic():
            for role in self.current_roles:
                role.confirmed_on = today
                role._change_reason = "Confirmed by the contact from their reminder email"
                role.save(update_fields=["confirmed_on"])
            self.mark_answered()

    def mark_answered(self):
        self.reminder_answered_at = timezone.now()
        self.save(update_fields=["reminder_answered_at"])


class NetworkRoleQuerySet(models.QuerySet):
    def due_for_confirmation(self, today=None):
        """Roles in networks still open that were never confirmed, or not within the period."""
        return self.exclude(network__status=Network.Status.CLOSED).filter(
            Q(confirmed_on__isnull=True) | Q(confirmed_on__lt=freshness_cutoff(today))
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

    objects = NetworkRoleQuerySet.as_manager()
    history = HistoricalRecords()

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


class PageSectionQuerySet(models.QuerySet):
    def texts(self, *keys):
        """{key: section} for these keys: the staff's text where it is saved, otherwise the
        initial text (unsaved), so that a page never loses its words. One query."""
        saved = {section.key: section for section in self.filter(key__in=keys)}
        return {key: saved.get(key) or PageSection.initial(key) for key in keys}

    def text(self, key):
        return self.texts(key)[key]


class PageSection(models.Model):
    """Staff-written text: a section of the home page, a page's introduction, or a whole page
    such as the privacy notice."""

    class Key(models.TextChoices):
        INTRODUCTION = "introduction", "Home page: introduction"
        RESEARCH = "research", "Home page: research into skills sharing"
        MDO_TRAINING = "mdo_training", "Home page: MDO training and advice"
        AREA = "area", "Home page: area networks"
        SUB_REGIONAL = "sub_regional", "Home page: sub-regional networks"
        SUBJECT = "subject", "Home page: subject networks"
        PRACTITIONER = "practitioner", "Home page: practitioner networks"
        MENTORING = "mentoring", "Home page: mentoring and peer support"
        NETWORKS_INTRO = "networks_intro", "Networks page: introduction"
        EVENTS_INTRO = "events_intro", "Events page: introduction"
        MENTORING_INTRO = "mentoring_intro", "Mentoring page: introduction"
        RESOURCES_INTRO = "resources_intro", "Resources page: introduction"
        OPEN_DATA_LICENCE = "open_data_licence", "Open data page: licence"
        PRIVACY = "privacy", "Privacy notice (the whole page)"
        ACCESSIBILITY = "accessibility", "Accessibility statement (the whole page)"

    # Written as {name} in the text, replaced by the site's settings when it is shown, so that
    # what a page says (how long we keep data, where to write) cannot drift from what we do.
    PLACEHOLDERS = {
        "retention_months": "months after which closed records lose their personal data",
        "inbox": "the MDO team's email address",
        "rate_limit_period": "how long a count of forms sent from one address is kept",
        "site_name": "the name of this website",
        "freshness_months": "how often contacts are asked to confirm their details",
    }
    REQUIRED_PLACEHOLDERS = {"privacy": ["retention_months", "inbox"]}

    key = models.SlugField(
        max_length=50,
        unique=True,
        choices=Key.choices,
        help_text="Where the text appears.",
    )
    heading = models.CharField(
        max_length=200,
        help_text="The section's heading, or the page's title for a whole page. Introductions "
        "show no heading.",
    )
    body = models.TextField(
        help_text="Markdown. These words are replaced by the site's settings: "
        + ", ".join(f"{{{name}}} ({meaning})" for name, meaning in PLACEHOLDERS.items())
        + "."
    )
    display_order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    objects = PageSectionQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "key"]
        verbose_name = "page text"

    def __str__(self):
        return self.heading

    def clean(self):
        super().clean()
        missing = [
            f"{{{name}}}"
            for name in self.REQUIRED_PLACEHOLDERS.get(self.key, [])
            if f"{{{name}}}" not in self.body
        ]
        if missing:
            raise ValidationError(
                {
                    "body": f"Keep {' and '.join(missing)} in this text, so that it always says "
                    "what the site's settings are."
                }
            )

    @classmethod
    def initial(cls, key):
        """The initial text of `key` as an unsaved section (None if it has none)."""
        from .initial_content import PAGE_SECTIONS

        for order, (known, heading, body) in enumerate(PAGE_SECTIONS, start=1):
            if known == key:
                return cls(key=key, heading=heading, body=body, display_order=order)
        return None

    @property
    def filled_body(self):
        """The Markdown with each {placeholder} replaced by its setting."""
        from mentoring.formkit import describe_period

        values = {
            "retention_months": str(settings.PERSONAL_DATA_RETENTION_MONTHS),
            "inbox": settings.MDO_INBOX_EMAIL,
            "rate_limit_period": describe_period(settings.FORM_RATE_LIMIT_PERIOD),
            "site_name": settings.SITE_NAME,
            "freshness_months": str(settings.FRESHNESS_PERIOD_MONTHS),
        }
        body = self.body
        for name, value in values.items():
            body = body.replace(f"{{{name}}}", value)
        return body


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
        now = now or timezone.now()
        # No event not yet over, of any kind, starts before the earliest of them all: the bound
        # removes nothing, and lets the start-date index begin there rather than step over every
        # past event. That earliest start is read from the (is_published, end, start) index.
        earliest = (
            Event.objects.not_over(now)
            .order_by()
            .annotate(everything=Value(1))
            .values("everything")
            .annotate(earliest=Min("start"))
            .values("earliest")
        )
        return self.not_over(now).filter(start__gte=Subquery(earliest)).order_by("start", "title")

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
        own = Event.topics.through.objects.filter(event=OuterRef("pk"), topic=topic)
        network = Network.topics.through.objects.filter(network=OuterRef("network"), topic=topic)
        return self.filter(Exists(own) | Exists(network))

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
        cancellation; updated_at moves so the feed's SEQUENCE rises. Returns how many changed.

        One save() each, not update(), so that the change history records it and the page
        cache hears of it like any other save."""
        changed = 0
        with transaction.atomic():
            for event in self.exclude(status=Event.Status.CANCELLED):
                event.status = Event.Status.CANCELLED
                event.save(update_fields=["status", "updated_at"])
                changed += 1
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


def resource_file_name(resource, filename):
    """A generated name: nothing of the uploader's file name reaches the disk or the URL."""
    return f"resources/{uuid.uuid4().hex}.{resource.file_type or 'bin'}"


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Resource(models.Model):
    """A document staff upload (such as the skills-sharing research report) or link to."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Names the file when someone downloads it."
    )
    description = models.TextField(blank=True, help_text="Markdown. What it is and who it is for.")
    file = models.FileField(
        upload_to=resource_file_name,
        blank=True,
        max_length=200,
        help_text="A document (PDF, Word, Excel, PowerPoint, OpenDocument, RTF or CSV). Its type "
        "and size are shown beside the link. Or give a link instead.",
    )
    external_url = models.URLField(
        "link to another website",
        blank=True,
        help_text="Instead of a file: where the document is published elsewhere.",
    )
    file_type = models.CharField(max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    is_published = models.BooleanField(
        "published", default=False, help_text="Drafts are seen only by staff."
    )
    on_home_page = models.BooleanField(
        "show on the home page",
        default=False,
        help_text="Listed under the research section of the home page, as well as on the "
        "resources page.",
    )
    display_order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(external_url="")) | (~Q(file="") & Q(external_url="")),
                name="resource_file_or_link",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:resources") + f"#{self.slug}"

    def clean(self):
        super().clean()
        if bool(self.file) == bool(self.external_url):
            raise ValidationError(
                "Upload a file or give a link to another website (one, not both)."
            )
        if self.file and not self.file._committed:  # a new upload
            try:
                kind = inspect_upload(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error}) from None
            self.file_type, self.file_size = kind.extension, self.file.size
        elif not self.file:
            self.file_type, self.file_size = "", None

    @property
    def url(self):
        """Where the link goes: our download address, or the other website."""
        if self.file:
            return reverse("networks:resource_download", kwargs={"slug": self.slug})
        return self.external_url

    @property
    def is_external(self):
        return not self.file

    @property
    def format_description(self):
        """What a link says about the file: "PDF, 518 KB"."""
        if not self.file:
            return ""
        kind = TYPES.get(self.file_type)
        parts = [kind.label if kind else "Document"]
        if self.file_size:
            parts.append(format_size(self.file_size))
        return ", ".join(parts)


def suggestion_reference():
    return new_reference("SU")


class SuggestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Suggestion.Status.OPEN)


class Suggestion(PublicSubmission):
    """Someone telling MDO staff that a network's page is wrong or out of date: a visitor
    through the form on the network's page, or a contact answering their reminder."""

    class Kind(models.TextChoices):
        CONTACT_CHANGED = "contact_changed", "The contact has changed"
        CLOSED = "closed", "The network has closed"
        DETAILS_WRONG = "details_wrong", "Other details are wrong"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        REJECTED = "rejected", "Rejected"

    CLOSED_STATUSES = (Status.DONE, Status.REJECTED)
    PERSONAL_FIELDS = {"email": "", "details": "Removed after the suggestion was resolved."}

    reference = models.CharField(
        max_length=12, unique=True, editable=False, default=suggestion_reference
    )
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField("what is wrong", max_length=20, choices=Kind.choices)
    details = models.TextField("what should change")
    email = models.EmailField(blank=True, help_text="Given if they would like a reply.")
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name="from the contact",
        help_text="Set when a contact proposed the change from their reminder email.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "suggested update"
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.network} ({self.reference})"

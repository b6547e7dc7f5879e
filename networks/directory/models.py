"""The directory: networks, the people who run them and their roles, and how fresh their
details are."""

import datetime
import functools
import operator

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.dates import months_before
from networks.places.models import SubRegion, Topic

# How networks are ordered within a kind.
IN_KIND = ("display_order", "name", "pk")


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
        return self.order_by(kind_order(), *IN_KIND)

    def first_of_each_kind(self, count):
        """{kind: ([its first `count` networks], how many it has)}, in one query.

        Each kind's first few are read from the index in that order, never ranking every
        network; whatever this queryset annotates (such as the contact status) is worked out
        for the networks shown alone."""
        kinds = Network.Kind.values
        # An uncorrelated count for each kind, worked out once, not once per network shown,
        # and from the index of kind and status alone (COUNT(*) needs no other column).
        counts = {
            kind: self.filter(kind=kind).order_by().values("kind").annotate(n=Count("*"))
            for kind in kinds
        }
        of_kind = Case(
            *(When(kind=kind, then=Subquery(count.values("n"))) for kind, count in counts.items()),
            output_field=models.IntegerField(),
        )
        # Each kind's first few, read from the index in that order: a few rows for each.
        firsts_of = [
            self.filter(kind=kind).order_by(*IN_KIND).values("pk")[:count] for kind in kinds
        ]
        if connection.features.supports_slicing_ordering_in_compound:
            # One UNION, which PostgreSQL knows holds a few rows, so it plans for a few.
            shown = self.filter(pk__in=firsts_of[0].union(*firsts_of[1:], all=True))
        else:  # SQLite takes no LIMIT inside a UNION.
            shown = self.filter(functools.reduce(operator.or_, (Q(pk__in=f) for f in firsts_of)))
        firsts = {kind: ([], 0) for kind in kinds}
        for network in shown.annotate(networks_of_kind=of_kind).order_by("kind", *IN_KIND):
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
    closed_on = models.DateField(
        "closed on",
        null=True,
        blank=True,
        help_text="When it closed, if it has. Shown on its page, which stays up to say so.",
    )
    closure_note = models.TextField(
        "about the closure",
        blank=True,
        help_text="Markdown. Where its work went, for people who look for it: shown on its page "
        "once it is closed.",
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name="successor network",
        help_text="The network that carries on its work, if one does: its page links there.",
    )
    display_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first within their kind."
    )
    changes_need_review = models.BooleanField(
        "contacts' changes wait for review",
        default=True,
        help_text="When ticked, what the network's contacts change on their page (its details "
        "and its meetings) is published only once MDO staff approve it. Untick to trust them to "
        "publish at once; staff still see every change in the daily summary.",
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
            # By name: the events page's list of networks with events to come reads the first
            # few by name, rather than asking of all 2,000 whether they have any (10 ms).
            models.Index(fields=["name"], name="network_name_idx"),
            # How many open networks of each kind, counted from the index alone (0.05 ms a
            # kind, where reading the table took 0.5 to 1.5 ms).
            models.Index(fields=["kind", "status"], name="network_kind_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="network_not_its_own_parent"),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")), name="network_not_its_own_successor"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = "A network cannot be its own parent network."
        if self.successor_id and self.pk and self.successor_id == self.pk:
            errors["successor"] = "A network cannot be its own successor."
        if self.closed_on and self.closed_on > timezone.localdate():
            errors["closed_on"] = "Give the date it closed, which cannot be in the future."
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    @property
    def public_successor(self):
        """The successor, when its page can be shown (a closed successor has none)."""
        successor = self.successor
        return successor if successor and not successor.is_closed else None


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

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse


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

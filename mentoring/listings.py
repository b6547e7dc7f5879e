"""The register of mentors and peer reviewers: the skills staff keep, and each volunteer's
listing, with the signed link through which they change or withdraw it."""

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from networks.models import SubRegion

from .models import Role, Volunteer, current_load

LISTING_SALT = "mentoring.volunteer.listing"


class Skill(models.Model):
    """A skill or area of practice a listed volunteer may show in the register: a fixed list
    staff keep, so the register never shows words a volunteer typed."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ListingQuerySet(models.QuerySet):
    def public(self):
        """Listings anyone may see: approved by staff, of an active volunteer not anonymised."""
        return self.filter(
            status=Listing.Status.APPROVED,
            volunteer__status=Volunteer.Status.ACTIVE,
            volunteer__anonymised_at__isnull=True,
        )

    def with_room(self):
        """Annotate `can_take_now`: the volunteer supports fewer museums than they offered."""
        return self.annotate(current_load=current_load("volunteer")).annotate(
            can_take_now=Q(current_load__lt=F("volunteer__capacity"))
        )

    def for_register(self):
        """What the register shows, in a fixed number of queries however many there are.
        Only the volunteer's fields the card needs are read: no contact details at all."""
        return (
            self.public()
            .with_room()
            .select_related("volunteer")
            .only(
                "chosen_name",
                "shows_mentoring",
                "shows_peer_review",
                "shows_speaking",
                "volunteer__name",
                "volunteer__capacity",
                "volunteer__offers_mentoring",
                "volunteer__offers_peer_review",
                "volunteer__offers_speaking",
            )
            .prefetch_related("skills", "sub_regions")
        )

    def showing_role(self, role):
        field = Volunteer.ROLE_FIELDS[role]
        shows = Listing.ROLE_FIELDS[role]
        return self.filter(**{shows: True, f"volunteer__{field}": True})


def short_name(full_name):
    """First name and last initial: "Ada O'Brien" shows as "Ada O."."""
    words = full_name.split()
    if len(words) < 2:
        return " ".join(words)
    return f"{words[0]} {words[-1][0].upper()}."


class Listing(models.Model):
    """A volunteer's entry in the public register, which they chose apart from their offer.
    Shown only once staff approve it; withdrawing it deletes it."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for approval"
        APPROVED = "approved", "Approved: shown in the register"
        HIDDEN = "hidden", "Hidden by staff"

    ROLE_FIELDS = {
        Role.MENTOR: "shows_mentoring",
        Role.PEER_REVIEWER: "shows_peer_review",
        Role.SPEAKER: "shows_speaking",
    }

    volunteer = models.OneToOneField(Volunteer, on_delete=models.CASCADE, related_name="listing")
    chosen_name = models.CharField(
        "name to show",
        max_length=60,
        blank=True,
        help_text="Empty: their first name and last initial are shown.",
    )
    shows_mentoring = models.BooleanField(Role.MENTOR.label, default=False)
    shows_peer_review = models.BooleanField(Role.PEER_REVIEWER.label, default=False)
    shows_speaking = models.BooleanField(Role.SPEAKER.label, default=False)
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="listings", verbose_name="skills and areas of practice"
    )
    sub_regions = models.ManyToManyField(
        SubRegion, blank=True, related_name="listings", verbose_name="sub-regions they can reach"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "register listing"
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.display_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("mentoring:register")

    @property
    def display_name(self):
        return self.chosen_name or short_name(self.volunteer.name)

    @property
    def roles_shown(self):
        """The roles shown: those chosen for the listing that the volunteer still offers."""
        return [
            role
            for role, field in self.ROLE_FIELDS.items()
            if getattr(self, field) and getattr(self.volunteer, Volunteer.ROLE_FIELDS[role])
        ]

    def get_roles_shown_display(self):
        return [role.label for role in self.roles_shown]

    def set_roles(self, roles):
        for role, field in self.ROLE_FIELDS.items():
            setattr(self, field, role in roles)


def listing_token(volunteer):
    return signing.dumps(volunteer.reference, salt=LISTING_SALT)


def volunteer_from_listing_token(token):
    """As Volunteer.from_withdraw_token, for the link that changes a register listing."""
    max_age = settings.WITHDRAW_LINK_MAX_AGE_DAYS * 24 * 3600
    reference = signing.loads(token, salt=LISTING_SALT, max_age=max_age)
    return Volunteer.objects.get(reference=reference)

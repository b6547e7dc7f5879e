"""A place booked on an event that takes bookings on this site, or a place on its waiting list.

A booking holds a place while it is booked, or while a place freed by someone else is offered
to it and the offer has not run out. Everyone else active is waiting, first come first offered.
"""

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from core.dates import months_before
from core.models import PublicSubmission, new_reference
from networks.calendar.models import Event

LINK_SALT = "booking.manage"


def booking_reference():
    return new_reference("BK")


class Booking(PublicSubmission):
    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        OFFERED = "offered", "Offered a place"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"
        LAPSED = "lapsed", "Offer not taken up"

    HOLDS_PLACE = (Status.BOOKED, Status.OFFERED)
    ACTIVE = (Status.BOOKED, Status.OFFERED, Status.WAITING)
    PERSONAL_FIELDS = {
        "name": "",
        "email": "",
        "organisation": "",
        "access_needs": "",
        "dietary_needs": "",
    }

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="bookings")
    reference = models.CharField(
        max_length=12, unique=True, default=booking_reference, editable=False
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    organisation = models.CharField("museum or organisation", max_length=200, blank=True)
    access_needs = models.TextField(blank=True)
    dietary_needs = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    offer_expires_at = models.DateTimeField(
        "offer open until", null=True, blank=True, editable=False
    )
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    attended = models.BooleanField(
        "came", null=True, blank=True, help_text="Marked by staff after the event."
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "created_at"]),
            # The admin's list in this order reads a page of it, not a sort of every booking.
            models.Index(fields=["created_at", "id"], name="booking_created_order_idx"),
        ]
        constraints = [
            # Booking twice with the same address is recognised, never doubled, even when
            # both arrive at once.
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=Q(status__in=["booked", "offered", "waiting"]) & ~Q(email=""),
                name="one_active_booking_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.name or 'anonymised'}"

    @property
    def holds_place(self):
        return self.status in self.HOLDS_PLACE

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    def manage_url(self):
        """The signed address, emailed to the person, where they see, change or cancel it."""
        token = signing.dumps([self.pk, self.reference], salt=LINK_SALT, compress=True)
        return settings.SITE_URL + reverse("booking:manage", args=[token])

    @classmethod
    def from_token(cls, token):
        """The booking a manage link names, or None for a tampered or unknown link."""
        try:
            pk, reference = signing.loads(token, salt=LINK_SALT)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        return (
            cls.objects.select_related("event", "event__venue", "event__network")
            .filter(pk=pk, reference=reference, anonymised_at__isnull=True)
            .first()
        )

    @classmethod
    def due_for_anonymising(cls, before=None):
        """Bookings of events that ended more than BOOKING_RETENTION_MONTHS ago."""
        cutoff = months_before(timezone.localtime(), settings.BOOKING_RETENTION_MONTHS)
        return cls.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)

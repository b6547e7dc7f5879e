"""Networks looking after their own page: the sign-in links their contacts ask for, the changes
they make (published at once or waiting for MDO staff to review) and roles handed over.

Only a hash of each emailed token is stored, so a copy of the database signs nobody in."""

import hashlib
import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from networks.calendar.models import Event
from networks.directory.models import Network, NetworkRole, Person


def new_token():
    """A random token for an emailed link, and the hash of it that is stored."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(str(token).encode()).hexdigest()


class LinkProblem(Exception):
    """Why an emailed link cannot be used: "invalid", "expired" or "used"."""

    def __init__(self, problem):
        super().__init__(problem)
        self.problem = problem


class SignInLink(models.Model):
    """A single-use link, emailed to someone with a current role, that signs them in for
    settings.CONTACT_SIGN_IN_LINK_MINUTES after it was sent."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sign_in_links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "sign-in link"

    def __str__(self):
        return f"Sign-in link for {self.person} ({self.created_at:%Y-%m-%d %H:%M})"

    @classmethod
    def issue(cls, person):
        """A new link for this person: returns (link, token); only the link is stored."""
        token, digest = new_token()
        return cls.objects.create(person=person, token_hash=digest), token

    @property
    def expires_at(self):
        return self.created_at + timezone.timedelta(minutes=settings.CONTACT_SIGN_IN_LINK_MINUTES)

    def problem(self, now=None):
        """None while the link can be used, else "used" or "expired"."""
        if self.used_at:
            return "used"
        if (now or timezone.now()) >= self.expires_at:
            return "expired"
        return None


class ContactChange(models.Model):
    """One change a network's contact made from their page: what it was before and after, and
    whether it is published or waits for staff. Values are stored as field name -> value, with
    related records as primary keys (a list of them for topics)."""

    class Kind(models.TextChoices):
        NETWORK = "network", "Network details"
        CONTACT = "contact", "Their contact details"
        EVENT_NEW = "event_new", "New meeting"
        EVENT_CHANGE = "event_change", "Changed meeting"
        EVENT_CANCEL = "event_cancel", "Cancelled meeting"
        HANDOVER = "handover", "Role handed over"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        PUBLISHED = "published", "Published"
        SENT_BACK = "sent_back", "Sent back"

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="contact_changes")
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_changes",
        verbose_name="made by",
    )
    person_name = models.CharField(
        "made by (name)", max_length=200, help_text="Kept if the person is later removed."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_changes",
        help_text="The meeting changed, for changes to meetings.",
    )
    before = models.JSONField(encoder=DjangoJSONEncoder, default=dict, blank=True)
    after = models.JSONField(encoder=DjangoJSONEncoder, default=dict, blank=True)
    reason = models.TextField(
        "reason for sending it back", blank=True, help_text="Emailed to the contact."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    summarised_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When staff's daily summary listed it."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "change by a network contact"
        verbose_name_plural = "changes by network contacts"
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["summarised_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.network} by {self.person_name}"


class RoleHandover(models.Model):
    """A contact handing their role to someone else by email. The role moves when the new
    person opens their own link and accepts it."""

    role = models.ForeignKey(NetworkRole, on_delete=models.CASCADE, related_name="handovers")
    from_person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="handovers_given"
    )
    to_name = models.CharField("new person's name", max_length=200)
    to_email = models.EmailField("new person's email address")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "role handover"

    def __str__(self):
        return f"{self.role} to {self.to_name}"

"""Keeping the directory true: suggested updates from the public."""

from django.db import models

from core.models import PublicSubmission, new_reference
from networks.directory.models import Network, Person


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
    share_email = models.BooleanField(
        "share their email address with the network's contacts",
        default=False,
        help_text="Only when set are the network's contacts told who sent it.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_by_contact = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="marked done or not needed by",
        help_text="The network's contact who closed it from their page.",
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "suggested update"
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.network} ({self.reference})"

    @property
    def shared_email(self):
        """The sender's email address as the network's contacts may see it: only if agreed."""
        return self.email if self.share_email else ""

"""What any app's records share: the email outbox (`Notification`), the dated status log
(`StatusChange`) and the abstract `PublicSubmission` that every record made by a public form
builds on: a reference to quote, consent, a logged status workflow, the staff's notes, the
emails about it, and anonymising.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

# No 0/O or 1/I/L: references are read out on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference(prefix):
    return prefix + "-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class Notification(models.Model):
    """An email the site owes someone, kept until it has gone so that staff can see and resend
    what failed. Any record may have notifications about it."""

    class Kind(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement to the sender"
        STAFF = "staff", "Notification to MDO staff"
        REMINDER = "reminder", "Reminder to confirm contact details"
        BOOKING = "booking", "About a booked place"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    to = models.EmailField("to")
    reply_to = models.EmailField(blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    calendar = models.TextField(
        blank=True,
        default="",
        db_default="",
        help_text="An iCalendar file sent with the email as invite.ics, if any.",
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "email notification"
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["sent_at", "created_at"]),
        ]

    def __str__(self):
        return f"{self.subject} (to {self.to})"


class StatusChange(models.Model):
    """When a record's status changed, to what, and who changed it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    status = models.CharField(max_length=20)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the change came from the public site or a command.",
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.status} at {self.changed_at:%Y-%m-%d %H:%M}"


class PublicSubmission(models.Model):
    """What every record made by a public form has: a reference to quote, the one-time token
    that stops a second submit of the same form making a second record, consent, a status
    workflow, and the staff's own notes. Subclasses define `reference` and `status`."""

    submission_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    privacy_consent_at = models.DateTimeField(
        "agreed to the privacy notice at", null=True, blank=True
    )
    privacy_notice_version = models.CharField(max_length=20, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    staff_notes = models.TextField(blank=True, help_text="Only MDO staff see these notes.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    notifications = GenericRelation("core.Notification")
    status_changes = GenericRelation("core.StatusChange")

    # Subclasses name the statuses after which personal data may go, and what blanks it.
    CLOSED_STATUSES = ()
    PERSONAL_FIELDS = {}

    class Meta:
        abstract = True

    def record_consent(self):
        self.privacy_consent_at = timezone.now()
        self.privacy_notice_version = settings.PRIVACY_NOTICE_VERSION

    def change_status(self, status, *, by=None):
        """Set, date and log a new status, and save."""
        self.status = status
        self.status_changed_at = timezone.now()
        if by is not None:
            self._history_user = by  # django-simple-history records who, where it is used.
        with transaction.atomic():
            self.save(update_fields=["status", "status_changed_at", "updated_at"])
            self.log_status(by=by)

    def log_status(self, *, by=None):
        StatusChange.objects.create(
            record=self, status=self.status, changed_at=self.status_changed_at, changed_by=by
        )

    def get_admin_url(self):
        meta = self._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.pk])

    @classmethod
    def due_for_anonymising(cls, before):
        return cls.objects.filter(
            status__in=cls.CLOSED_STATUSES,
            status_changed_at__lt=before,
            anonymised_at__isnull=True,
        )

    def anonymise(self):
        """Blank every personal detail, keeping what the statistics need. Deletes the emails
        about this record, which quote those details, and blanks the same details in its
        change history. Returns how many emails were deleted."""
        blanks = {**self.PERSONAL_FIELDS, "staff_notes": ""}
        for field, value in blanks.items():
            setattr(self, field, value)
        self.anonymised_at = timezone.now()
        with transaction.atomic():
            self.save()
            history = getattr(self, "history", None)
            if history is not None:
                history.update(**blanks)
            deleted, _ = self.notifications.all().delete()
        return deleted


class ContentClock(models.Model):
    """When public content last changed: one row, moved on by every save or delete that moves
    the page cache's version on (core.page_cache.bump_content_version). Feeds, open data and
    the HSDS API give it as Last-Modified, so programs that poll them get 304 Not Modified
    until something changes. Kept in the database, not the cache, so it survives the cache
    being emptied or down, and is the same on every server."""

    ONLY = 1
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "content clock"

    def __str__(self):
        return f"Public content last changed at {self.changed_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def tick(cls, moment=None):
        moment = moment or timezone.now()
        if not cls.objects.filter(pk=cls.ONLY).update(changed_at=moment):
            cls.objects.get_or_create(pk=cls.ONLY, defaults={"changed_at": moment})

    @classmethod
    def changed_at_or_none(cls):
        return cls.objects.filter(pk=cls.ONLY).values_list("changed_at", flat=True).first()

"""What every record made by a public form has, for any app: a reference to quote, consent, a
dated and logged status workflow, the staff's notes, the emails about it, and anonymising.

Kept apart from mentoring.models, which imports the directory's models, so that the directory's
own public records (suggestions of updates) can build on it without an import cycle.
"""

import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

# No 0/O or 1/I/L: references are read out on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference(prefix):
    return prefix + "-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


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

    notifications = GenericRelation("mentoring.Notification")
    status_changes = GenericRelation("mentoring.StatusChange")

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
        apps.get_model("mentoring", "StatusChange").objects.create(
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

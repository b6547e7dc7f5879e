from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .import_jobs import ImportJob
from .models import Notification


@task()
def send_notification(notification_id):
    """Send one notification unless it has gone already. Records the outcome on the row, and
    re-raises a failure so that the task is marked failed and logged."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        message = EmailMessage(
            subject=notification.subject,
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.to],
            reply_to=[notification.reply_to] if notification.reply_to else None,
        )
        if notification.calendar:
            message.attach("invite.ics", notification.calendar, "text/calendar; method=PUBLISH")
        notification.attempts += 1
        notification.last_attempt_at = timezone.now()
        try:
            message.send()
        except Exception as error:  # Any mailer failure: SMTP, DNS, a refused address...
            failure = error
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        else:
            failure = None
            notification.sent_at = notification.last_attempt_at
            notification.last_error = ""
        notification.save(update_fields=["attempts", "last_attempt_at", "sent_at", "last_error"])
    if failure is not None:
        raise failure
    return True


@task()
def run_import_job(job_id):
    """Run a queued import (core/import_jobs.py); a job already started is left alone."""
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update()
            .filter(pk=job_id, status=ImportJob.Status.QUEUED)
            .first()
        )
        if job is None:
            return False
        job.status = ImportJob.Status.RUNNING
        job.save(update_fields=["status"])
    job.run()
    return job.status == ImportJob.Status.DONE

"""Email without ever losing a submission.

Each email is first a Notification row, saved in the same transaction as the record it is
about. Only once that transaction commits is a task enqueued to send it, so a rollback sends
nothing, and a failed send leaves the row unsent, with its error, for staff to send again.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from .models import Notification
from .tasks import send_notification


def queue_email(*, kind, to, subject, template_name, context, about=None, reply_to="", calendar=""):
    """Save an email and send it through the tasks framework once the transaction commits.

    Subjects should not quote what the public typed: a line break there breaks the header.
    `calendar`, iCalendar text, goes with the email as an invite.ics attachment.
    """
    notification = Notification.objects.create(
        kind=kind,
        to=to,
        reply_to=reply_to,
        subject=subject,
        body=render_to_string(template_name, context),
        calendar=calendar,
        about=about,
    )
    # robust: a queue that cannot take the task is logged; the row stays unsent for staff.
    transaction.on_commit(partial(send_notification.enqueue, notification.pk), robust=True)
    return notification


def resend(notifications):
    """Queue the unsent ones among `notifications` again. Returns how many were queued."""
    ids = list(notifications.filter(sent_at__isnull=True).values_list("pk", flat=True))
    for notification_id in ids:
        transaction.on_commit(partial(send_notification.enqueue, notification_id), robust=True)
    return len(ids)


def submission_received(request, record, *, templates, acknowledgement, staff, context=None):
    """Thank the sender (when they gave an email address) and tell the MDO inbox, with a link
    to the record in the admin. `templates` is a path prefix: `<prefix>_acknowledgement.txt`
    and `<prefix>_staff.txt`; the templates see the record as `record`."""
    context = {
        "record": record,
        "inbox": settings.MDO_INBOX_EMAIL,
        "admin_url": settings.SITE_URL + record.get_admin_url(),
        **(context or {}),
    }
    if record.email:
        queue_email(
            kind=Notification.Kind.ACKNOWLEDGEMENT,
            to=record.email,
            reply_to=settings.MDO_INBOX_EMAIL,
            subject=acknowledgement,
            template_name=f"{templates}_acknowledgement.txt",
            context=context,
            about=record,
        )
    queue_email(
        kind=Notification.Kind.STAFF,
        to=settings.MDO_INBOX_EMAIL,
        reply_to=record.email,
        subject=staff,
        template_name=f"{templates}_staff.txt",
        context=context,
        about=record,
    )

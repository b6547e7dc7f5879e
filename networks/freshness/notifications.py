"""The emails that keep the directory true, through the outbox (core.notifications)."""

from django.conf import settings

from core.models import Notification
from core.notifications import queue_email, submission_received


def suggestion_received(request, suggestion):
    submission_received(
        request,
        suggestion,
        templates="networks/email/suggestion",
        acknowledgement=f"We have your suggested update (reference {suggestion.reference})",
        staff=f"Suggested update {suggestion.reference} for {suggestion.network.name}",
    )


def contact_reminder(person, roles, link):
    """Ask a contact to confirm their details, or say what has changed, through `link`."""
    return queue_email(
        kind=Notification.Kind.REMINDER,
        to=person.email,
        reply_to=settings.MDO_INBOX_EMAIL,
        subject="Are your details in the London museums skills-sharing directory right?",
        template_name="networks/email/contact_reminder.txt",
        context={
            "person": person,
            "roles": roles,
            "link": link,
            "link_days": settings.CONTACT_LINK_MAX_AGE_DAYS,
            "period_months": settings.FRESHNESS_PERIOD_MONTHS,
            "inbox": settings.MDO_INBOX_EMAIL,
        },
        about=person,
    )

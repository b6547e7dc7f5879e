"""The emails that keep the directory true, through the outbox (core.notifications)."""

from django.conf import settings
from django.urls import reverse

from core.models import Notification
from core.notifications import queue_email, submission_received
from networks.directory.models import Person


def suggestion_received(request, suggestion):
    submission_received(
        request,
        suggestion,
        templates="networks/email/suggestion",
        acknowledgement=f"We have your suggested update (reference {suggestion.reference})",
        staff=f"Suggested update {suggestion.reference} for {suggestion.network.name}",
    )


def suggestion_from_public(request, suggestion):
    """A visitor's suggestion: staff are told, and so is each of the network's contacts."""
    suggestion_received(request, suggestion)
    tell_contacts(suggestion)


def network_contacts(network, exclude=None):
    """The people holding a role in this (open) network who have an email address."""
    people = Person.objects.filter(roles__network=network).exclude(email="").distinct()
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return people.order_by("name")


def tell_contacts(suggestion):
    """Tell the network's contacts what was suggested, and where to act on it; the sender's
    email address only if they agreed to share it."""
    if suggestion.network.status == suggestion.network.Status.CLOSED:
        return []
    return [
        queue_email(
            kind=Notification.Kind.REMINDER,
            to=person.email,
            reply_to=suggestion.shared_email or settings.MDO_INBOX_EMAIL,
            subject=f"A suggested update to the page about {suggestion.network.name}",
            template_name="networks/email/suggestion_contact.txt",
            context={
                "person": person,
                "suggestion": suggestion,
                "sender_email": suggestion.shared_email,
                "manage_url": settings.SITE_URL + reverse("manage:start"),
                "inbox": settings.MDO_INBOX_EMAIL,
            },
            about=suggestion,
        )
        for person in network_contacts(suggestion.network, exclude=suggestion.person)
    ]


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

"""Emails to networks' contacts: their sign-in links and role handovers, queued through the
outbox (core.notifications) so none is lost when the mail server is down."""

from django.conf import settings
from django.urls import reverse

from core.models import Notification
from core.notifications import queue_email


def _url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def _email(to, subject, template, about, **context):
    """An email to a contact, replies going to the MDO inbox, which the template can name."""
    queue_email(
        kind=Notification.Kind.ACKNOWLEDGEMENT,
        to=to,
        reply_to=settings.MDO_INBOX_EMAIL,
        subject=subject,
        template_name=f"manage/email/{template}.txt",
        context={"inbox": settings.MDO_INBOX_EMAIL, **context},
        about=about,
    )


def sign_in_link(person, token):
    _email(
        person.email,
        "Your link to manage your network's page",
        "sign_in_link",
        person,
        person=person,
        url=_url("manage:open_link", token),
        minutes=settings.CONTACT_SIGN_IN_LINK_MINUTES,
    )


def handover_invitation(handover, token):
    _email(
        handover.to_email,
        "You have been asked to take on a role in a museum network",
        "handover_invitation",
        handover.role.network,
        handover=handover,
        url=_url("manage:accept_handover", token),
    )


def handover_accepted(handover, old_person):
    if old_person is None or not old_person.email:
        return
    _email(
        old_person.email,
        "Your role has been handed over",
        "handover_accepted",
        handover.role.network,
        handover=handover,
        person=old_person,
    )

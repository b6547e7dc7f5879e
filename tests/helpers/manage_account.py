"""Helpers for the tests of a contact's account pages: asking for a sign-in link and reading
the link from the email."""

import re

from django.urls import reverse

from networks.manage import handovers, signin

LINK = re.compile(r"https?://[^/\s]+(/manage/(?:sign-in|hand-over)/[^/\s]+/)")


def emailed_path(message):
    """The path of the /manage/ link in this email."""
    return LINK.search(message.body).group(1)


def ask_for_link(client, email, capture):
    """Post the "manage your network's page" form with `capture` (the
    django_capture_on_commit_callbacks fixture) so the queued email is sent."""
    with capture(execute=True):
        return client.post(reverse("manage:start"), {"email": email})


def issue_link(person, capture, mailoutbox):
    """A fresh sign-in link's path for this person, as the email gives it."""
    with capture(execute=True):
        signin.send_link(person.email)
    return emailed_path(mailoutbox[-1])


def offer_handover(role, name, email, capture, mailoutbox):
    with capture(execute=True):
        handover = handovers.offer(role, role.person, name, email)
    return handover, emailed_path(mailoutbox[-1])

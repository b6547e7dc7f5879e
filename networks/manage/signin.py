"""Sign-in links: asked for with an email address, single use, expiring after
settings.CONTACT_SIGN_IN_LINK_MINUTES. Whether or not the address is a contact's, the asker is
told the same thing; only people who hold a current role get an email."""

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.formkit import RateLimit
from networks.directory.models import Person

from . import notifications
from .models import LinkProblem, SignInLink, token_hash
from .session import person_networks

# Links per email address per hour, whoever asks: nobody's inbox is flooded from many addresses.
LINKS_PER_ADDRESS = 3
LINKS_PERIOD = 3600


class EmailRateLimit(RateLimit):
    """RateLimit counted per email address (a keyed hash of it) rather than client address."""

    def __init__(self):
        super().__init__("manage-sign-in-email")
        self.count, self.period = LINKS_PER_ADDRESS, LINKS_PERIOD

    def key(self, email):
        digest = salted_hmac("manage.sign-in.email", email.strip().lower(), algorithm="sha256")
        return f"formkit:rate:{self.scope}:{digest.hexdigest()[:32]}"


def contact_with_email(email):
    """The person with this address who holds a current role, or None."""
    person = Person.objects.filter(email__iexact=email.strip()).first()
    if person is None or not person_networks(person).exists():
        return None
    return person


def send_link(email):
    """Email a sign-in link to this address if it is a current contact's and the address has
    not had too many lately. Says nothing either way: the asker sees the same page."""
    if not EmailRateLimit().allow(email):
        return
    person = contact_with_email(email)
    if person is None:
        return
    with transaction.atomic():
        _, token = SignInLink.issue(person)
        notifications.sign_in_link(person, token)


def link_for(token, lock=False):
    """The usable link with this token; raises LinkProblem ("invalid", "expired", "used")."""
    links = SignInLink.objects.select_related("person")
    if lock:
        links = links.select_for_update(of=("self",))
    link = links.filter(token_hash=token_hash(token)).first()
    if link is None:
        raise LinkProblem("invalid")
    if problem := link.problem():
        raise LinkProblem(problem)
    if not person_networks(link.person).exists():
        raise LinkProblem("no_role")
    return link


def redeem(token):
    """Use the link up: the person it signs in. Raises LinkProblem."""
    with transaction.atomic():
        link = link_for(token, lock=True)
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
    return link.person

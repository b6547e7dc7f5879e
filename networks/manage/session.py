"""Being signed in as a network's contact: no account and no password, only a session that
names the person, made by opening a sign-in link, lasting settings.CONTACT_SESSION_HOURS at most
and ended by signing out. A contact sees and changes only the networks they hold a current role
in: every view looks its network up through `managed_networks(request)`, so a guessed id or
slug of another network is a 404."""

import datetime
import functools

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from networks.directory.models import Network, Person

PERSON_KEY = "manage:person"
SINCE_KEY = "manage:since"


def sign_in(request, person):
    """Start a contact's session (a new session key: nothing from before carries over)."""
    request.session.cycle_key()
    request.session[PERSON_KEY] = person.pk
    request.session[SINCE_KEY] = timezone.now().isoformat()
    request.session.set_expiry(settings.CONTACT_SESSION_HOURS * 3600)


def sign_out(request):
    request.session.flush()


def signed_in_person(request):
    """The person this session is signed in as, or None: never signed in, past the session's
    length, or no longer holding a current role anywhere."""
    pk, since = request.session.get(PERSON_KEY), request.session.get(SINCE_KEY)
    if pk is None or since is None:
        return None
    try:
        started = datetime.datetime.fromisoformat(since)
    except (TypeError, ValueError):
        return None
    if timezone.now() - started > datetime.timedelta(hours=settings.CONTACT_SESSION_HOURS):
        return None
    person = Person.objects.filter(pk=pk).first()
    if person is None or not person_networks(person).exists():
        return None
    return person


def person_networks(person):
    """The networks a person may manage: those, not closed, where they hold a role."""
    return (
        Network.objects.exclude(status=Network.Status.CLOSED)
        .filter(roles__person=person)
        .distinct()
        .order_by("name")
    )


def managed_networks(request):
    return person_networks(request.contact)


def managed_network(request, slug):
    """The signed-in contact's network with this slug, or 404 (someone else's looks the same
    as one that does not exist)."""
    return get_object_or_404(managed_networks(request), slug=slug)


def contact_required(view):
    """The view needs a signed-in contact, set as request.contact; anyone else is sent to the
    page that asks for a sign-in link. Its pages are never cached anywhere."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        person = signed_in_person(request)
        if person is None:
            if PERSON_KEY in request.session:
                sign_out(request)
            return redirect("manage:start")
        request.contact = person
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper

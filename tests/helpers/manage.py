"""Signing a test client in as a network's contact, as opening a sign-in link does."""

from django.conf import settings
from django.utils import timezone

from networks.manage import session


def signed_in_client(client, person):
    """Sign this Django test client in as `person` (who should hold a current role), setting the
    session keys that session.sign_in sets. Returns the client."""
    store = client.session
    store[session.PERSON_KEY] = person.pk
    store[session.SINCE_KEY] = timezone.now().isoformat()
    store.set_expiry(settings.CONTACT_SESSION_HOURS * 3600)
    store.save()
    # client.session makes a new store each time unless the cookie is set: set it.
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    return client

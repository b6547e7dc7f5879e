"""The view around a public form, for any app that has one.

- `handle()`: the whole life of a form: size limit, honeypot, per-address rate limit,
  Post/Redirect/Get, and no second record from a second submit of the same form.
- `confirmation()`: the page the form redirects to, showing the reference just made, which
  `remember()` keeps in a signed cookie.
- `client_address()`: who sent the request, for the rate limit and the sign-in lockout.

The forms themselves (fields, `PublicForm`, the error summary) are in core.forms.
"""

import datetime
import functools
import ipaddress
import json
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.crypto import salted_hmac

from . import cache_health
from .dates import describe_period
from .forms import HONEYPOT_NAME, TOKEN_NAME

logger = logging.getLogger(__name__)

SUBMITTED_SALT = "formkit.submitted."
# How long the page after a form shows its reference, and a resend of the same answers is known.
SUBMITTED_MAX_AGE = datetime.timedelta(days=1)


@functools.lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)


def _address(text):
    """An IP address as X-Forwarded-For gives it ("192.0.2.1", "192.0.2.1:443", "[2001:db8::1]"
    or "[2001:db8::1]:443"), or None."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_address(request):
    """The client's IP address, for the rate limit and django-axes' sign-in lockout.

    X-Forwarded-For is believed only from settings.TRUSTED_PROXIES (addresses or networks, as
    gunicorn's forwarded_allow_ips): anyone else may write anything there. From a trusted proxy,
    walk it from the right, past our own proxies: the first address that is not one of them is
    the client. Anything a client wrote to the left of that is ignored."""
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = _networks(tuple(settings.TRUSTED_PROXIES))
    address = _address(peer)
    if not proxies or address is None or not any(address in net for net in proxies):
        return peer
    client = peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed([part for part in forwarded if part.strip()]):
        address = _address(hop)
        if address is None:  # Garbage, which no proxy of ours writes: stop at who sent it.
            break
        client = str(address)
        if not any(address in net for net in proxies):
            break
    return client


def _increment(cache, key):
    try:
        return cache.incr(key)
    except ValueError:  # The count expired since add() found it.
        return None


class RateLimit:
    """At most FORM_RATE_LIMIT_COUNT forms of one kind per address per period, counted in
    the cache (shared between servers when CACHE_URL points at one).

    A form is counted before it is saved, in one atomic step (add, else incr), and refused if
    that count is over the limit: fifty sent at once get exactly the limit through. When the
    cache cannot be reached the limit is not applied (core.cache_health): a form is never lost
    to a cache outage."""

    def __init__(self, scope):
        self.scope = scope
        self.count = settings.FORM_RATE_LIMIT_COUNT
        self.period = settings.FORM_RATE_LIMIT_PERIOD

    def key(self, request):
        # Keyed with SECRET_KEY, so the cache never holds anything that gives the address back.
        address = salted_hmac(
            "formkit.rate", client_address(request), algorithm="sha256"
        ).hexdigest()[:32]
        return f"formkit:rate:{self.scope}:{address}"

    def hit(self, request):
        """Count one more form from this address. Returns the count so far, or 0 when the
        cache is failing."""
        key = self.key(request)
        for _ in range(3):
            added = cache_health.call("add", key, 1, self.period)
            if added is None:
                return 0
            if added:
                return 1
            count = cache_health.call(_increment, key, default=False)
            if count is False:
                return 0
            if count is not None:
                if count == 1:
                    # Recreated by incr() after it expired (Redis' INCR makes a key with no
                    # expiry): give it its period, or the address would be counted for ever.
                    cache_health.call("touch", key, self.period)
                return count
        return 0

    def allow(self, request):
        """Count this form, and say whether it is within the limit."""
        return self.hit(request) <= self.count

    def message(self):
        return (
            "You have sent this form several times in a short time. To protect the service "
            f"from spam, wait {describe_period(self.period)} and try again, or email the Museum "
            f"Development team at {settings.MDO_INBOX_EMAIL}."
        )


def too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.FORM_MAX_POST_BYTES


def answers_digest(form):
    """A fingerprint of what was typed, leaving out the per-page token and protections."""
    ignored = {TOKEN_NAME, HONEYPOT_NAME, "csrfmiddlewaretoken"}
    answers = sorted((name, form.data.getlist(name)) for name in form.data if name not in ignored)
    # Keyed, so that the hash kept in the visitor's cookie cannot be checked against guesses.
    return salted_hmac("formkit.answers", repr(answers), algorithm="sha256").hexdigest()


def submitted_cookie_name(scope):
    # Secure cookies take the __Host- prefix, as the session and CSRF cookies do.
    return f"{'__Host-' if settings.SESSION_COOKIE_SECURE else ''}submitted-{scope}"


def remember(response, scope, reference, digest=""):
    """Note in the visitor's browser, in a signed cookie, the reference its form just made (for
    the page after the form) and a fingerprint of the answers (so that the same answers sent
    again make no second record). Returns the response.

    A cookie, not the session: once the record is saved nothing else is written to the
    database, so a database lost at that moment cannot turn a stored submission into an error
    page. The cookie holds no answers, only the reference and a hash."""
    response.set_signed_cookie(
        submitted_cookie_name(scope),
        json.dumps({"reference": reference, "digest": digest}),
        salt=SUBMITTED_SALT + scope,
        max_age=SUBMITTED_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def last_submission(request, scope):
    """What remember() noted for this form in this browser: {"reference", "digest"} or None."""
    value = request.get_signed_cookie(
        submitted_cookie_name(scope),
        default=None,
        salt=SUBMITTED_SALT + scope,
        max_age=SUBMITTED_MAX_AGE,
    )
    try:
        last = json.loads(value) if value else None
    except ValueError:
        return None
    return last if isinstance(last, dict) and isinstance(last.get("reference"), str) else None


def repeated_submission(request, scope, form):
    """The record this browser made from the very same answers, if its last form of this kind
    had them: the back button fetched a fresh copy of the form and it was sent again."""
    last = last_submission(request, scope) or {}
    if last.get("reference") and last.get("digest") == answers_digest(form):
        return form.previous_submission(reference=last["reference"])
    return None


def handle(
    request,
    form_class,
    template_name,
    *,
    scope,
    success_url,
    on_saved,
    context=None,
    form_kwargs=None,
    rate_limit_scope=None,
):
    """The whole life of a public form. `on_saved(request, record)` runs in the transaction
    that saved the record: the place to queue emails with transaction.on_commit. `form_kwargs`
    go to the form, such as the `instance` a record starts from. `scope` names the form (the
    page after it shows its last reference); forms that share `rate_limit_scope` share one
    count per address."""
    if request.method == "POST" and too_large(request):
        return render(request, "form_too_large.html", status=413)
    form = form_class(request.POST if request.method == "POST" else None, **(form_kwargs or {}))
    status = 200
    if form.is_bound:
        limit = RateLimit(rate_limit_scope or scope)
        if form.is_spam():
            # Look like success, so a bot learns nothing; store nothing.
            logger.info("Honeypot filled on the %s form; nothing stored", scope)
            limit.hit(request)
            return remember(redirect(success_url), scope, "")
        previous = form.previous_submission()
        if previous is None and form.is_valid():
            previous = repeated_submission(request, scope, form)
        if previous is not None:
            return remember(redirect(success_url), scope, previous.reference, answers_digest(form))
        if form.is_valid() and not limit.allow(request):
            form.add_error(None, limit.message())
            status = 429
        elif form.is_valid():
            try:
                with transaction.atomic():
                    record = form.save()
                    on_saved(request, record)
            except IntegrityError:
                # The same form sent twice at once: the other request saved it.
                record = form.previous_submission()
                if record is None:
                    raise
            return remember(redirect(success_url), scope, record.reference, answers_digest(form))
    return render(request, template_name, {"form": form, **(context or {})}, status=status)


def confirmation(request, scope, template_name, form_url, context=None):
    """The page after a form: its reference, or the form again if nothing was sent."""
    last = last_submission(request, scope)
    if last is None:
        return redirect(form_url)
    response = render(request, template_name, {"reference": last["reference"], **(context or {})})
    # This visitor's own reference: never kept by a shared cache.
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True)
    return response

"""Whole-page caching for anonymous visitors that is never stale.

Every cached page keeps the content version it was made at, and is served only while that is
the current version (both are read in one round trip to the cache). Any save or delete of
public content (a model in one of settings.PAGE_CACHE_APPS, including admin saves, imports and
bulk actions that call bump_content_version()) moves the version on, so the next request
renders afresh. Cached entries also expire after PAGE_CACHE_SECONDS, which bounds how long
"upcoming" lists can lag behind the clock.

Only responses that are the same for every visitor are stored: GET or HEAD, status 200, no
cookie sent or set by the visitor's session, and no Vary: Cookie (a page with a CSRF-protected
form varies by cookie and is never cached).

A page is keyed on the query parameters its view reads, declared with @reads_query("kind",
"page"); any other parameter is dropped from the request before the view sees it, so ?x=1 and
?x=2 are one cache entry and one page. A view that reads a parameter it has not declared never
sees it from an anonymous visitor: declare every one.

The cache failing (Redis down) never takes a page down: it is served uncached
(core.cache_health).
"""

import functools
import gzip
import hashlib
import logging
import re
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.signals import setting_changed
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_max_age,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from . import cache_health
from .models import ContentClock

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads it
SKIP_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")


def content_version():
    """The current version, or None when the cache cannot be reached."""
    version = cache_health.call("get", VERSION_KEY)
    if version is None:
        # A random version, never a counter or the clock (which tests and servers can repeat),
        # so a version evicted from the cache never comes back while pages are stored under it.
        cache_health.call("add", VERSION_KEY, uuid.uuid4().hex, None)
        version = cache_health.call("get", VERSION_KEY)
    return version


@cache_health.on_recovery
def _new_version(**kwargs):
    # Also run when the cache comes back after a failure: saves made meanwhile could not move
    # the version on, so no page stored before then is served again.
    cache_health.call("set", VERSION_KEY, uuid.uuid4().hex, None)


def bump_content_version(**kwargs):
    """Public content changed: no cached page from before is served again, and the content
    clock (Last-Modified of feeds and open data) moves on."""
    _tick_content_clock()
    _new_version()


def _tick_content_clock():
    # In a savepoint, so that a database without the table yet (a migration saving content
    # before core's own have run) or failing leaves the surrounding transaction usable.
    try:
        with transaction.atomic():
            ContentClock.tick()
    except DatabaseError:
        logger.warning("Could not move the content clock on", exc_info=True)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in settings.PAGE_CACHE_APPS:
        bump_content_version()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"page-cache-{signal!r}")


def reads_query(*names):
    """Declare the GET parameters a view reads: the page cache keys on these and drops the rest
    (a form's parameters: @reads_query(*FilterForm.base_fields, "page"))."""

    def decorator(view):
        view.page_cache_query = frozenset(names)
        return view

    return decorator


@functools.lru_cache(maxsize=1024)
def _query_names(urlconf, path):
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return frozenset()
    return getattr(match.func, "page_cache_query", frozenset())


def _keep_declared_query(request):
    """Drop the parameters the view does not read, from GET and from the query string (which
    full URLs in the page, such as a feed's own address, are built from)."""
    if not request.META.get("QUERY_STRING"):
        return
    names = _query_names(getattr(request, "urlconf", None), request.path_info)
    kept = [(name, value) for name, value in request.GET.lists() if name in names]
    query = urlencode(sorted(kept), doseq=True)
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIP_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if has_vary_header(response, "Cookie") or has_vary_header(response, "*"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    return get_max_age(response) != 0


def _key(request):
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:{hashlib.sha256(raw.encode()).hexdigest()}"


def _lookup(key):
    """(the current content version, the entry stored under `key` for it or None), in one
    round trip to the cache: each entry keeps the version it was made at, and one made at
    another is not served. (None, None) when the cache cannot be reached."""
    found = cache_health.call("get_many", [VERSION_KEY, key])
    if found is None:
        return None, None
    version = found.get(VERSION_KEY) or content_version()
    entry = found.get(key)
    return version, entry if entry and entry[0] == version and version else None


def _entry(version, response):
    """What the cache keeps of a page: its status, its headers and its body gzipped once, for
    the browsers that take it so (nearly all; the rest get it unzipped). A third of the bytes
    to fetch from the cache and to send, and no response object to unpickle."""
    # Its ETag made once, here, rather than by ConditionalGetMiddleware on every hit.
    set_response_etag(response)
    patch_vary_headers(response, ["Accept-Encoding"])
    headers = [(name, value) for name, value in response.items() if name != "Content-Length"]
    body = gzip.compress(response.content, compresslevel=6, mtime=0)
    return (version, response.status_code, headers, body)


def _from_entry(request, entry):
    _, status, headers, body = entry
    response = HttpResponse(status=status, headers=dict(headers))
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response.content = body
        response["Content-Encoding"] = "gzip"
        # Another representation, so another entity tag (RFC 9110, 8.8.3).
        response["ETag"] = response["ETag"].removesuffix('"') + '-gzip"'
    else:
        response.content = gzip.decompress(body)
    response["Content-Length"] = str(len(response.content))
    return response


def _shareable(request, response):
    """A page anyone may be given from a shared cache (a CDN or reverse proxy): what our own
    page cache would store, asked for without a session."""
    return (
        settings.SHARED_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIP_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not response.has_header("Cache-Control")
        and _cacheable_response(response)
    )


def mark_shareable(request, response):
    """Say how long a shared cache may keep the page (s-maxage), while browsers ask again
    each time (max-age=0) and get 304 Not Modified when nothing changed."""
    if _shareable(request, response):
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.SHARED_CACHE_SECONDS
        )
    return response


def page_cache(get_response):
    def middleware(request):
        if not _cacheable_request(request):
            return mark_shareable(request, get_response(request))
        _keep_declared_query(request)
        key = _key(request)
        version, entry = _lookup(key)
        if version is None:  # The cache is down: the page, uncached.
            return mark_shareable(request, get_response(request))
        if entry is not None:
            response = _from_entry(request, entry)
            response["X-Page-Cache"] = "hit"
            return response
        response = get_response(request)
        if _cacheable_response(response):
            mark_shareable(request, response)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            entry = _entry(version, response)
            cache_health.call("set", key, entry, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return middleware


@receiver(setting_changed)
def _urlconf_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _query_names.cache_clear()

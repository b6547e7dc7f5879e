"""Whole-page caching for anonymous visitors that is never stale.

Every cached page is keyed by a content version. Any save or delete of public content (a model
in one of settings.PAGE_CACHE_APPS, including admin saves, imports and bulk actions that call
bump_content_version()) moves the version on, so the next request renders afresh. Cached
entries also expire after PAGE_CACHE_SECONDS, which bounds how long "upcoming" lists can lag
behind the clock.

Only responses that are the same for every visitor are stored: GET or HEAD, status 200, no
cookie sent or set by the visitor's session, and no Vary: Cookie (a page with a CSRF-protected
form varies by cookie and is never cached).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_max_age, has_vary_header

VERSION_KEY = "page-cache:version"
SKIP_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # A random version, never a counter or the clock (which tests and servers can repeat),
        # so a version evicted from the cache never comes back while pages are stored under it.
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version(**kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in settings.PAGE_CACHE_APPS:
        bump_content_version()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"page-cache-{signal!r}")


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


def _key(request, version):
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def page_cache(get_response):
    def middleware(request):
        if not _cacheable_request(request):
            return get_response(request)
        key = _key(request, content_version())
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return middleware

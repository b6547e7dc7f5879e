"""The shared cache (Redis in production) speeds the site up; the site never depends on it.

Every use of the cache by our own code (the page cache, the form rate limit) goes through
`call()`: when the cache fails, the caller gets its default (serve the page uncached, accept the
form), the failure is logged once rather than on every request, and for RETRY_SECONDS nobody in
this process waits on the cache again. The next call after that probes it; when it answers, that
is logged too, and the `on_recovery` callbacks run before the call goes ahead (the page cache
starts a new content version, since nobody knows what changed while it was away). /healthz
reports the cache as degraded.
"""

import logging
import threading
import time
from functools import partial

from django.core.cache import cache

logger = logging.getLogger(__name__)

# An unreachable cache costs one attempt every few seconds per process, not one per request.
RETRY_SECONDS = 5.0

_lock = threading.Lock()
_state = {"down_since": None, "retry_at": 0.0, "error": ""}
_recovery_callbacks = []


def on_recovery(callback):
    """Run `callback()` whenever the cache answers again after a failure."""
    if callback not in _recovery_callbacks:
        _recovery_callbacks.append(callback)
    return callback


def failure():
    """The name of the cache's last error while it is failing, or "" while it is working."""
    return _state["error"] if _state["down_since"] is not None else ""


def _failed(error, operation):
    with _lock:
        first = _state["down_since"] is None
        now = time.monotonic()
        if first:
            _state["down_since"] = now
        _state["retry_at"] = now + RETRY_SECONDS
        _state["error"] = type(error).__name__
    if first:
        logger.warning(
            "Cache unavailable: serving pages uncached and forms without a rate limit",
            exc_info=error,
            extra={"cache_operation": operation, "error": type(error).__name__},
        )


def _recovered():
    with _lock:
        down_since = _state["down_since"]
        if down_since is None:
            return
        _state["down_since"] = None
        _state["error"] = ""
    logger.warning(
        "Cache available again",
        extra={"down_seconds": round(time.monotonic() - down_since, 1)},
    )
    for callback in _recovery_callbacks:
        callback()


def call(operation, *args, default=None, **kwargs):
    """cache.<operation>(*args, **kwargs), or `default` if the cache fails or failed just now.
    `operation` is the name of a cache method, or a function of the cache and the arguments."""
    failing = _state["down_since"] is not None
    if failing and (time.monotonic() < _state["retry_at"] or probe()):
        return default
    if isinstance(operation, str):
        function = getattr(cache, operation)
    else:
        function = partial(operation, cache)
    try:
        result = function(*args, **kwargs)
    except Exception as error:  # Any cache failure: refused, timed out, out of memory...
        _failed(error, getattr(operation, "__name__", operation))
        return default
    return result


def probe():
    """Ask the cache now, whatever happened recently: "" if it answers, else the error's name.
    For /healthz."""
    try:
        cache.get("cache-health:probe")
    except Exception as error:
        _failed(error, "get")
        return type(error).__name__
    _recovered()
    return ""

"""A real Redis for tests: a throwaway redis-server on a free loopback port (bench/services.py),
with the default cache pointed at it for the length of the block."""

import contextlib
import shutil

import pytest
from django.test import override_settings

from bench.services import Redis

needs_redis = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="needs redis-server (Debian's redis-server package, which .ci/run installs)",
)


@contextlib.contextmanager
def redis_cache():
    """Yields the running Redis (bench.services.Redis: stop() and start() it at will)."""
    with Redis() as redis:
        cache = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{redis.port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        # override_settings(CACHES=...) closes and resets django.core.cache.caches, both ways.
        with override_settings(CACHES={"default": cache}):
            yield redis

import pytest
from django.core.cache import cache
from django.test import override_settings


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    """Fast hashing, static files served without a collectstatic manifest, and plain HTTP:
    the test client and live server speak HTTP, where production redirects to HTTPS."""
    settings.SECURE_SSL_REDIRECT = False
    # The database is rolled back between tests, but the cache is not: start each test empty.
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _plain_http_for_the_live_server():
    """The browser tests' live server is started once a session, and its SecurityMiddleware reads
    SECURE_SSL_REDIRECT when it starts, before any test's settings apply: switch it off first."""
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield

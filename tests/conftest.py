import pytest
from django.core.cache import cache
from django.test import Client, override_settings


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
    SECURE_SSL_REDIRECT when it starts, before any test's settings apply: switch it off first.

    Page caching is off by default in tests: the browser tests' live server runs in another
    thread while each test empties the database without signals, and a page cached by one test
    must not answer the next. tests/test_page_cache.py switches it on to test it."""
    with override_settings(SECURE_SSL_REDIRECT=False, PAGE_CACHE_SECONDS=0):
        yield


def verified_login(client, user):
    """Sign `user` in as the admin requires: with a password (force_login stands for it) and a
    code from a confirmed TOTP device, recorded in the session as django-otp does."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="Phone", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, signed in with a second factor as our admin demands."""
    return verified_login(Client(), admin_user)

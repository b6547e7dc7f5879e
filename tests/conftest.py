import pytest


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    """Fast hashing, static files served without a collectstatic manifest, and plain HTTP:
    the test client and live server speak HTTP, where production redirects to HTTPS."""
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

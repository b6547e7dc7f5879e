import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client, override_settings

from tests.helpers.admin import PASSWORD, verified_login

# --- The whole suite on another date ------------------------------------------------------------
# `pytest --clock-offset=400d` (or 10y, or a number of days) runs every test with the clock moved
# on by that much and ticking, from before collection to the end, so a test that leans on today's
# real date fails today rather than on the day it comes true. A test that sets its own moment with
# time_machine.travel() still gets exactly that moment: the inner travel wins while it lasts.

_OFFSET = re.compile(r"^([+-]?\d+)\s*([dwy]?)$")
_DAYS = {"": 1, "d": 1, "w": 7, "y": 365}
_TRAVELLER = pytest.StashKey[time_machine.travel]()


def clock_offset(text):
    """'400d', '10y', '-3w' or '400' (days) as a timedelta; a clear error for anything else."""
    match = _OFFSET.match(text.strip().lower())
    if not match:
        raise pytest.UsageError(
            f"--clock-offset={text!r}: give a number of days, weeks or years, e.g. 400d, 10y"
        )
    amount, unit = match.groups()
    days = int(amount) * _DAYS[unit]
    if unit == "y":
        days += int(amount) // 4  # leap days, near enough: the point is a different date
    return datetime.timedelta(days=days)


def pytest_addoption(parser):
    parser.addoption(
        "--clock-offset",
        default="",
        metavar="OFFSET",
        help="run the whole suite with the clock moved on by OFFSET (400d, 10y, -3w), ticking",
    )


def pytest_configure(config):
    text = config.getoption("--clock-offset")
    if not text:
        return
    offset = clock_offset(text)
    traveller = time_machine.travel(datetime.datetime.now(datetime.UTC) + offset, tick=True)
    traveller.start()
    config.stash[_TRAVELLER] = traveller


def pytest_unconfigure(config):
    traveller = config.stash.get(_TRAVELLER, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    if config.stash.get(_TRAVELLER, None) is not None:
        now = datetime.datetime.now(datetime.UTC)
        offset = config.getoption("--clock-offset")
        return f"clock moved by {offset}: now is {now:%Y-%m-%d %H:%M} UTC"
    return None


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
    # A fresh clone has no collectstatic output: WhiteNoise serves the source folders instead.
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(scope="session", autouse=True)
def _plain_http_for_the_live_server():
    """The browser tests' live server is started once a session, and its SecurityMiddleware reads
    SECURE_SSL_REDIRECT when it starts, before any test's settings apply: switch it off first.

    Page caching is off by default in tests: the browser tests' live server runs in another
    thread while each test empties the database without signals, and a page cached by one test
    must not answer the next. tests/core/test_page_cache.py switches it on to test it."""
    with override_settings(SECURE_SSL_REDIRECT=False, PAGE_CACHE_SECONDS=0, SHARED_CACHE_SECONDS=0):
        yield


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, signed in with a second factor as our admin demands."""
    return verified_login(Client(), admin_user)


@pytest.fixture
def mdo(django_user_model):
    """A member of staff in the MDO staff group: not a superuser."""
    user = django_user_model.objects.create_user("mdo", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="MDO staff"))
    return user


@pytest.fixture
def mdo_client(mdo):
    return verified_login(Client(), mdo)

"""Production configuration: headers, health check, logs."""

import io
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.urls import reverse

from config.logging import LogfmtFormatter


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_is_unreachable(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("server closed the connection")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["status"] == "error"


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_production_redirects_to_https_and_sends_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    https = client.get("/", secure=True)
    assert https["Strict-Transport-Security"].startswith("max-age=31536000")


def test_cookies_are_secure_host_cookies_when_debug_is_off():
    assert not settings.DEBUG
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_NAME.startswith("__Host-")
    assert settings.CSRF_COOKIE_NAME.startswith("__Host-")


def test_check_deploy_reports_nothing_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "skills.example.org",
        "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    }
    env.pop("DATABASE_URL", None)
    # The browser tests' conftest sets this for the whole test process; production never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": ""}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; "
            "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup()",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_logs_are_one_readable_key_value_line():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(LogfmtFormatter())
    logger = logging.getLogger("tests.logfmt")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("Not Found: /x y", extra={"status_code": 404})
    finally:
        logger.removeHandler(handler)
    line = stream.getvalue().strip()
    assert "\n" not in line
    assert 'level=WARNING logger=tests.logfmt msg="Not Found: /x y" status_code=404' in line


@pytest.mark.django_db
def test_a_lost_database_gets_a_503_page_that_says_nothing_was_saved(client, monkeypatch):
    from networks.directory import views

    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr(views, "render", unreachable)
    client.raise_request_exception = False
    response = client.get(reverse("networks:list"))
    assert response.status_code == 503
    assert "Nothing you sent on this page has been saved" in response.content.decode()
    assert response["Retry-After"] == "30"


def get_with_the_session_middleware_raising(client, monkeypatch, error):
    """GET a page while the session middleware, which runs outside any view, raises `error`."""
    from django.contrib.sessions.middleware import SessionMiddleware

    def raising(self, request, response):
        raise error

    monkeypatch.setattr(SessionMiddleware, "process_response", raising)
    client.raise_request_exception = False
    return client.get(reverse("networks:list"))


@pytest.mark.django_db
def test_a_database_lost_outside_the_view_is_a_503_not_a_500(client, monkeypatch):
    """The session middleware reads and saves a signed-in session outside any view: losing the
    database there gets the same 503 and Retry-After as losing it in a view."""
    lost = OperationalError("the database system is shutting down")
    response = get_with_the_session_middleware_raising(client, monkeypatch, lost)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "We could not reach our database for a moment." in page
    # It may have been saved before the database went: the page does not say otherwise.
    assert "Nothing you sent on this page has been saved" not in page


@pytest.mark.django_db
def test_other_errors_outside_the_view_are_still_500s(client, monkeypatch):
    response = get_with_the_session_middleware_raising(client, monkeypatch, ValueError("a bug"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.django_db
def test_postgresql_connections_do_not_jit_compile_queries():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.django_db
def test_if_even_the_503_page_fails_the_answer_is_still_a_503(client, monkeypatch):
    from config import middleware
    from networks.directory import views

    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr(views, "render", unreachable)
    monkeypatch.setattr(middleware, "render", unreachable)
    client.raise_request_exception = False
    response = client.get(reverse("networks:list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Please try again in a minute." in response.content.decode()

"""The cron command that sends what a mail outage left unsent."""

import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from core.models import Notification

pytestmark = pytest.mark.django_db


def unsent(**fields):
    return Notification.objects.create(
        kind=Notification.Kind.ACKNOWLEDGEMENT,
        to="volunteer@museum.example",
        subject="Thank you for offering to volunteer",
        body="We will be in touch.",
        **fields,
    )


def run(*args):
    out = io.StringIO()
    call_command("send_unsent_emails", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_unsent_emails_go_out_once_the_mail_server_is_back(settings):
    with time_machine.travel("2026-11-30 09:00 +0000", tick=False):
        notification = unsent()
    with time_machine.travel("2026-11-30 09:10 +0000", tick=False):
        assert "Sent 1 email(s); 0 still unsent." in run()
    assert [m.to for m in mail.outbox] == [["volunteer@museum.example"]]
    notification.refresh_from_db()
    assert notification.sent_at is not None
    # Running again sends nothing twice.
    assert "Sent 0 email(s)" in run()
    assert len(mail.outbox) == 1


def test_a_failure_is_recorded_and_counted(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    notification = unsent()
    assert "Sent 0 email(s); 1 still unsent." in run("--older-than", "0")
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert notification.attempts == 1
    assert notification.last_error


def test_a_recent_try_and_a_hopeless_one_are_left_alone():
    with time_machine.travel("2026-11-30 09:00 +0000", tick=False):
        unsent(attempts=1, last_attempt_at="2026-11-30T08:59:30+00:00")
        unsent(attempts=20, last_attempt_at="2026-11-29T08:00:00+00:00")
        assert "Sent 0 email(s)" in run()
    assert mail.outbox == []


def test_dry_run_sends_nothing():
    unsent()
    assert "Would send: Thank you for offering to volunteer" in run("--dry-run")
    assert mail.outbox == []

"""Helpers for the directory's freshness: the moment its tests are set at, and the reminder
command run as cron runs it."""

import datetime
import io

from django.core.management import call_command

NOW = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


def run_reminders(*args):
    out = io.StringIO()
    call_command("send_contact_reminders", *args, stdout=out)
    return out.getvalue()

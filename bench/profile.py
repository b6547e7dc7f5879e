"""Where an uncached page's time goes: `python bench/profile.py` in make bench's environment.

Each page is asked for in this process through Django's test client, with the page cache off,
one request at a time: the median of --requests requests, split into the database (time in
cursor.execute, and how many queries), template rendering (the outermost Template.render) and
the rest (middleware, the view's Python, building queries, reading rows into models; a query
a template runs counts as database). The same
pages as the load tables, and the four admin lists, signed in as staff.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import base  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from networks.models import Event, Network  # noqa: E402


class Clock:
    """Time spent in the database and in templates during one request."""

    def __init__(self):
        self.database = self.templates = self.database_in_templates = 0.0
        self.queries = self.depth = 0

    def execute(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.database += spent
            # A queryset a template reads runs its query while the template renders.
            if self.depth:
                self.database_in_templates += spent
            self.queries += 1


CLOCK = Clock()
_render = base.Template.render


def _timed_render(self, context):
    CLOCK.depth += 1
    started = time.perf_counter()
    try:
        return _render(self, context)
    finally:
        CLOCK.depth -= 1
        if CLOCK.depth == 0:
            CLOCK.templates += time.perf_counter() - started


base.Template.render = _timed_render


def public_pages():
    network = Network.objects.public().order_by("pk").first()
    event = Event.objects.published().upcoming().first()
    return {
        "/": "/",
        "/networks/": "/networks/",
        "network page": network.get_absolute_url(),
        "/events/": "/events/",
        "event page": event.get_absolute_url(),
        "search": "/search/?q=collections+care",
        "calendar feed": reverse("events:feed"),
        "HSDS services": "/api/hsds/services",
        "robots.txt": "/robots.txt",
    }


def staff_client():
    user = get_user_model().objects.filter(username="bench-staff").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-staff", "bench@localhost", None)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Phone", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def admin_pages():
    names = {
        "admin: networks": "networks_network",
        "admin: events": "networks_event",
        "admin: volunteers": "mentoring_volunteer",
        "admin: bookings": "networks_booking",
    }
    return {name: reverse(f"admin:{model}_changelist") for name, model in names.items()}


def measure(client, path, requests):
    for _ in range(3):  # warm up: connections, template loading, per-process memos
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    rows = []
    for _ in range(requests):
        CLOCK.__init__()
        with connection.execute_wrapper(CLOCK.execute):
            started = time.perf_counter()
            client.get(path)
            total = time.perf_counter() - started
        templates = CLOCK.templates - CLOCK.database_in_templates
        rows.append((total, CLOCK.database, templates, CLOCK.queries))
    rows.sort()
    total, database, templates, queries = rows[len(rows) // 2]
    return {
        "total": total * 1000,
        "database": database * 1000,
        "templates": templates * 1000,
        "rest": (total - database - templates) * 1000,
        "queries": queries,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=21)
    args = parser.parse_args()
    print(
        f"{'page':<18} {'median ms':>9} {'database':>9} {'queries':>7} {'templates':>9} "
        f"{'the rest':>9}"
    )
    visitor, staff = Client(), staff_client()
    for client, pages in ((visitor, public_pages()), (staff, admin_pages())):
        for name, path in pages.items():
            r = measure(client, path, args.requests)
            print(
                f"{name:<18} {r['total']:>9.1f} {r['database']:>9.1f} {r['queries']:>7} "
                f"{r['templates']:>9.1f} {r['rest']:>9.1f}"
            )


if __name__ == "__main__":
    main()

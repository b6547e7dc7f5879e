"""Members of staff matching the same volunteer at the same moment, each in their own request
and database connection: the volunteer's row is locked while a match is checked and saved, so
their capacity holds and everyone else is told why, rather than shown an error page.

PostgreSQL only: SQLite has no row locks (it lets one writer in at a time, so there is no race
to test). CI runs the suite on PostgreSQL as well."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from mentoring.models import Match, SupportRequest
from tests.helpers.admin import admin_url, verified_login
from tests.mentoring.factories import SupportRequestFactory, VolunteerFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

STAFF = 4
# What matching needs; given to each member of staff here rather than through the MDO staff
# group, which a transactional test cannot rely on (an earlier one may have emptied the tables).
MATCHING_PERMISSIONS = ["view_volunteer", "view_supportrequest", "view_match", "add_match"]


@pytest.fixture
def staff_clients(django_user_model):
    permissions = Permission.objects.filter(
        content_type__app_label="mentoring", codename__in=MATCHING_PERMISSIONS
    )
    clients = []
    for number in range(STAFF):
        user = django_user_model.objects.create_user(f"staff{number}", is_staff=True)
        user.user_permissions.set(permissions)
        clients.append(verified_login(Client(), user))
    return clients


@pytest.fixture
def slow_capacity_check(monkeypatch):
    """Holds each match a moment between passing the capacity check and being saved, so that
    without the lock every request would pass the check before any match exists."""
    check = Match.check_capacity

    def check_then_wait(self, volunteer, others):
        check(self, volunteer, others)
        time.sleep(0.3)

    monkeypatch.setattr(Match, "check_capacity", check_then_wait)


@pytest.mark.parametrize(
    ("museums", "refusal"),
    [
        (STAFF, "Ada offered to support 1 museum at once and is already at that limit"),
        # All to the same museum: one open match per museum, volunteer and role.
        (1, "Ada is already matched to this request in this role."),
    ],
    ids=["different museums", "the same museum"],
)
def test_staff_matching_one_volunteer_at_once_cannot_exceed_their_capacity(
    staff_clients, slow_capacity_check, museums, refusal
):
    volunteer = VolunteerFactory(name="Ada", capacity=1)
    support_requests = [SupportRequestFactory() for _ in range(museums)] * (STAFF // museums)
    everyone_ready = threading.Barrier(STAFF)

    def match(client, support_request):
        try:
            everyone_ready.wait(timeout=10)
            response = client.post(
                admin_url(Match, "add"),
                {
                    "support_request": support_request.pk,
                    "volunteer": volunteer.pk,
                    "role": "mentor",
                    "started_on": timezone.localdate().isoformat(),
                },
            )
            return response.status_code, response.content.decode()
        finally:
            connections.close_all()  # This thread's own connection.

    with ThreadPoolExecutor(max_workers=STAFF) as pool:
        results = list(pool.map(match, staff_clients, support_requests))

    codes = sorted(code for code, _ in results)
    assert codes == [200] * (STAFF - 1) + [302]  # One saved and redirected; no error page.
    for code, html in results:
        if code == 200:
            assert refusal in html
    [saved] = Match.objects.all()
    assert saved.volunteer == volunteer
    statuses = dict(SupportRequest.objects.values_list("pk", "status"))
    assert statuses.pop(saved.support_request_id) == SupportRequest.Status.MATCHED
    assert list(statuses.values()) == [SupportRequest.Status.NEW] * (museums - 1)

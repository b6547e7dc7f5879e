"""The MDO staff group: exactly the daily work's permissions, granted by each app's own
migrations, and enough to do that work without being a superuser."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.models import Notification
from mentoring.models import Match, SupportRequest, Volunteer
from networks.models import Event, Network, Suggestion
from tests.core.factories import NotificationFactory
from tests.helpers.admin import NETWORKS_CSV, add_network_with_a_role, admin_url, import_file
from tests.mentoring.factories import SupportRequestFactory, VolunteerFactory
from tests.networks.factories import (
    EventFactory,
)

staff_group = importlib.import_module("networks.migrations.0004_mdo_staff_group")
staff_resources = importlib.import_module("networks.migrations.0006_mdo_staff_look_after_resources")
# Each app grants the group what it needs of its own models.
GRANTS_BY_APP = [
    ("core", importlib.import_module("core.migrations.0001_initial").PERMISSIONS),
    (
        "mentoring",
        importlib.import_module(
            "mentoring.migrations.0003_outbox_and_status_log_move_to_core"
        ).PERMISSIONS,
    ),
    (
        "mentoring",
        importlib.import_module(
            "mentoring.migrations.0005_register_skills_grants_privacy"
        ).PERMISSIONS,
    ),
    (
        "networks",
        importlib.import_module(
            "networks.migrations.0014_networks_manage_their_pages"
        ).STAFF_PERMISSIONS,
    ),
    (
        "networks",
        importlib.import_module("networks.migrations.0016_bookings").STAFF_PERMISSIONS,
    ),
]


def granted_by_migrations():
    return (
        set(staff_group.codenames())
        | set(staff_resources.PERMISSIONS)
        | {
            (app_label, f"{action}_{model}")
            for app_label, models in GRANTS_BY_APP
            for model, actions in models.items()
            for action in actions
        }
    )


pytestmark = pytest.mark.django_db


def test_the_group_holds_exactly_the_daily_work_permissions(mdo):
    granted = {
        (p.content_type.app_label, p.codename)
        for p in Group.objects.get(name="MDO staff").permissions.select_related("content_type")
    }
    assert granted == granted_by_migrations()
    # Exactly what the daily work needed before the outbox moved to core.
    assert {("core", "view_notification"), ("core", "change_notification")} <= granted
    assert ("mentoring", "add_match") in granted
    assert not any(codename.endswith("_user") or "group" in codename for _, codename in granted)


def test_mdo_staff_do_the_daily_work_without_being_superusers(mdo, mdo_client):
    assert not mdo.is_superuser
    client = mdo_client
    assert "open support requests" in client.get(reverse("admin:index")).content.decode()

    # Add a network with its contact.
    network = add_network_with_a_role(client).network

    # Cancel an event and duplicate another.
    event = EventFactory()
    client.post(admin_url(Event), {"action": "cancel_events", "_selected_action": [event.pk]})
    client.post(admin_url(Event), {"action": "duplicate_as_drafts", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert Event.objects.filter(is_published=False).count() == 1

    # Triage a volunteer and a request, and match them.
    volunteer = VolunteerFactory(status=Volunteer.Status.NEW)
    volunteer.change_status(Volunteer.Status.ACTIVE, by=mdo)
    support_request = SupportRequestFactory()
    assert client.get(admin_url(SupportRequest, "change", support_request.pk)).status_code == 200
    response = client.post(
        admin_url(Match, "add"),
        {
            "support_request": support_request.pk,
            "volunteer": volunteer.pk,
            "role": "mentor",
            "started_on": "2026-11-02",
        },
    )
    assert response.status_code == 302
    assert Match.objects.get().volunteer == volunteer

    # Resolve a suggestion, resend an email, export a list, read a history.
    suggestion = Suggestion.objects.create(network=network, kind="other", details="x")
    client.post(admin_url(Suggestion), {"action": "mark_done", "_selected_action": [suggestion.pk]})
    assert Suggestion.objects.get().status == "done"
    NotificationFactory()
    response = client.post(
        admin_url(Notification),
        {
            "action": "send_again",
            "_selected_action": list(Notification.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )
    assert "queued to send again" in response.content.decode()
    response = client.post(
        admin_url(Network), {"action": "export_as_csv", "_selected_action": [network.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert client.get(admin_url(Network, "history", network.pk)).status_code == 200

    # Import networks from a file.
    response = import_file(client, Network, NETWORKS_CSV)
    assert Network.objects.filter(slug="textile-conservators").exists()

    # But not the site's own administration, nor deleting a network or an event.
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(admin_url(Network, "delete", network.pk)).status_code == 403
    assert client.get(admin_url(Event, "delete", event.pk)).status_code == 403
    assert client.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 403

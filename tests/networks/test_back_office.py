"""The back office: the dashboard, the MDO staff group doing the daily work without being
superusers, two-factor sign-in, login throttling, import with a preview, CSV export that cannot
smuggle in a formula, and the change history."""

import csv
import datetime
import importlib
import io

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import Workbook

from core.models import Notification
from mentoring.models import Match, SupportRequest, Volunteer
from networks.models import Event, Network, NetworkRole, Person, Suggestion, Venue
from tests.conftest import verified_login
from tests.factories import (
    EventFactory,
    NetworkFactory,
    NetworkRoleFactory,
    SubRegionFactory,
    TopicFactory,
    VenueFactory,
)
from tests.mentoring.factories import NotificationFactory, SupportRequestFactory, VolunteerFactory
from tests.networks.test_admin import add_network_with_a_role

pytestmark = pytest.mark.django_db

staff_group = importlib.import_module("networks.migrations.0004_mdo_staff_group")
staff_resources = importlib.import_module("networks.migrations.0006_mdo_staff_look_after_resources")
# Each app grants the group what it needs of its own models.
GRANTS_BY_APP = {
    "core": importlib.import_module("core.migrations.0001_initial").PERMISSIONS,
    "mentoring": importlib.import_module(
        "mentoring.migrations.0003_outbox_and_status_log_move_to_core"
    ).PERMISSIONS,
}


def granted_by_migrations():
    return (
        set(staff_group.codenames())
        | set(staff_resources.PERMISSIONS)
        | {
            (app_label, f"{action}_{model}")
            for app_label, models in GRANTS_BY_APP.items()
            for model, actions in models.items()
            for action in actions
        }
    )


PASSWORD = "a long and unusual passphrase"


def admin_url(model, action="changelist", *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=args)


@pytest.fixture
def mdo(django_user_model):
    """A member of staff in the MDO staff group: not a superuser."""
    user = django_user_model.objects.create_user("mdo", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="MDO staff"))
    return user


@pytest.fixture
def mdo_client(mdo):
    return verified_login(Client(), mdo)


# --- The dashboard ------------------------------------------------------------------------------


def dashboard_counts(response):
    return {card["label"]: (card["count"], card["url"]) for card in response.context["dashboard"]}


def make_work(rows):
    VolunteerFactory.create_batch(rows, status=Volunteer.Status.NEW)
    VolunteerFactory(status=Volunteer.Status.ACTIVE)
    SupportRequestFactory.create_batch(rows, status=SupportRequest.Status.NEW)
    SupportRequestFactory(status=SupportRequest.Status.IN_PROGRESS)
    SupportRequestFactory(status=SupportRequest.Status.CLOSED)
    network = NetworkFactory()
    for _ in range(rows):
        Suggestion.objects.create(network=network, kind="other", details="x")
    Suggestion.objects.create(network=network, kind="other", details="x", status="done")
    NetworkRoleFactory.create_batch(rows, confirmed_on=datetime.date(2020, 1, 1))
    NetworkRoleFactory(confirmed_on=datetime.date.today())
    EventFactory.create_batch(
        rows, start=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)
    )
    EventFactory(start=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=40))


@pytest.mark.parametrize("rows", [5, 50])
def test_dashboard_counts_link_to_filtered_lists_in_constant_queries(
    admin_client, django_assert_num_queries, rows
):
    make_work(rows)
    admin_client.get(reverse("admin:index"))  # Warm the content-type cache.
    # Session, user, second factor; one count for each of the five cards; the recent actions.
    with django_assert_num_queries(9):
        response = admin_client.get(reverse("admin:index"))
    counts = dashboard_counts(response)
    # The network with no confirmation at all (the suggestions' network) needs review too.
    assert {label: count for label, (count, _) in counts.items()} == {
        "new volunteer offers": rows,
        "open support requests": rows + 1,
        "open suggestions of updates": rows,
        "networks needing review": rows + 1,
        "events in the next 30 days": rows,
    }
    html = response.content.decode()
    for label, (count, url) in counts.items():
        assert f'href="{url.replace("&", "&amp;")}"' in html
        listed = admin_client.get(url).context["cl"].result_count
        assert listed == count, label


def test_dashboard_shows_only_what_the_user_may_see(django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    response = verified_login(Client(), viewer).get(reverse("admin:index"))
    assert list(dashboard_counts(response)) == ["events in the next 30 days"]


# --- The MDO staff group ------------------------------------------------------------------------


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


# --- Two-factor sign-in -------------------------------------------------------------------------


def sign_in(client, username, password, token="", address="127.0.0.1"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": token, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def current_code(device):
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(6)


@pytest.fixture
def device(mdo):
    return TOTPDevice.objects.create(user=mdo, name="Phone", confirmed=True)


def test_the_admin_refuses_a_password_without_a_second_factor(client, mdo, device):
    response = sign_in(client, "mdo", PASSWORD)
    assert response.status_code == 200
    assert "Enter the 6-digit code from your authenticator app." in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302  # Still signed out.


def test_the_admin_refuses_a_wrong_code(client, mdo, device):
    wrong = str((int(current_code(device)) + 1) % 1_000_000).zfill(6)
    response = sign_in(client, "mdo", PASSWORD, wrong)
    assert "That code is not right" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_password_and_the_current_code_sign_in(client, mdo, device):
    response = sign_in(client, "mdo", PASSWORD, current_code(device))
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_signed_in_session_without_a_verified_device_is_not_staff(client, mdo, device):
    client.force_login(mdo)  # A password alone, as a session would record it.
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_a_device_are_told_to_ask_for_one(client, mdo):
    response = sign_in(client, "mdo", PASSWORD, "123456")
    assert "Your account has no authenticator app set up" in response.content.decode()


def test_enrolling_a_device_prints_what_the_app_needs(mdo):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("add_totp_device", "mdo", stdout=out)
    device = TOTPDevice.objects.get(user=mdo)
    assert device.confirmed
    assert device.config_url in out.getvalue()
    call_command("add_totp_device", "mdo", "--replace", stdout=io.StringIO())
    assert TOTPDevice.objects.filter(user=mdo).count() == 1


# --- Login throttling (django-axes) -------------------------------------------------------------


def test_five_wrong_passwords_lock_that_username_from_that_address_until_the_cool_off(mdo, device):
    start = datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        attacker = Client()
        for _ in range(5):
            response = sign_in(attacker, "mdo", "wrong", address="203.0.113.9")
        assert response.status_code == 429
        assert "Too many failed sign-ins" in response.content.decode()
        assert "15 minutes" in response.content.decode()
        # The right password from that address is refused too...
        response = sign_in(attacker, "mdo", PASSWORD, current_code(device), "203.0.113.9")
        assert response.status_code == 429
        # ...but nobody can lock staff out from elsewhere, nor other people from there.
        traveller.shift(datetime.timedelta(seconds=30))
        elsewhere = sign_in(Client(), "mdo", PASSWORD, current_code(device), "198.51.100.7")
        assert elsewhere.status_code == 302
        assert sign_in(Client(), "someone", "wrong", address="203.0.113.9").status_code == 200

        # After the cool-off the address may try again.
        traveller.shift(datetime.timedelta(minutes=16))
        response = sign_in(Client(), "mdo", PASSWORD, current_code(device), "203.0.113.9")
        assert response.status_code == 302


# --- Import ---------------------------------------------------------------------------------------


NETWORKS_CSV = (
    "slug,name,kind,status,sub_region,parent,topics,summary,description,website,how_to_join,"
    "display_order\n"
    "textile-conservators,Textile Conservators,practitioner,active,,,,Textile people.,,,,0\n"
)


def import_file(client, model, content, *, name="import.csv", file_format="0", confirm=True):
    upload = SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())
    preview = client.post(
        admin_url(model, "import"),
        {"import_file": upload, "format": file_format, "resource": "0"},
    )
    assert preview.status_code == 200
    form = preview.context.get("confirm_form")
    if not confirm or form is None:
        return preview
    return client.post(admin_url(model, "process_import"), form.initial, follow=True)


def test_import_previews_rows_before_saving_anything(admin_client):
    SubRegionFactory(slug="west-london", name="West London")
    TopicFactory(slug="textiles", name="Textiles")
    content = (
        "slug,name,kind,status,sub_region,topics,summary\n"
        "west-group,West Group,Sub-regional network,active,west-london,textiles,West.\n"
    )
    preview = import_file(admin_client, Network, content, confirm=False)
    html = preview.content.decode()
    assert "West Group" in html
    assert preview.context["result"].totals["new"] == 1
    assert not Network.objects.filter(slug="west-group").exists()

    done = import_file(admin_client, Network, content)
    assert done.status_code == 200
    network = Network.objects.get(slug="west-group")
    assert (network.kind, network.sub_region.slug) == ("sub_regional", "west-london")
    assert [t.slug for t in network.topics.all()] == ["textiles"]
    record = network.history.first()
    assert record.history_change_reason == "Imported from a file"
    assert record.history_user.is_superuser


def test_a_file_with_bad_rows_names_each_and_saves_nothing(admin_client):
    NetworkFactory(slug="taken-parent")
    content = (
        "slug,name,kind,status,sub_region,parent\n"
        "good-one,Good One,area,active,,\n"
        "bad-kind,Bad Kind,club,active,,\n"
        "bad-region,Bad Region,area,active,nowhere,\n"
        "bad-website,Bad Website,area,active,,taken-parent\n"
        ",No Slug,area,active,,\n"
    )
    preview = import_file(admin_client, Network, content)
    result = preview.context["result"]
    assert result.has_validation_errors()
    html = preview.content.decode()
    assert "“club” is not a kind of network" in html
    assert "There is no sub-region with the slug “nowhere”." in html
    invalid_rows = {row.number for row in result.invalid_rows}
    assert invalid_rows == {2, 3, 5}
    assert preview.context.get("confirm_form") is None  # Nothing to confirm until it is fixed.
    assert not Network.objects.filter(slug__in=["good-one", "bad-website"]).exists()


def test_import_people_roles_and_events(admin_client):
    import_file(
        admin_client,
        Person,
        "name,email,phone,organisation\nAda Lovelace,ADA@museum.example,,Tram Museum\n",
    )
    network = NetworkFactory(slug="west-group")
    import_file(
        admin_client,
        NetworkRole,
        "network,person,role,is_public,confirmed_on\nwest-group,ada@museum.example,Chair,1,2026-03-02\n",
    )
    role = NetworkRole.objects.get()
    assert (role.network, role.person.name, role.role) == (network, "Ada Lovelace", "chair")
    assert role.confirmed_on == datetime.date(2026, 3, 2)
    # Importing the same person again updates them, matched by email in any case.
    import_file(admin_client, Person, "name,email\nAda King,ada@MUSEUM.example\n")
    assert Person.objects.get().name == "Ada King"

    venue = VenueFactory(name="Docklands", postcode="E14 4AL")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["slug", "title", "kind", "start", "end", "network", "venue", "is_free"])
    sheet.append(
        [
            "textile-day",
            "Textile day",
            "mdo_training",
            datetime.datetime(2027, 2, 3, 10),
            datetime.datetime(2027, 2, 3, 13),
            "west-group",
            "Docklands, E14 4AL",
            1,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_file(admin_client, Event, buffer.getvalue(), name="events.xlsx", file_format="1")
    event = Event.objects.get(slug="textile-day")
    assert (event.network, event.venue, event.is_free) == (network, venue, True)
    assert event.when == "Wednesday 3 February 2027, 10am to 1pm"


def test_an_event_row_breaking_a_rule_is_named_with_the_rules_own_message(admin_client):
    content = (
        "slug,title,kind,start,end,organiser_name\n"
        "backwards,Backwards,webinar,2027-02-03 13:00,2027-02-03 10:00,MDO team\n"
    )
    preview = import_file(admin_client, Event, content)
    assert "The end must be after the start." in preview.content.decode()
    assert not Event.objects.exists()


# --- Export ---------------------------------------------------------------------------------------


def export(client, model, records):
    response = client.post(
        admin_url(model),
        {"action": "export_as_csv", "_selected_action": [r.pk for r in records]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


FORMULAS = ["=1+1", "+44 20", "-2+3", "@SUM(A1)", '=HYPERLINK("http://evil.example")']


@pytest.mark.parametrize("formula", FORMULAS)
def test_exports_neutralise_formulas_in_every_list(admin_client, formula):
    network = NetworkFactory(name=formula, summary=formula)
    [row] = export(admin_client, Network, [network])
    assert row["name"] == row["summary"] == "'" + formula
    venue = VenueFactory(name=formula)
    [row] = export(admin_client, Venue, [venue])
    assert row["museum site name"] == "'" + formula
    volunteer = VolunteerFactory(availability=formula)
    [row] = export(admin_client, Volunteer, [volunteer])
    assert row["availability"] == "'" + formula
    assert "submission token" not in row


def test_an_exported_file_imports_back_unchanged(admin_client):
    network = NetworkFactory(slug="formula-group", summary="=not a formula")
    exported = admin_client.post(
        admin_url(Network), {"action": "export_as_csv", "_selected_action": [network.pk]}
    ).content.decode("utf-8-sig")
    Network.objects.filter(pk=network.pk).update(summary="changed")
    import_file(admin_client, Network, exported)
    network.refresh_from_db()
    assert network.summary == "=not a formula"


def test_every_list_of_ours_can_export(admin_client):
    from django.contrib import admin

    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in ("networks", "mentoring"):
            request = admin_client.get(admin_url(model)).wsgi_request
            assert "export_as_csv" in model_admin.get_actions(request), (
                f"{model.__name__}: give its admin config.admin_site.ExportCsvMixin"
            )


# --- History ------------------------------------------------------------------------------------


def test_history_shows_who_changed_what(admin_client, admin_user):
    event = EventFactory(title="Caring for textiles")
    data = {
        "title": "Caring for silk",
        "slug": event.slug,
        "kind": event.kind,
        "status": event.status,
        "is_published": "on",
        "start_0": "2027-01-05",
        "start_1": "10:00",
        "end_0": "2027-01-05",
        "end_1": "13:00",
        "attendance_mode": event.attendance_mode,
        "venue": event.venue_id,
        "organiser_name": "MDO team",
        "is_free": "on",
    }
    assert admin_client.post(admin_url(Event, "change", event.pk), data).status_code == 302
    html = admin_client.get(admin_url(Event, "history", event.pk)).content.decode()
    assert admin_user.username in html
    assert "Caring for silk" in html
    latest = event.history.first()
    assert latest.history_user == admin_user
    assert "title" in latest.diff_against(latest.prev_record).changed_fields


def test_anonymising_a_volunteer_blanks_their_history_too():
    volunteer = VolunteerFactory(name="Ada Lovelace", email="ada@example.org")
    volunteer.change_status(Volunteer.Status.WITHDRAWN)
    volunteer.anonymise()
    assert not volunteer.history.filter(name="Ada Lovelace").exists()
    assert not volunteer.history.exclude(email="").exists()


@pytest.mark.parametrize("file_format", ["0", "1"], ids=["csv", "xlsx"])
@pytest.mark.parametrize(
    "content",
    [b"\x00\xff\xfe junk \x89PNG", b"", b"a,b\n1,2\n", "slug,name\n\u202e,=1\n".encode()],
    ids=["binary", "empty", "unknown-columns", "bad-slug"],
)
def test_a_junk_file_gets_a_message_not_an_error_and_saves_nothing(
    admin_client, file_format, content
):
    before = Network.objects.count()
    response = import_file(admin_client, Network, content, file_format=file_format, confirm=False)
    assert response.status_code == 200
    assert Network.objects.count() == before

"""The admin site: its dashboard, two-factor sign-in and login throttling."""

import base64
import datetime
import io
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mentoring.models import SupportRequest, Volunteer
from networks.models import ContactChange, Suggestion
from tests.helpers.admin import PASSWORD, verified_login
from tests.mentoring.factories import SupportRequestFactory, VolunteerFactory
from tests.networks.factories import (
    EventFactory,
    NetworkFactory,
    NetworkRoleFactory,
)

pytestmark = pytest.mark.django_db


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
    for status in [ContactChange.Status.PENDING] * rows + [ContactChange.Status.PUBLISHED]:
        ContactChange.objects.create(
            network=network, kind=ContactChange.Kind.NETWORK, status=status, after={"summary": "x"}
        )
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
    # Session, user, second factor; one count for each of the six cards; the events booked on
    # this site with their places, in one; the recent actions.
    with django_assert_num_queries(11):
        response = admin_client.get(reverse("admin:index"))
    counts = dashboard_counts(response)
    # The network with no confirmation at all (the suggestions' network) needs review too.
    assert {label: count for label, (count, _) in counts.items()} == {
        "new volunteer offers": rows,
        "open support requests": rows + 1,
        "open suggestions of updates": rows,
        "changes by network contacts waiting for review": rows,
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


def wrong_code(device):
    return str((int(current_code(device)) + 1) % 1_000_000).zfill(6)


SIGN_IN_FAILED = "Enter a correct username, password and code from your authenticator app."


def errors(response):
    """What the sign-in page says is wrong, as a person reads it."""
    return re.findall(r'<p class="errornote">\s*(.*?)\s*</p>', response.content.decode(), re.S)


def test_the_admin_refuses_a_wrong_code(client, mdo, device):
    response = sign_in(client, "mdo", PASSWORD, wrong_code(device))
    assert SIGN_IN_FAILED in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_failed_sign_in_does_not_say_which_part_was_wrong(client, mdo, device, django_user_model):
    django_user_model.objects.create_user("visitor", password=PASSWORD)  # Not staff.
    answers = {
        "wrong code": sign_in(Client(), "mdo", PASSWORD, wrong_code(device)),
        "wrong password": sign_in(Client(), "mdo", "wrong", current_code(device)),
        "both wrong": sign_in(Client(), "mdo", "wrong", wrong_code(device)),
        "no such user": sign_in(Client(), "nobody", PASSWORD, current_code(device)),
        "not staff": sign_in(Client(), "visitor", PASSWORD, current_code(device)),
    }
    for what, response in answers.items():
        assert response.status_code == 200, what
        assert errors(response) == [
            SIGN_IN_FAILED + " The code changes every 30 seconds: enter "
            "the newest one the app shows."
        ], what
        # Nor does the page around the message differ: no device choice appears, for instance.
        assert 'name="otp_device"' not in response.content.decode(), what


def test_a_missing_code_is_asked_for_whatever_the_password(client, mdo, device):
    right = sign_in(Client(), "mdo", PASSWORD)
    wrong = sign_in(Client(), "mdo", "wrong")
    assert errors(right) == errors(wrong) == ["Please correct the error below."]
    for response in (right, wrong):
        assert "Enter the 6-digit code from your authenticator app." in response.content.decode()
        assert 'name="otp_device"' not in response.content.decode()
    # Each is a failed sign-in, and counted as one.
    assert AccessAttempt.objects.get(username="mdo").failures_since_start == 2


def test_a_password_and_the_current_code_sign_in(client, mdo, device):
    response = sign_in(client, "mdo", PASSWORD, current_code(device))
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_someone_with_two_devices_chooses_which_the_code_is_from(client, mdo, device):
    tablet = TOTPDevice.objects.create(user=mdo, name="Tablet", confirmed=True)
    response = sign_in(client, "mdo", PASSWORD, current_code(tablet))
    assert "Choose which authenticator device the code is from." in response.content.decode()
    assert 'name="otp_device"' in response.content.decode()
    response = client.post(
        reverse("admin:login"),
        {
            "username": "mdo",
            "password": PASSWORD,
            "otp_device": tablet.persistent_id,
            "otp_token": current_code(tablet),
            "next": "/admin/",
        },
    )
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


def test_wrong_codes_count_towards_the_lockout_as_wrong_passwords_do(mdo, device):
    start = datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        attacker = Client()
        # Someone who has the password but not the phone: three wrong codes...
        for _ in range(3):
            response = sign_in(attacker, "mdo", PASSWORD, wrong_code(device), "203.0.113.9")
            assert response.status_code == 200
            traveller.shift(datetime.timedelta(seconds=10))
        # ...and two wrong passwords make the five failures that pause signing in there.
        sign_in(attacker, "mdo", "wrong", current_code(device), "203.0.113.9")
        response = sign_in(attacker, "mdo", "wrong", current_code(device), "203.0.113.9")
        assert response.status_code == 429
        assert "Too many failed sign-ins" in response.content.decode()
        traveller.shift(datetime.timedelta(seconds=30))
        response = sign_in(attacker, "mdo", PASSWORD, current_code(device), "203.0.113.9")
        assert response.status_code == 429

        # After the cool-off the right password and code sign in, and the count starts again.
        traveller.shift(datetime.timedelta(minutes=16))
        response = sign_in(Client(), "mdo", PASSWORD, current_code(device), "203.0.113.9")
        assert response.status_code == 302
        assert not AccessAttempt.objects.exists()


def test_five_wrong_codes_lock_that_username_from_that_address(mdo, device):
    start = datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(5):
            response = sign_in(Client(), "mdo", PASSWORD, wrong_code(device), "203.0.113.9")
            traveller.shift(datetime.timedelta(seconds=20))
        assert response.status_code == 429
        assert AccessAttempt.objects.get().failures_since_start == 5
        response = sign_in(Client(), "mdo", PASSWORD, current_code(device), "203.0.113.9")
        assert response.status_code == 429


# --- Looking like ours --------------------------------------------------------------------------


def test_the_index_names_every_app_in_plain_words(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    headings = re.findall(r"<caption>\s*<a [^>]*>(.*?)</a>", html, re.S)
    for heading in ["Two-factor sign-in", "Sign-in attempts", "Background tasks"]:
        assert heading in headings
    assert not {"OTP_TOTP", "Otp_Totp", "Axes", "Tasks Database Backend"} & set(headings)


def test_the_lockout_page_wears_the_admin_branding(mdo, device):
    for _ in range(5):
        response = sign_in(Client(), "mdo", "wrong", address="203.0.113.9")
    assert response.status_code == 429
    html = response.content.decode()
    assert "<title>Too many failed sign-ins | Skills sharing admin</title>" in html
    assert "Skills sharing: MDO staff" in html
    assert "Django" not in html


def favicon(html):
    return re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)


def test_every_admin_page_links_an_icon_that_exists(client, admin_client, mdo, device):
    pages = [
        client.get(reverse("admin:login")),
        admin_client.get(reverse("admin:index")),
        admin_client.get(reverse("admin:networks_network_changelist")),
        admin_client.get(reverse("admin:networks_network_add")),
    ]
    for _ in range(5):
        locked = sign_in(Client(), "mdo", "wrong", address="203.0.113.9")
    for response in [*pages, locked]:
        link = favicon(response.content.decode())
        assert link, response.request["PATH_INFO"]
    icon = client.get(link.group(1))
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content if icon.streaming else [icon.content])


# --- Setting up an authenticator app ------------------------------------------------------------


def test_a_device_set_up_page_gives_the_key_to_type_in_without_a_qr_code(
    admin_client, mdo, device, monkeypatch
):
    monkeypatch.setattr("config.third_party_admin.can_draw_qr_codes", lambda: False)
    change = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    setup_url = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
    assert f'<a href="{setup_url}">Set-up key for the authenticator app</a>' in (
        change.content.decode()
    )

    response = admin_client.get(setup_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "qrcode" not in html  # No image that cannot be drawn.
    key = re.search(r'<code id="setup-key">([A-Z2-7 ]+)</code>', html).group(1)
    # An app given the typed key makes the codes the sign-in takes.
    key = key.replace(" ", "")
    typed = TOTPDevice(user=mdo, key=base64.b32decode(key + "=" * (-len(key) % 8)).hex())
    assert current_code(typed) == current_code(device)
    assert device.config_url.replace("&", "&amp;") in html
    qrcode = reverse("admin:otp_totp_totpdevice_qrcode", kwargs={"pk": device.pk})
    assert admin_client.get(qrcode).status_code == 404


def test_the_set_up_page_of_a_device_that_does_not_exist_is_not_found(admin_client):
    url = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": 999_999})
    assert admin_client.get(url).status_code == 404

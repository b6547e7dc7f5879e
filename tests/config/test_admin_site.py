"""The admin site: its dashboard, two-factor sign-in and login throttling."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mentoring.models import SupportRequest, Volunteer
from networks.models import Suggestion
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

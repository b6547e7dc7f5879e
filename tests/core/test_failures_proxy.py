"""Behind a reverse proxy, one visitor's mistakes lock out only that visitor: the form rate
limit and the sign-in lockout (django-axes) count by the client's address as the proxy saw it,
and X-Forwarded-For from anyone else is ignored, so nobody dodges a limit by writing it."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mentoring.models import Volunteer
from tests.helpers.admin import PASSWORD
from tests.helpers.public_forms import volunteer_answers

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def _behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    settings.FORM_RATE_LIMIT_COUNT = 2


def volunteer(client, n, **headers):
    answers = volunteer_answers(email=f"person{n}@example.org")
    return client.post(reverse("mentoring:volunteer"), answers, **headers)


def via_proxy(address):
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


def test_two_visitors_behind_one_proxy_have_their_own_form_limit():
    first, second = Client(), Client()
    for n in range(2):
        assert volunteer(first, n, **via_proxy("198.51.100.1")).status_code == 302
    assert volunteer(first, 2, **via_proxy("198.51.100.1")).status_code == 429
    # Someone else behind the same proxy is not blocked by the first visitor.
    assert volunteer(second, 3, **via_proxy("198.51.100.2")).status_code == 302
    assert Volunteer.objects.count() == 3


def test_a_forwarded_address_from_anyone_but_our_proxy_is_ignored():
    """A client talking to gunicorn directly cannot pick a new address for each form."""
    for n in range(2):
        headers = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}
        assert volunteer(Client(), n, **headers).status_code == 302
    headers = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.99"}
    assert volunteer(Client(), 9, **headers).status_code == 429
    assert Volunteer.objects.count() == 2


def sign_in(username, password, token="", **headers):
    return Client().post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": token, "next": "/admin/"},
        **headers,
    )


def current_code(device):
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(6)


def test_wrong_passwords_behind_the_proxy_lock_out_only_that_visitor(mdo):
    device = TOTPDevice.objects.create(user=mdo, name="Phone", confirmed=True)
    for _ in range(5):
        response = sign_in("mdo", "wrong", **via_proxy("203.0.113.9"))
    assert response.status_code == 429
    response = sign_in("mdo", PASSWORD, current_code(device), **via_proxy("203.0.113.9"))
    assert response.status_code == 429
    # The member of staff, behind the same proxy, still signs in.
    response = sign_in("mdo", PASSWORD, current_code(device), **via_proxy("198.51.100.7"))
    assert response.status_code == 302


def test_a_spoofed_forwarded_address_does_not_dodge_the_sign_in_lockout(mdo):
    device = TOTPDevice.objects.create(user=mdo, name="Phone", confirmed=True)
    for n in range(5):
        headers = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}
        response = sign_in("mdo", "wrong", **headers)
    assert response.status_code == 429
    headers = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.200"}
    assert sign_in("mdo", PASSWORD, current_code(device), **headers).status_code == 429

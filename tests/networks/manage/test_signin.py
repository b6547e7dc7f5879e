import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from networks.manage.models import SignInLink
from tests.networks.factories import NetworkRoleFactory

pytestmark = pytest.mark.django_db


def link_from(mail):
    return re.search(r"https?://\S+/manage/sign-in/(\S+)/", mail.body).group(1)


def ask(client, email):
    return client.post(reverse("manage:start"), {"email": email})


def test_known_address_gets_a_link_that_signs_in_once(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    role = NetworkRoleFactory(person__email="Chair@Museum.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "chair@museum.example")
    assert response.url == reverse("manage:link_sent")
    assert len(mailoutbox) == 1
    token = link_from(mailoutbox[0])
    url = reverse("manage:open_link", args=[token])
    page = client.get(url)
    assert b"Sign in" in page.content
    assert SignInLink.objects.get().used_at is None  # a scanner following it uses nothing
    response = client.post(url)
    assert response.url == reverse("manage:home")
    home = client.get(reverse("manage:home"))
    assert role.network.name in home.content.decode()
    assert client.post(url).status_code == 410


def test_unknown_address_gets_the_same_answer_and_no_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    NetworkRoleFactory(person__email="known@museum.example")
    with django_capture_on_commit_callbacks(execute=True):
        known = ask(client, "known@museum.example")
        unknown = ask(client, "nobody@museum.example")
    assert known.url == unknown.url
    assert client.get(known.url).content == client.get(unknown.url).content
    assert len(mailoutbox) == 1


def test_expired_link_does_not_sign_in(client, mailoutbox, django_capture_on_commit_callbacks):
    NetworkRoleFactory(person__email="a@museum.example")
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "a@museum.example")
    url = reverse("manage:open_link", args=[link_from(mailoutbox[0])])
    later = timezone.now() + timezone.timedelta(minutes=settings.CONTACT_SIGN_IN_LINK_MINUTES + 1)
    with time_machine.travel(later):
        response = client.post(url)
        assert response.status_code == 410
        assert b"This link has expired" in response.content
        assert client.get(reverse("manage:home")).url == reverse("manage:start")


def test_invalid_link_says_so(client):
    response = client.post(reverse("manage:open_link", args=["nonsense"]))
    assert response.status_code == 400
    assert b"Ask for a new sign-in link" in response.content


def test_person_without_a_current_role_gets_no_link_and_cannot_use_an_old_one(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    role = NetworkRoleFactory(person__email="gone@museum.example")
    _link, token = SignInLink.issue(role.person)
    role.delete()
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "gone@museum.example")
    assert mailoutbox == []
    assert client.post(reverse("manage:open_link", args=[token])).status_code == 400
    assert client.get(reverse("manage:home")).status_code == 302


def test_at_most_three_links_per_address_per_hour(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.FORM_RATE_LIMIT_COUNT = 100
    NetworkRoleFactory(person__email="a@museum.example")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [ask(client, "A@museum.example").url for _ in range(5)]
    assert set(answers) == {reverse("manage:link_sent")}
    assert len(mailoutbox) == 3


def test_rate_limited_by_client_address(client, settings):
    settings.FORM_RATE_LIMIT_COUNT = 2
    for _ in range(2):
        assert ask(client, "x@museum.example").status_code == 302
    response = ask(client, "x@museum.example")
    assert response.status_code == 429
    assert b"several times in a short time" in response.content


def test_bad_address_gets_a_message(client):
    response = ask(client, "not an address")
    assert response.status_code == 200
    assert b"Error:" in response.content
    assert b"correct format" in response.content


def test_sign_out_ends_the_session(client, mailoutbox, django_capture_on_commit_callbacks):
    from tests.helpers.manage import signed_in_client

    role = NetworkRoleFactory()
    signed_in_client(client, role.person)
    assert client.get(reverse("manage:home")).status_code == 200
    assert client.get(reverse("manage:sign_out")).status_code == 405
    response = client.post(reverse("manage:sign_out"), follow=True)
    assert b"You have signed out" in response.content
    assert client.get(reverse("manage:home")).url == reverse("manage:start")

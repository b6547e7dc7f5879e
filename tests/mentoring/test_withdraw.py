"""The signed link in the acknowledgement email lets a volunteer withdraw, no account needed."""

import datetime
import re
from urllib.parse import quote

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from mentoring.models import Volunteer

pytestmark = pytest.mark.django_db

SENT = datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC)


@pytest.fixture
def soon_after_sent():
    """The test runs on the day SENT, an hour after it, unless it moves the clock itself: the
    link's age is measured from SENT, never from the real date."""
    with time_machine.travel(SENT + datetime.timedelta(hours=1), tick=False):
        yield


@pytest.fixture
def emailed_link(
    client, volunteer_data, mailoutbox, django_capture_on_commit_callbacks, soon_after_sent
):
    """The withdraw link from a real acknowledgement email, sent on SENT."""
    with (
        time_machine.travel(SENT, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("mentoring:volunteer"), volunteer_data)
    [acknowledgement] = [m for m in mailoutbox if m.to == ["ada@example.org"]]
    site = re.escape(settings.SITE_URL)
    url = re.search(rf"{site}(/mentoring/withdraw/\S+/)", acknowledgement.body)[1]
    mailoutbox.clear()
    return url


def test_opening_the_link_asks_first_and_changes_nothing(client, emailed_link):
    response = client.get(emailed_link)
    html = response.content.decode()
    volunteer = Volunteer.objects.get()
    assert response.status_code == 200
    assert "Withdraw my offer" in html
    assert volunteer.reference in html
    assert volunteer.name not in html and volunteer.email not in html
    assert volunteer.status == Volunteer.Status.NEW


def test_withdrawing_sets_the_status_logs_it_and_tells_staff(
    client, emailed_link, mailoutbox, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(emailed_link)
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.status == Volunteer.Status.WITHDRAWN
    assert [c.status for c in volunteer.status_changes.all()] == ["withdrawn"]
    [staff] = mailoutbox
    assert staff.to == [settings.MDO_INBOX_EMAIL]
    assert f"Volunteer {volunteer.reference} has withdrawn" == staff.subject
    assert "You have withdrawn your offer" in client.get(response["Location"]).content.decode()
    assert staff.body.rstrip().endswith(
        f"Open it in the back office:\n{settings.SITE_URL}{volunteer.get_admin_url()}\n\n"
        f"Reply to this email to write to {volunteer.name}."
    )
    assert staff.reply_to == ["ada@example.org"]


def test_a_second_withdraw_changes_nothing(client, emailed_link, mailoutbox):
    client.post(emailed_link)
    changed_at = Volunteer.objects.get().status_changed_at
    mailoutbox.clear()
    response = client.post(emailed_link, follow=True)
    assert "You have withdrawn your offer" in response.content.decode()
    assert Volunteer.objects.get().status_changed_at == changed_at
    assert Volunteer.objects.get().status_changes.count() == 1
    assert mailoutbox == []


def test_a_declined_volunteer_cannot_withdraw_again(client, emailed_link):
    volunteer = Volunteer.objects.get()
    volunteer.change_status(Volunteer.Status.DECLINED)
    response = client.post(emailed_link, follow=True)
    assert "Your offer is no longer open" in response.content.decode()
    assert Volunteer.objects.get().status == Volunteer.Status.DECLINED


def test_the_link_still_works_just_before_it_expires(client, emailed_link, settings):
    settings.WITHDRAW_LINK_MAX_AGE_DAYS = 365
    with time_machine.travel(SENT + datetime.timedelta(days=364)):
        assert client.post(emailed_link).status_code == 302
    assert Volunteer.objects.get().status == Volunteer.Status.WITHDRAWN


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_link_shows_a_clear_page_and_changes_nothing(
    client, emailed_link, settings, method
):
    settings.WITHDRAW_LINK_MAX_AGE_DAYS = 365
    with time_machine.travel(SENT + datetime.timedelta(days=366)):
        response = getattr(client, method)(emailed_link)
    assert response.status_code == 410
    html = response.content.decode()
    assert "This link has expired" in html
    assert "Nothing has been changed" in html
    assert settings.MDO_INBOX_EMAIL in html
    assert Volunteer.objects.get().status == Volunteer.Status.NEW


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.split(":")[0] + ":" + token.split(":", 1)[1][::-1],
        lambda token: "MV-AAAAAA",
        lambda token: "<script>alert(1)<script>",
    ],
    ids=["signature", "timestamp", "bare-reference", "script"],
)
def test_a_tampered_link_shows_a_clear_page_and_changes_nothing(client, emailed_link, tamper):
    token = emailed_link.removeprefix("/mentoring/withdraw/").removesuffix("/")
    url = f"/mentoring/withdraw/{quote(tamper(token))}/"
    response = client.post(url)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This link does not work" in html
    assert "<script>alert(1)" not in html
    assert Volunteer.objects.get().status == Volunteer.Status.NEW


def test_a_link_for_another_salt_is_refused(client, emailed_link):
    from django.core import signing

    volunteer = Volunteer.objects.get()
    forged = signing.dumps(volunteer.reference, salt="something-else")
    response = client.post(reverse("mentoring:withdraw", args=[forged]))
    assert response.status_code == 400
    assert Volunteer.objects.get().status == Volunteer.Status.NEW

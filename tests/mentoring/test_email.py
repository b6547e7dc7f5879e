"""Email goes through the tasks framework once the submission is committed, and a failure
never loses the submission: staff see what is unsent and send it again."""

import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from core import notifications
from core.models import Notification
from mentoring.models import SupportRequest, Volunteer
from tests.helpers.admin import verified_login

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
FAILING = {"default": {"BACKEND": "tests.helpers.failing_mailer.FailingEmailBackend"}}


def by_recipient(outbox):
    return {message.to[0]: message for message in outbox}


def test_volunteer_gets_an_acknowledgement_and_staff_a_notification(
    client, volunteer_data, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.MDO_INBOX_EMAIL = "mdo@museums.example"
    settings.SITE_URL = "https://skills.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mentoring:volunteer"), volunteer_data)
    volunteer = Volunteer.objects.get()
    messages = by_recipient(mailoutbox)
    assert set(messages) == {"ada@example.org", "mdo@museums.example"}

    acknowledgement = messages["ada@example.org"]
    assert volunteer.reference in acknowledgement.subject
    assert "Dear Ada O'Brien & Co," in acknowledgement.body
    assert "- Museum Mentor\n- Speaker at a skills session\n" in acknowledgement.body
    # The site's own address, whatever host the form came in on.
    assert "https://skills.example.org/mentoring/withdraw/" in acknowledgement.body
    assert acknowledgement.reply_to == ["mdo@museums.example"]

    staff = messages["mdo@museums.example"]
    assert staff.subject == f"New volunteer offer {volunteer.reference}"
    # The link to the back office is the site's own address, whatever host the form came in on.
    assert f"https://skills.example.org/admin/mentoring/volunteer/{volunteer.pk}/change/" in (
        staff.body
    )
    assert "Sub-regions: Central London, West London" in staff.body
    assert staff.reply_to == ["ada@example.org"]
    assert volunteer.notifications.filter(sent_at__isnull=True).count() == 0


def test_museum_gets_an_acknowledgement_and_staff_a_notification(
    client, request_data, deadline, mailoutbox, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mentoring:request"), request_data)
    support_request = SupportRequest.objects.get()
    messages = by_recipient(mailoutbox)
    acknowledgement = messages["grace@tram.example"]
    assert "Dear Grace Hopper," in acknowledgement.body
    assert "You asked for: A Museum Mentor for Accreditation" in acknowledgement.body
    assert support_request.reference in acknowledgement.subject
    staff = messages[settings.MDO_INBOX_EMAIL]
    assert f"Deadline: {deadline.day} {deadline:%B %Y}" in staff.body
    assert "We are all volunteers and need a mentor for Accreditation." in staff.body
    assert support_request.get_admin_url() in staff.body


@pytest.mark.parametrize(
    ("form", "open_line", "sender"),
    [
        (
            "volunteer",
            "Open it in the back office to review the offer and set its status:",
            "Ada O'Brien & Co",
        ),
        (
            "request",
            "Open it in the back office to set its status and match a volunteer:",
            "Grace Hopper at Tiny Tram Museum",
        ),
    ],
    indirect=["form"],
)
def test_staff_emails_end_with_what_staff_can_do(
    client, form, open_line, sender, mailoutbox, settings, django_capture_on_commit_callbacks
):
    url, model, data = form
    settings.SITE_URL = "https://skills.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    record = model.objects.get()
    [staff] = [m for m in mailoutbox if m.to == [settings.MDO_INBOX_EMAIL]]
    assert staff.body.rstrip().endswith(
        f"{open_line}\nhttps://skills.example.org{record.get_admin_url()}\n\n"
        f"Reply to this email to write to {sender}."
    )
    assert staff.reply_to == [data["email"]]  # The reply does go to them.
    assert "the record" not in staff.body


def test_email_is_enqueued_on_commit_not_before(
    client, volunteer_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("mentoring:volunteer"), volunteer_data)
        assert mailoutbox == []
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 2


def test_nothing_is_enqueued_when_the_transaction_rolls_back(
    volunteer_data, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notifications.queue_email(
            kind=Notification.Kind.STAFF,
            to="mdo@museums.example",
            subject="Never sent",
            template_name="mentoring/email/volunteer_withdrew.txt",
            context={},
        )
        raise RuntimeError("the save failed after the email was queued")
    assert callbacks == []
    assert mailoutbox == []
    assert Notification.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_real_commit_sends_the_emails(client, volunteer_data, mailoutbox, regions, topics):
    """Without capturing: the view's own transaction commits and the immediate backend runs."""
    assert client.post(reverse("mentoring:volunteer"), volunteer_data).status_code == 302
    assert len(mailoutbox) == 2


def test_tasks_are_enqueued_with_only_an_id(
    client, volunteer_data, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mentoring:volunteer"), volunteer_data)
    ids = set(Volunteer.objects.get().notifications.values_list("pk", flat=True))
    assert {result.args[0] for result in default_task_backend.results} == ids
    assert {result.task.name for result in default_task_backend.results} == {"send_notification"}


def test_failed_email_keeps_the_submission_and_staff_can_send_again(
    client,
    admin_client,
    volunteer_data,
    mailoutbox,
    settings,
    caplog,
    django_capture_on_commit_callbacks,
):
    settings.MAILERS = FAILING
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentoring:volunteer"), volunteer_data)
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.reference in client.get(response["Location"]).content.decode()
    assert mailoutbox == []
    unsent = Notification.objects.filter(sent_at__isnull=True)
    assert unsent.count() == 2
    assert {n.last_error for n in unsent} == {
        "SMTPServerDisconnected: Connection unexpectedly closed"
    }
    assert {n.attempts for n in unsent} == {1}
    assert any("send_notification" in record.getMessage() for record in caplog.records)

    # Staff find them under "Not sent yet" and send them again once mail works.
    changelist = reverse("admin:core_notification_changelist")
    listed = admin_client.get(changelist, {"sent": "no"})
    assert len(listed.context["cl"].result_list) == 2
    assert "SMTPServerDisconnected" in listed.content.decode()
    settings.MAILERS = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            changelist,
            {
                "action": "send_again",
                "_selected_action": [n.pk for n in unsent],
            },
            follow=True,
        )
    assert "2 emails queued to send again" in response.content.decode()
    assert len(mailoutbox) == 2
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0
    assert {n.attempts for n in Notification.objects.all()} == {2}


def test_sending_twice_sends_once(mailoutbox, django_capture_on_commit_callbacks):
    from core.tasks import send_notification

    with django_capture_on_commit_callbacks(execute=True):
        notification = notifications.queue_email(
            kind=Notification.Kind.STAFF,
            to="mdo@museums.example",
            subject="Once",
            template_name="mentoring/email/volunteer_withdrew.txt",
            context={"volunteer": {"reference": "MV-AAAAAA", "name": "A"}},
        )
    assert send_notification.call(notification.pk) is False
    assert len(mailoutbox) == 1


def test_resend_skips_sent_emails(admin_client, mailoutbox, django_capture_on_commit_callbacks):
    from tests.core.factories import NotificationFactory

    sent = NotificationFactory(sent_at="2026-11-01T10:00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:core_notification_changelist"),
            {"action": "send_again", "_selected_action": [sent.pk]},
            follow=True,
        )
    assert "0 emails queued" in response.content.decode()
    assert "1 had been sent already" in response.content.decode()
    assert mailoutbox == []


def test_staff_without_change_permission_cannot_resend(client, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Permission

    from tests.core.factories import NotificationFactory

    notification = NotificationFactory()
    viewer = get_user_model().objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_notification"))
    verified_login(client, viewer)
    html = client.get(reverse("admin:core_notification_changelist")).content.decode()
    assert notification.subject in html
    assert not re.search(r'<option value="send_again"', html)


@pytest.mark.django_db(transaction=True)
def test_production_queue_holds_the_email_until_the_worker_sends_it(
    client, volunteer_data, mailoutbox, settings, regions, topics
):
    """With django-tasks-db, as in production: the form queues the emails in the database, and
    `manage.py db_worker` sends them."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert client.post(reverse("mentoring:volunteer"), volunteer_data).status_code == 302
    assert mailoutbox == []
    assert DBTaskResult.objects.count() == 2

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.org", settings.MDO_INBOX_EMAIL]
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

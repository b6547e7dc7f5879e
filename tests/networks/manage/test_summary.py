"""Staff are told of contacts' changes in one daily summary, not an email per edit."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from networks.manage import changes
from networks.models import ContactChange
from tests.networks.factories import NetworkRoleFactory

pytestmark = pytest.mark.django_db


def change(role, summary):
    return changes.propose(
        network=role.network,
        person=role.person,
        kind=ContactChange.Kind.NETWORK,
        instance=role.network,
        after={"summary": summary},
    )


def summary(*args):
    out = io.StringIO()
    call_command("send_change_summary", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def roles():
    return (
        NetworkRoleFactory(network__name="Registrars Group", person__name="Ada Lovelace"),
        NetworkRoleFactory(network__name="Digital Network", person__name="Grace Hopper"),
    )


def test_one_email_lists_every_new_change_by_network_with_links(
    roles, settings, mailoutbox, django_capture_on_commit_callbacks
):
    registrars, digital = roles
    first = change(registrars, "One")
    change(registrars, "Two")
    digital.network.changes_need_review = False
    digital.network.save()
    change(digital, "Three")
    with django_capture_on_commit_callbacks(execute=True):
        output = summary()
    assert "3 changes in 2 networks, 2 waiting for review" in output
    (email,) = mailoutbox
    assert email.to == [settings.MDO_INBOX_EMAIL]
    assert email.subject == "Changes by network contacts: 3 (2 waiting for review)"
    body = email.body
    assert body.index("Digital Network") < body.index("Grace Hopper") < body.index("Registrars")
    assert body.count("Ada Lovelace") == 2
    queue = reverse("admin:networks_contactchange_changelist")
    assert f"{settings.SITE_URL}{queue}?status=pending" in body
    assert (
        settings.SITE_URL + reverse("admin:networks_contactchange_change", args=[first.pk]) in body
    )
    assert not ContactChange.objects.filter(summarised_at__isnull=True).exists()


def test_each_change_is_summarised_once_and_nothing_is_sent_when_nothing_is_new(
    roles, mailoutbox, django_capture_on_commit_callbacks
):
    change(roles[0], "One")
    with django_capture_on_commit_callbacks(execute=True):
        summary()
        assert "No changes by network contacts" in summary()
    assert len(mailoutbox) == 1
    change(roles[0], "Two")
    with django_capture_on_commit_callbacks(execute=True):
        summary()
    assert len(mailoutbox) == 2
    assert "Two" not in mailoutbox[1].body  # What they changed is for the queue to show.
    assert mailoutbox[1].body.count("Ada Lovelace") == 1


def test_a_dry_run_sends_and_marks_nothing(roles, mailoutbox, django_capture_on_commit_callbacks):
    change(roles[0], "One")
    with django_capture_on_commit_callbacks(execute=True):
        output = summary("--dry-run")
    assert "Would email" in output and "Dry run" in output
    assert not mailoutbox
    assert ContactChange.objects.get().summarised_at is None

"""MDO staff stay in charge: the review queue of changes networks' contacts made, approving
and publishing them or sending them back with a reason that is emailed."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from core.models import Notification
from networks.manage import changes
from networks.models import ContactChange, Network, RoleHandover, SignInLink
from tests.helpers.admin import admin_url
from tests.networks.factories import NetworkRoleFactory, SubRegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def role():
    return NetworkRoleFactory(person__name="Ada Lovelace", network__name="Registrars Group")


def propose_network_change(role, **after):
    after = {"summary": "Registrars sharing skills across London.", **after}
    return changes.propose(
        network=role.network,
        person=role.person,
        kind=ContactChange.Kind.NETWORK,
        instance=role.network,
        after=after,
    )


def test_the_queue_shows_the_changes_waiting_for_review_unless_asked(mdo_client, role):
    waiting = propose_network_change(role)
    role.network.changes_need_review = False
    role.network.save()
    published = propose_network_change(role, summary="Published at once.")
    url = admin_url(ContactChange)
    shown = list(mdo_client.get(url).context["cl"].result_list)
    assert shown == [waiting]
    assert published.status == ContactChange.Status.PUBLISHED
    everything = mdo_client.get(url, {"status": "all"}).context["cl"].result_list
    assert set(everything) == {waiting, published}
    html = mdo_client.get(url).content.decode()
    assert "Registrars Group" in html and "Ada Lovelace" in html and "Network details" in html


def test_the_change_page_shows_before_and_after_readably_and_escaped(mdo_client, role):
    old_topic, new_topic = TopicFactory(name="Collections care"), TopicFactory(name="Digital")
    role.network.topics.set([old_topic])
    area = SubRegionFactory(name="North & East London")
    change = propose_network_change(
        role,
        summary="<script>alert(1)</script> Now for everyone",
        topics=[new_topic.pk, old_topic.pk],
        sub_region=area.pk,
    )
    html = mdo_client.get(admin_url(ContactChange, "change", change.pk)).content.decode()
    assert "Collections care, Digital" in html
    assert "North &amp; East London" in html
    assert role.network.sub_region.name in html  # The area before, by name.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Now for everyone" in html
    assert "<script>alert(1)" not in html
    assert "Museum workers sharing skills." in html  # The summary before.
    assert 'name="_save"' not in html  # Read-only: staff act with approve or send back.


def test_dates_of_a_meeting_change_read_in_london_time(mdo_client, role):
    from networks.manage.admin import readable
    from networks.models import Event

    field = Event._meta.get_field("start")
    summer = timezone.datetime(2030, 7, 1, 9, 30, tzinfo=timezone.UTC)
    assert readable(field, summer.isoformat(), {}) == "1 July 2030, 10:30 (London time)"


def test_approving_publishes_the_change_under_the_contacts_name(mdo_client, mdo, role):
    change = propose_network_change(role)
    network = Network.objects.get(pk=role.network.pk)
    assert network.summary == "Museum workers sharing skills."  # Not yet published.
    response = mdo_client.post(
        admin_url(ContactChange),
        {"action": "approve", "_selected_action": [change.pk]},
        follow=True,
    )
    assert "Published 1 change." in response.content.decode()
    network.refresh_from_db()
    change.refresh_from_db()
    assert network.summary == "Registrars sharing skills across London."
    assert (change.status, change.reviewed_by) == (ContactChange.Status.PUBLISHED, mdo)
    assert "Ada Lovelace" in network.history.first().history_change_reason


def test_sending_back_needs_a_reason_and_emails_it_to_the_contact(
    mdo_client, role, mailoutbox, django_capture_on_commit_callbacks
):
    change = propose_network_change(role)
    url = admin_url(ContactChange)
    chosen = {"action": "send_back", "_selected_action": [change.pk]}
    asked = mdo_client.post(url, chosen)
    assert "Why it is sent back" in asked.content.decode()
    refused = mdo_client.post(url, {**chosen, "apply": "1", "reason": "  "})
    assert "Say why the change is sent back." in refused.content.decode()
    change.refresh_from_db()
    assert change.status == ContactChange.Status.PENDING and not mailoutbox
    with django_capture_on_commit_callbacks(execute=True):
        response = mdo_client.post(
            url, {**chosen, "apply": "1", "reason": "Our style is shorter."}, follow=True
        )
    assert "Sent back 1 change." in response.content.decode()
    change.refresh_from_db()
    assert (change.status, change.reason) == (
        ContactChange.Status.SENT_BACK,
        "Our style is shorter.",
    )
    role.network.refresh_from_db()
    assert role.network.summary == "Museum workers sharing skills."
    (email,) = mailoutbox
    assert email.to == [role.person.email]
    assert "Our style is shorter." in email.body
    assert "Registrars sharing skills across London." in email.body
    assert Notification.objects.get().sent_at is not None


def test_a_change_already_reviewed_is_neither_approved_nor_sent_back_again(mdo_client, role):
    change = propose_network_change(role)
    changes.send_back(change, None, "No.")
    mdo_client.post(
        admin_url(ContactChange), {"action": "approve", "_selected_action": [change.pk]}
    )
    change.refresh_from_db()
    role.network.refresh_from_db()
    assert change.status == ContactChange.Status.SENT_BACK
    assert role.network.summary == "Museum workers sharing skills."


def test_handovers_are_read_only_and_sign_in_links_not_shown(mdo_client, admin_client, role):
    handover = RoleHandover.objects.create(
        role=role,
        from_person=role.person,
        to_name="Grace",
        to_email="g@example.org",
        token_hash="x" * 64,
    )
    for client in (mdo_client, admin_client):
        html = client.get(admin_url(RoleHandover, "change", handover.pk)).content.decode()
        assert "g@example.org" in html and 'name="_save"' not in html
        assert "x" * 64 not in html
    assert SignInLink not in admin.site._registry


def test_the_dashboard_counts_the_changes_waiting_and_links_to_them(mdo_client, role):
    propose_network_change(role)
    propose_network_change(role, summary="Another.")
    html = mdo_client.get(reverse("admin:index")).content.decode()
    link = admin_url(ContactChange) + "?status=pending"
    assert f'href="{link}"' in html
    assert "2</span> changes by network contacts waiting for review" in html


def test_staff_choose_per_network_whether_changes_wait(mdo_client, role):
    html = mdo_client.get(admin_url(Network, "change", role.network.pk)).content.decode()
    assert 'name="changes_need_review"' in html


def form_data(response):
    """The values an admin change form (and its inlines) was rendered with, as a browser would
    post them back."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [getattr(item, "pk", item) for item in value]
            else:
                data[key] = getattr(value, "pk", value)

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def test_staff_revert_a_contacts_change_from_history_which_names_the_contact(mdo_client, role):
    role.network.changes_need_review = False
    role.network.save()
    before = role.network.history.first()
    propose_network_change(role)
    network = Network.objects.get(pk=role.network.pk)
    assert network.summary == "Registrars sharing skills across London."
    history = mdo_client.get(admin_url(Network, "history", network.pk)).content.decode()
    assert "By Ada Lovelace, a contact of the network" in history
    url = reverse("admin:networks_network_simple_history", args=[network.pk, before.history_id])
    page = mdo_client.get(url)
    assert page.status_code == 200
    assert not page.context["revert_disabled"]  # The "Revert" button is offered.
    response = mdo_client.post(url, form_data(page))
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.summary == "Museum workers sharing skills."
    assert network.history.first().history_user is not None

"""A contact of one network can never list, add to, change, copy or cancel another network's
meetings, nor MDO training, nor anything signed out; forged fields change nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.calendar.models import Event
from networks.manage.models import ContactChange
from tests.helpers.manage import signed_in_client
from tests.networks.factories import EventFactory, NetworkFactory, NetworkRoleFactory

pytestmark = pytest.mark.django_db

EVENT_URLS = ["manage:change_meeting", "manage:copy_meeting", "manage:cancel_meeting"]


def form_data(title="Forged meeting"):
    start = timezone.localtime() + datetime.timedelta(days=20)
    end = start + datetime.timedelta(hours=1)
    data = {"title": title, "attendance_mode": "online", "is_free": "on"}
    for prefix, moment in (("start", start), ("end", end)):
        data.update(
            {
                f"{prefix}_day": moment.day,
                f"{prefix}_month": moment.month,
                f"{prefix}_year": moment.year,
                f"{prefix}_time": f"{moment:%H:%M}",
            }
        )
    return data


@pytest.fixture
def world(client):
    a = NetworkFactory(slug="network-a", changes_need_review=True)
    b = NetworkFactory(slug="network-b", changes_need_review=False)
    role = NetworkRoleFactory(network=a)
    NetworkRoleFactory(network=b)
    meeting_a = EventFactory(network=a, organiser_name="", kind=Event.Kind.NETWORK_MEETING)
    meeting_b = EventFactory(network=b, organiser_name="", kind=Event.Kind.NETWORK_MEETING)
    training = EventFactory(kind=Event.Kind.MDO_TRAINING, organiser_name="MDO team")
    training_a = EventFactory(kind=Event.Kind.MDO_TRAINING, network=a, organiser_name="")
    return {
        "client": signed_in_client(client, role.person),
        "a": a,
        "b": b,
        "meeting_a": meeting_a,
        "meeting_b": meeting_b,
        "training": training,
        "training_a": training_a,
    }


def snapshot():
    return sorted(Event.objects.values_list("pk", "title", "status", "is_published", "network"))


def test_another_networks_pages_are_not_found(world):
    client, b = world["client"], world["b"]
    before = snapshot()
    for name in ("manage:meetings", "manage:add_meeting"):
        url = reverse(name, args=[b.slug])
        assert client.get(url).status_code == 404
        assert client.post(url, form_data()).status_code == 404
    for name in EVENT_URLS:
        url = reverse(name, args=[b.slug, world["meeting_b"].slug])
        assert client.get(url).status_code == 404
        assert client.post(url, form_data()).status_code == 404
    assert snapshot() == before and not ContactChange.objects.exists()


@pytest.mark.parametrize("which", ["meeting_b", "training", "training_a"])
def test_someone_elses_event_under_your_own_slug_is_not_found(world, which):
    client, a = world["client"], world["a"]
    before = snapshot()
    event = world[which]
    for name in EVENT_URLS:
        for guess in (event.slug, str(event.pk), "no-such-meeting"):
            url = reverse(name, args=[a.slug, guess])
            assert client.get(url).status_code == 404
            assert client.post(url, form_data()).status_code == 404
    assert snapshot() == before and not ContactChange.objects.exists()
    listing = client.get(reverse("manage:meetings", args=[a.slug])).content.decode()
    assert event.title not in listing
    assert world["meeting_a"].title in listing


def test_a_guessed_network_slug_is_not_found(world):
    client = world["client"]
    for slug in ("no-such-network", "a" * 300):
        assert client.get(reverse("manage:meetings", args=[slug])).status_code == 404


def test_signed_out_every_page_sends_you_to_sign_in(client, world):
    client.logout()
    client.cookies.clear()
    a, meeting = world["a"], world["meeting_a"]
    before = snapshot()
    urls = [reverse(name, args=[a.slug]) for name in ("manage:meetings", "manage:add_meeting")]
    urls += [reverse(name, args=[a.slug, meeting.slug]) for name in EVENT_URLS]
    for url in urls:
        for response in (client.get(url), client.post(url, form_data())):
            assert response.status_code == 302
            assert response.url == reverse("manage:start")
    assert snapshot() == before


def test_forged_fields_are_ignored(world):
    client, a = world["client"], world["a"]
    data = {
        **form_data("Honest meeting"),
        "is_published": "on",
        "status": "moved_online",
        "kind": Event.Kind.MDO_TRAINING,
        "network": world["b"].pk,
        "slug": "chosen-slug",
        "organiser_name": "Someone else",
    }
    client.post(reverse("manage:add_meeting", args=[a.slug]), data)
    event = Event.objects.get(title="Honest meeting")
    assert event.network == a and event.kind == Event.Kind.NETWORK_MEETING
    assert not event.is_published and event.status == Event.Status.SCHEDULED
    assert event.slug == "honest-meeting" and event.organiser_name == ""

    meeting = world["meeting_a"]
    client.post(reverse("manage:change_meeting", args=[a.slug, meeting.slug]), data)
    meeting.refresh_from_db()
    assert meeting.network == a and meeting.status == Event.Status.SCHEDULED
    change = ContactChange.objects.get(kind=ContactChange.Kind.EVENT_CHANGE)
    assert not {"is_published", "status", "kind", "network", "slug"} & set(change.after)


def test_the_pages_are_never_cached(world):
    response = world["client"].get(reverse("manage:meetings", args=[world["a"].slug]))
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]

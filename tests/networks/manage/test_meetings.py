"""A network's contacts post its meetings: add, change, copy and cancel them, with the admin's
rules, waiting for review when the network's changes do."""

import datetime
import html

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import page_cache
from networks.calendar.models import Event
from networks.manage import changes
from networks.manage.models import ContactChange
from tests.helpers.html import text as page_text
from tests.helpers.manage import signed_in_client
from tests.networks.factories import (
    EventFactory,
    NetworkFactory,
    NetworkRoleFactory,
    TopicFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(page_text(response))


def when(prefix, moment):
    return {
        f"{prefix}_day": moment.day,
        f"{prefix}_month": moment.month,
        f"{prefix}_year": moment.year,
        f"{prefix}_time": f"{moment:%H:%M}",
    }


def meeting_data(days=30, **overrides):
    """What a contact types for an in-person afternoon meeting `days` from now."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    start = datetime.datetime.combine(day, datetime.time(14))
    data = {
        "title": "Spring meet-up",
        "summary": "Catch up with other registrars.",
        "description": "We meet **in person**.",
        **when("start", start),
        **when("end", start + datetime.timedelta(hours=2, minutes=30)),
        "attendance_mode": "in_person",
        "venue": "",
        "online_url": "",
        "booking_url": "https://tickets.example/spring",
        "booking_email": "",
        "cost": "",
        "is_free": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def network():
    return NetworkFactory(name="Registrars Group", slug="registrars", changes_need_review=False)


@pytest.fixture
def reviewed():
    return NetworkFactory(name="Learning Group", slug="learning", changes_need_review=True)


def contact_of(network, client):
    role = NetworkRoleFactory(network=network, person__name="Ada Contact")
    return signed_in_client(client, role.person)


def meeting_of(network, **kwargs):
    return EventFactory(
        network=network,
        organiser_name="",
        kind=Event.Kind.NETWORK_MEETING,
        title=kwargs.pop("title", "Autumn meet-up"),
        **kwargs,
    )


def add(client, network, **overrides):
    return client.post(
        reverse("manage:add_meeting", args=[network.slug]), meeting_data(**overrides)
    )


def test_a_new_meeting_is_published_at_once_when_the_network_publishes_at_once(client, network):
    contact_of(network, client)
    venue = VenueFactory(name="Docklands Museum")
    topic = TopicFactory(name="Registration")
    response = add(client, network, venue=venue.pk, topics=[topic.pk])
    assert response.status_code == 302
    event = Event.objects.get(title="Spring meet-up")
    assert event.is_published and event.network == network
    assert event.kind == Event.Kind.NETWORK_MEETING and event.slug == "spring-meet-up"
    assert event.venue == venue and list(event.topics.all()) == [topic]
    assert timezone.localtime(event.start).hour == 14
    assert (event.end - event.start) == datetime.timedelta(hours=2, minutes=30)
    change = ContactChange.objects.get(event=event)
    assert change.kind == ContactChange.Kind.EVENT_NEW
    assert change.status == ContactChange.Status.PUBLISHED
    page = client.get(response.url)
    assert "is published on the network's page" in text(page)
    assert "Spring meet-up" in text(client.get(event.get_absolute_url()))
    reasons = list(event.history.values_list("history_change_reason", flat=True))
    assert reasons and all("Ada Contact" in reason for reason in reasons)


def test_a_new_meeting_waits_for_review_and_approving_publishes_it(client, reviewed, admin_user):
    contact_of(reviewed, client)
    response = add(client, reviewed)
    event = Event.objects.get(title="Spring meet-up")
    assert not event.is_published
    change = ContactChange.objects.get(event=event)
    assert change.kind == ContactChange.Kind.EVENT_NEW
    assert change.status == ContactChange.Status.PENDING
    assert change.after == {"is_published": True}
    assert "waiting for review" in text(client.get(response.url))
    assert client.get(event.get_absolute_url()).status_code == 404
    changes.approve(change, admin_user)
    event.refresh_from_db()
    assert event.is_published


def test_the_admin_rules_and_messages_apply(client, network):
    contact_of(network, client)
    start = timezone.localtime() + datetime.timedelta(days=10)
    response = add(
        client,
        network,
        **when("end", start),
        **when("start", start + datetime.timedelta(hours=1)),
        cost="£5",
    )
    assert response.status_code == 200
    page = text(response)
    assert page.startswith("Error: Add a meeting")
    assert "The end must be after the start." in page
    assert "Leave the cost blank for a free event, or untick “free”." in page
    assert not Event.objects.filter(network=network).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter the meeting's title"),
        ({"start_month": ""}, "The start must include a month"),
        ({"start_day": "31", "start_month": "2"}, "The start must be a real date"),
        ({"start_time": ""}, "The start must include a time"),
        ({"start_time": "25:00"}, "The start must be a real time, like 18:30"),
        ({"attendance_mode": "teleport"}, "Select one of the options shown"),
        ({"venue": "999999999999999999999999"}, "Choose one of the venues listed"),
        ({"booking_url": "not a link"}, "Enter the booking link as a web address"),
        ({"topics": ["x"]}, "Select only the options shown"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, network, overrides, message):
    contact_of(network, client)
    response = add(client, network, **overrides)
    assert response.status_code == 200
    assert message in text(response)
    assert not Event.objects.exists()


def test_times_are_london_time_and_accept_common_ways_of_writing_them(client, network):
    contact_of(network, client)
    add(client, network, start_time="6.30pm", end_time="2000")
    event = Event.objects.get()
    assert f"{timezone.localtime(event.start):%H:%M}" == "18:30"
    assert f"{timezone.localtime(event.end):%H:%M}" == "20:00"


def test_an_online_meeting_has_no_venue(client, network):
    contact_of(network, client)
    venue = VenueFactory()
    add(
        client,
        network,
        attendance_mode="online",
        venue=venue.pk,
        online_url="https://meet.example/x",
    )
    event = Event.objects.get()
    assert event.venue is None and event.online_url == "https://meet.example/x"


def test_slugs_are_unique_and_never_reserved(client, network):
    contact_of(network, client)
    add(client, network, title="Past")
    add(client, network, title="Past")
    add(client, network, title="!!!")
    assert sorted(Event.objects.values_list("slug", flat=True)) == [
        "meeting",
        "past-meeting",
        "past-meeting-2",
    ]


def test_changing_a_meeting_of_a_network_that_publishes_at_once(client, network):
    contact_of(network, client)
    meeting = meeting_of(network)
    url = reverse("manage:change_meeting", args=[network.slug, meeting.slug])
    page = client.get(url)
    assert 'value="Autumn meet-up"' in page.content.decode()
    data = meeting_data(title="Autumn social", **when("start", timezone.localtime(meeting.start)))
    data.update(when("end", timezone.localtime(meeting.end)))
    response = client.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Autumn social" and meeting.is_published
    change = ContactChange.objects.get(event=meeting)
    assert change.kind == ContactChange.Kind.EVENT_CHANGE
    assert change.status == ContactChange.Status.PUBLISHED
    # Dates not touched are not in the change.
    assert "start" not in change.after and change.after["title"] == "Autumn social"
    assert "Ada Contact" in meeting.history.first().history_change_reason


def test_a_change_under_review_keeps_the_public_page_as_it_was(client, reviewed, admin_user):
    contact_of(reviewed, client)
    meeting = meeting_of(reviewed)
    url = reverse("manage:change_meeting", args=[reviewed.slug, meeting.slug])
    response = client.post(url, meeting_data(title="Renamed meeting"))
    assert "waiting for review" in text(client.get(response.url))
    meeting.refresh_from_db()
    assert meeting.title == "Autumn meet-up"
    assert "Renamed meeting" not in text(client.get(meeting.get_absolute_url()))
    change = ContactChange.objects.get(event=meeting)
    assert change.status == ContactChange.Status.PENDING
    assert change.after["title"] == "Renamed meeting"
    # The form shows the change waiting, so a second change starts from it.
    again = client.get(url).content.decode()
    assert 'value="Renamed meeting"' in again and "waiting for review" in again
    changes.approve(change, admin_user)
    meeting.refresh_from_db()
    assert meeting.title == "Renamed meeting"
    assert timezone.localtime(meeting.start).hour == 14


def test_saving_without_changes_records_nothing(client, network):
    contact_of(network, client)
    meeting = meeting_of(network, is_free=True, booking_email="", summary="")
    url = reverse("manage:change_meeting", args=[network.slug, meeting.slug])
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name in ("start", "end"):
            data.update(when(name, timezone.localtime(getattr(meeting, name))))
        elif name == "topics":
            data[name] = value or []
        elif name == "is_free":
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    response = client.post(url, data)
    assert "You did not change anything" in text(client.get(response.url))
    assert not ContactChange.objects.exists()


def test_copying_keeps_the_details_and_asks_for_new_dates(client, network):
    contact_of(network, client)
    topic = TopicFactory()
    meeting = meeting_of(network, cost="£3", is_free=False)
    meeting.topics.set([topic])
    url = reverse("manage:copy_meeting", args=[network.slug, meeting.slug])
    form = client.get(url).context["form"]
    assert form["title"].value() == "Autumn meet-up" and form["cost"].value() == "£3"
    assert form["start"].value() is None and form["topics"].value() == [topic.pk]
    response = client.post(
        url,
        meeting_data(days=60, title="Autumn meet-up", cost="£3", is_free=None, topics=[topic.pk]),
    )
    assert response.status_code == 302
    copy = Event.objects.exclude(pk=meeting.pk).get()
    assert copy.slug == "autumn-meet-up" != meeting.slug and copy.cost == "£3"
    assert list(copy.topics.all()) == [topic]
    assert copy.uid != meeting.uid and copy.is_published


def feed(client, url):
    return icalendar.Calendar.from_ical(client.get(url).content)


def vevent(calendar, event):
    return next(c for c in calendar.walk("VEVENT") if str(c["UID"]) == str(event.uid))


def test_cancelling_reaches_calendar_subscribers_at_once_even_under_review(client, reviewed):
    contact_of(reviewed, client)
    meeting = meeting_of(reviewed)
    a_day_ago = timezone.now() - datetime.timedelta(days=1)
    Event.objects.filter(pk=meeting.pk).update(created_at=a_day_ago, updated_at=a_day_ago)
    network_feed = reverse("events:network_feed", args=[reviewed.slug])
    before = vevent(feed(client, network_feed), meeting)
    version = page_cache.content_version()
    url = reverse("manage:cancel_meeting", args=[reviewed.slug, meeting.slug])
    page = client.get(url)
    assert "Cancel the meeting" in text(page)
    response = client.post(url)
    assert "is cancelled" in text(client.get(response.url))
    meeting.refresh_from_db()
    assert meeting.status == Event.Status.CANCELLED
    assert page_cache.content_version() != version
    for url in (network_feed, reverse("events:feed")):
        after = vevent(feed(client, url), meeting)
        assert str(after["STATUS"]) == "CANCELLED"
        assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
        assert str(after["SUMMARY"]).startswith("Cancelled: ")
    change = ContactChange.objects.get(event=meeting)
    assert change.kind == ContactChange.Kind.EVENT_CANCEL
    assert change.status == ContactChange.Status.PUBLISHED
    assert "Ada Contact" in meeting.history.first().history_change_reason
    again = reverse("manage:cancel_meeting", args=[reviewed.slug, meeting.slug])
    assert "already cancelled" in text(client.get(again))
    client.post(again)
    assert ContactChange.objects.filter(event=meeting).count() == 1


def test_cancelling_a_meeting_waiting_for_review_takes_it_out_of_the_queue(
    client, reviewed, admin_user
):
    contact_of(reviewed, client)
    add(client, reviewed)
    event = Event.objects.get(title="Spring meet-up")
    waiting = ContactChange.objects.get(event=event, kind=ContactChange.Kind.EVENT_NEW)
    client.post(reverse("manage:cancel_meeting", args=[reviewed.slug, event.slug]))
    waiting.refresh_from_db()
    assert waiting.status == ContactChange.Status.SENT_BACK
    assert "cancelled the meeting" in waiting.reason
    assert not ContactChange.objects.filter(status=ContactChange.Status.PENDING).exists()
    changes.approve(waiting, admin_user)
    event.refresh_from_db()
    assert not event.is_published and event.status == Event.Status.CANCELLED
    assert client.get(event.get_absolute_url()).status_code == 404


def test_a_past_meeting_cannot_be_cancelled(client, network):
    contact_of(network, client)
    start = timezone.now() - datetime.timedelta(days=3)
    meeting = meeting_of(network, start=start, end=start + datetime.timedelta(hours=2))
    url = reverse("manage:cancel_meeting", args=[network.slug, meeting.slug])
    client.post(url)
    meeting.refresh_from_db()
    assert meeting.status == Event.Status.SCHEDULED
    assert "is over" in text(client.get(url))


def test_the_list_shows_each_state(client, reviewed, admin_user):
    contact_of(reviewed, client)
    meeting_of(reviewed, title="Published one")
    meeting_of(reviewed, title="Cancelled one", status=Event.Status.CANCELLED)
    add(client, reviewed, title="New one")
    start = timezone.now() - datetime.timedelta(days=30)
    meeting_of(reviewed, title="Old one", start=start, end=start + datetime.timedelta(hours=1))
    page = text(client.get(reverse("manage:meetings", args=[reviewed.slug])))
    assert "Published one" in page and "Waiting for review" in page and "Cancelled" in page
    assert page.index("Past meetings") < page.index("Old one")
    assert page.index("New one") < page.index("Past meetings")


def test_the_list_costs_the_same_number_of_queries_however_many_meetings(
    client, network, django_assert_max_num_queries
):
    contact_of(network, client)
    url = reverse("manage:meetings", args=[network.slug])
    meeting_of(network)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        meeting_of(network, venue=VenueFactory())
        past = timezone.now() - datetime.timedelta(days=10)
        meeting_of(network, start=past, end=past + datetime.timedelta(hours=1))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.context["upcoming"] and len(response.context["past"]) == 5


def test_a_too_large_post_is_refused_and_changes_nothing(client, network, settings):
    contact_of(network, client)
    settings.FORM_MAX_POST_BYTES = 100
    response = add(client, network, description="x" * 500)
    assert response.status_code == 413
    assert not Event.objects.exists()

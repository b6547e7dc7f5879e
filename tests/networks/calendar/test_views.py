"""The public calendar pages: /events/, /events/past/, /events/<slug>/, and the events shown on
the home page and network pages."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from networks.calendar.views import PER_PAGE
from networks.models import Event, Network
from tests.helpers.calendar import titles
from tests.helpers.html import text
from tests.networks.factories import (
    EventFactory,
    NetworkFactory,
    SubRegionFactory,
    VenueFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(datetime.datetime(2027, 1, 15, 12, tzinfo=LONDON), tick=False)


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


def test_events_page_lists_upcoming_published_events_by_month(client, frozen):
    EventFactory(title="February talk", start=london(2027, 2, 2, 10), end=london(2027, 2, 2, 12))
    EventFactory(title="January talk", start=london(2027, 1, 20, 10), end=london(2027, 1, 20, 12))
    EventFactory(
        title="Draft talk",
        start=london(2027, 1, 21, 10),
        end=london(2027, 1, 21, 12),
        is_published=False,
    )
    EventFactory(title="Old talk", start=london(2027, 1, 2, 10), end=london(2027, 1, 2, 12))
    response = client.get(reverse("events:list"))
    assert response.status_code == 200
    assert [month for month, _ in response.context["months"]] == [
        datetime.date(2027, 1, 1),
        datetime.date(2027, 2, 1),
    ]
    assert titles(response) == ["January talk", "February talk"]
    page = text(response)
    assert "January 2027 January talk Wednesday 20 January 2027, 10am to midday" in page
    assert "February 2027 February talk" in page
    assert "2 upcoming events." in page
    assert "Draft talk" not in page
    assert "Old talk" not in page


def test_events_page_filters_combine_and_stay_in_the_feed_link(client):
    west = SubRegionFactory(slug="west", name="West")
    network = NetworkFactory(slug="west-group", sub_region=west)
    EventFactory(title="Match", kind="network_meeting", network=network, venue__sub_region=west)
    EventFactory(title="Other kind", kind="webinar", network=network, venue__sub_region=west)
    EventFactory(title="Other network", kind="network_meeting", venue__sub_region=west)
    EventFactory(
        title="Online",
        kind="network_meeting",
        network=network,
        venue=None,
        attendance_mode="online",
    )
    params = {"kind": "network_meeting", "network": "west-group", "region": "west"}
    response = client.get(reverse("events:list"), {**params, "mode": "in_person"})
    assert titles(response) == ["Match"]
    html = response.content.decode()
    assert "1 upcoming event matches your filters." in text(response)
    assert "Clear filters" in html
    assert (
        'href="/events/calendar.ics?kind=network_meeting&amp;network=west-group&amp;region=west'
        '&amp;mode=in_person"' in html
    )
    assert 'href="webcal://testserver/events/calendar.ics?kind=network_meeting' in html
    assert titles(client.get(reverse("events:list"), params)) == ["Match", "Online"]


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"kind": "party"}, "We did not recognise the kind of event \u201cparty\u201d"),
        ({"network": "nowhere"}, "We did not recognise the network \u201cnowhere\u201d"),
        ({"region": "<script>x</script>"}, "We did not recognise the sub-region"),
        ({"mode": "x" * 3000}, "We did not recognise the attendance"),
        ({"page": "two"}, "There is no page \u201ctwo\u201d, so we are showing page 1."),
        ({"page": "-3"}, "There is no page \u201c-3\u201d, so we are showing page 1."),
        ({"page": "99"}, "There is no page \u201c99\u201d, so we are showing page 1."),
        ({"page": "\x00"}, "so we are showing page 1."),
    ],
)
def test_bad_filters_and_page_numbers_are_ignored_with_a_note(client, params, note):
    EventFactory(title="Still listed")
    response = client.get(reverse("events:list"), params)
    assert response.status_code == 200
    assert titles(response) == ["Still listed"]
    html = response.content.decode()
    assert note in html
    assert "<script>x" not in html
    # Ignored, not an error: no field is marked invalid or points to a missing message.
    assert "aria-invalid" not in html
    assert "aria-describedby" not in html


def test_events_are_paginated_and_pages_keep_the_filters(client):
    EventFactory.create_batch(PER_PAGE + 3, kind="webinar")
    EventFactory(kind="conference")
    first = client.get(reverse("events:list"), {"kind": "webinar"})
    html = first.content.decode()
    assert len(titles(first)) == PER_PAGE
    assert 'aria-label="Pagination"' in html
    assert 'href="/events/?kind=webinar&amp;page=2" rel="next"' in html
    second = client.get(reverse("events:list"), {"kind": "webinar", "page": "2"})
    assert len(titles(second)) == 3
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2' in (
        second.content.decode()
    )
    assert not set(titles(first)) & set(titles(second))


def test_one_page_of_events_has_no_pagination(client):
    EventFactory()
    assert "Pagination" not in client.get(reverse("events:list")).content.decode()


def test_no_upcoming_events_says_so(client):
    assert "No upcoming events are listed at the moment." in text(
        client.get(reverse("events:list"))
    )
    filtered = text(client.get(reverse("events:list"), {"kind": "webinar"}))
    assert "No upcoming events match these filters." in filtered


def test_past_events_archive_is_newest_first_and_paginated(client, frozen):
    for day in range(1, PER_PAGE + 3):
        EventFactory(
            title=f"Day {day}", start=london(2026, 12, day, 10), end=london(2026, 12, day, 12)
        )
    EventFactory(title="Coming up")
    EventFactory(
        title="Past draft",
        start=london(2026, 11, 5, 10),
        end=london(2026, 11, 5, 12),
        is_published=False,
    )
    first = client.get(reverse("events:past"))
    assert titles(first)[:3] == ["Day 22", "Day 21", "Day 20"]
    assert len(titles(first)) == PER_PAGE
    second = client.get(reverse("events:past"), {"page": "2"})
    assert titles(second) == ["Day 2", "Day 1"]
    assert "Coming up" not in text(first) + text(second)
    assert "Past draft" not in text(first) + text(second)
    assert "There is no page" in text(client.get(reverse("events:past"), {"page": "abc"}))


def test_event_page_has_all_a_person_needs_to_attend(client):
    network = NetworkFactory(name="West London Museums Group")
    event = EventFactory(
        title="Caring for textiles",
        kind=Event.Kind.OBSERVATION,
        network=network,
        organiser_name="",
        start=days_from_now(10).replace(hour=10),
        end=days_from_now(10).replace(hour=13),
        venue=VenueFactory(
            name="Gunnersbury Park Museum",
            address="Popes Lane\nLondon",
            postcode="W3 8LQ",
            access_notes="Step-free entrance from the car park.",
        ),
        booking_url="https://book.example/textiles",
        booking_email="",
        is_free=False,
        cost="£25, or £15 for volunteers",
        capacity=12,
        audience="Volunteers in small museums",
        description="Bring **gloves**.",
    )
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    when = event.when
    assert re.fullmatch(r"\w+day \d+ \w+ \d{4}, 10am to 1pm", when)
    assert f"When {when}" in page
    assert "Where Gunnersbury Park Museum Popes Lane London W3 8LQ" in page
    assert "Getting there and access Step-free entrance from the car park." in page
    assert "Cost £25, or £15 for volunteers" in page
    assert "Places 12 places" in page
    assert "Who it is for Volunteers in small museums" in page
    assert "Organiser West London Museums Group" in page
    assert "Opportunity to observe a session" in page
    html = response.content.decode()
    assert 'href="https://book.example/textiles"' in html
    assert f'href="{network.get_absolute_url()}"' in html
    assert "<strong>gloves</strong>" in html
    assert f'href="/events/{event.slug}/calendar.ics"' in html
    assert "<title>Caring for textiles" in html


def test_online_event_says_so_and_gives_the_joining_link(client):
    event = EventFactory(
        attendance_mode="online", venue=None, online_url="https://meet.example/j/42", is_free=True
    )
    page = text(client.get(event.get_absolute_url()))
    assert "Where This is an online event." in page
    assert "Cost Free" in page
    assert (
        'href="https://meet.example/j/42"' in client.get(event.get_absolute_url()).content.decode()
    )


def test_online_event_without_link_says_when_it_comes(client):
    event = EventFactory(attendance_mode="online", venue=None, organiser_name="MDO team")
    page = text(client.get(event.get_absolute_url()))
    assert "The joining link is sent to you when you book." in page
    assert "Organiser MDO team" in page


@pytest.mark.parametrize(
    ("status", "notice"),
    [
        ("cancelled", "This event has been cancelled."),
        ("postponed", "This event has been postponed."),
        ("moved_online", "This event has moved online."),
    ],
)
def test_changed_event_says_so_at_the_top_in_its_title_and_in_the_list(client, status, notice):
    event = EventFactory(title="Pest management", status=status)
    label = event.get_status_display()
    html = client.get(event.get_absolute_url()).content.decode()
    assert f"<title>{label}: Pest management" in html
    assert f"<h1>{label}: Pest management</h1>" in html
    # The notice comes before the details of when and where.
    assert html.index(notice) < html.index("<dt>When</dt>")
    assert f"{label}: Pest management</a>" in client.get(reverse("events:list")).content.decode()


def test_cancelled_event_offers_no_booking(client):
    event = EventFactory(status="cancelled", booking_url="https://book.example/x")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "How to book" not in html
    assert 'href="https://book.example/x"' not in html


def test_past_event_page_says_it_has_finished(client):
    event = EventFactory(
        start=days_from_now(-3), end=days_from_now(-3) + datetime.timedelta(hours=2)
    )
    page = text(client.get(event.get_absolute_url()))
    assert "This event has finished." in page
    assert "Past events" in page


def test_draft_is_a_404_to_the_public_and_a_marked_preview_for_staff(client, admin_client):
    draft = EventFactory(is_published=False, title="Secret plans")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Secret plans" not in response.content.decode()
    preview = admin_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Only staff can see this page." in text(preview)
    assert "calendar.ics" not in preview.content.decode()


def test_unknown_event_is_a_404_in_the_site_layout(client):
    response = client.get(reverse("events:detail", kwargs={"slug": "no-such-event"}))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_event_page_escapes_and_sanitises_staff_text(client):
    event = EventFactory(
        title="<b>Bold</b> title",
        description='<script>alert("x")</script><img src=x onerror=alert(1)>Hello',
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in html
    assert "<script>alert" not in html
    assert "onerror" not in html


def test_events_link_in_the_main_navigation(client):
    html = client.get(reverse("events:list")).content.decode()
    assert '<a href="/events/" aria-current="page">Events</a>' in html
    home = client.get(reverse("networks:home")).content.decode()
    assert '<a href="/events/">Events</a>' in home


def test_closed_network_is_not_linked_from_its_old_events(client):
    network = NetworkFactory(name="Old Group", status=Network.Status.CLOSED)
    event = EventFactory(
        network=network,
        start=days_from_now(-30),
        end=days_from_now(-30) + datetime.timedelta(hours=1),
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Old Group" in html
    assert f'href="{network.get_absolute_url()}"' not in html


QUERY_VALUES = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)


@given(
    params=st.dictionaries(
        st.sampled_from(["kind", "network", "region", "topic", "mode", "page"]), QUERY_VALUES
    )
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@example(params={"page": "1e9", "network": "\x00"})
@example(params={"kind": "\r\nBEGIN:VEVENT", "mode": "\x00", "region": "é"})
def test_any_query_string_gets_the_page_or_the_feed_never_an_error(client, params):
    # Hypothesis runs every example in this test's one transaction: make the event once.
    if not Network.objects.filter(slug="west").exists():
        EventFactory(network=NetworkFactory(slug="west"))
    assert client.get(reverse("events:list"), params).status_code == 200
    assert client.get(reverse("events:past"), params).status_code == 200
    feed = client.get(reverse("events:feed"), params)
    # A feed for a network we do not have is a 404; anything else is ignored.
    assert feed.status_code == (404 if params.get("network", "west") not in ("", "west") else 200)


def test_a_long_network_list_gives_way_to_each_networks_own_link(client, monkeypatch):
    from networks.calendar.forms import EventFilterForm

    networks = [NetworkFactory(name=f"Group {i:02d}", slug=f"group-{i:02d}") for i in range(4)]
    for network in networks:
        EventFactory(network=network, organiser_name="")
    listed = client.get(reverse("events:list")).content.decode()
    assert '<option value="group-03">Group 03</option>' in listed

    monkeypatch.setattr(EventFilterForm, "MAX_NETWORK_CHOICES", 3)
    unlisted = client.get(reverse("events:list")).content.decode()
    filtered = client.get(reverse("events:list"), {"network": "group-02"})
    assert 'name="network"' not in unlisted
    html = filtered.content.decode()
    # The filter still applies, and the form carries it on when other filters change.
    assert [e.network.slug for e in filtered.context["page"].object_list] == ["group-02"]
    assert '<input type="hidden" name="network" value="group-02"' in html
    assert "Clear filters" in html

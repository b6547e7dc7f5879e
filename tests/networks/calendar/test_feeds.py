"""Calendar feeds, parsed back with icalendar and, for a second opinion, with vobject."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.urls import reverse

from networks.calendar import feeds
from networks.calendar.feeds import london_timezone
from networks.models import Event, Network
from tests.networks.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2027, 1, 4, 9, tzinfo=LONDON)
HOUR = datetime.timedelta(hours=1)

# Both sides of both clock changes of 2027: BST starts on Sunday 28 March and ends on Sunday
# 31 October. Each session is at 10am London time, whatever the offset from UTC.
CLOCK_CHANGE_SESSIONS = [
    ("before-bst", datetime.datetime(2027, 3, 27, 10, tzinfo=LONDON), datetime.timedelta(0)),
    ("in-bst", datetime.datetime(2027, 3, 29, 10, tzinfo=LONDON), HOUR),
    ("end-of-bst", datetime.datetime(2027, 10, 30, 10, tzinfo=LONDON), HOUR),
    ("after-bst", datetime.datetime(2027, 11, 1, 10, tzinfo=LONDON), datetime.timedelta(0)),
]


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def sessions(frozen):
    return {
        slug: EventFactory(slug=slug, title=f"Session {slug}", start=start, end=start + 3 * HOUR)
        for slug, start, _ in CLOCK_CHANGE_SESSIONS
    }


def get_feed(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def parse(content):
    return icalendar.Calendar.from_ical(content)


def events_by_uid(calendar):
    return {str(vevent["UID"]): vevent for vevent in calendar.walk("VEVENT")}


def test_feed_keeps_wall_clock_times_on_both_sides_of_both_clock_changes(client, sessions):
    calendar = parse(get_feed(client, reverse("events:feed")))
    vevents = events_by_uid(calendar)
    assert len(vevents) == 4
    for slug, start, offset in CLOCK_CHANGE_SESSIONS:
        vevent = vevents[str(sessions[slug].uid)]
        dtstart, dtend = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        assert vevent["DTSTART"].params["TZID"] == "Europe/London"
        assert (dtstart.hour, dtstart.minute, dtend.hour) == (10, 0, 13), slug
        assert dtstart.utcoffset() == offset, slug
        assert dtstart == start and dtend == start + 3 * HOUR, slug


def test_feed_has_a_vtimezone_for_london_matching_the_tz_database():
    calendar = parse(
        icalendar.Calendar.new(prodid="-//test//EN", subcomponents=[london_timezone()]).to_ical()
    )
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    # Read from the VTIMEZONE's own rules, not looked up by name.
    ours = zone.to_tz(lookup_tzid=False)
    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    while moment.year < 2038:
        expected = moment.astimezone(LONDON)
        got = moment.astimezone(ours)
        assert (got.replace(tzinfo=None), got.utcoffset()) == (
            expected.replace(tzinfo=None),
            expected.utcoffset(),
        ), moment
        moment += datetime.timedelta(minutes=30)


def test_feed_vtimezone_comes_before_the_events(client, sessions):
    content = get_feed(client, reverse("events:feed")).decode()
    assert content.index("BEGIN:VTIMEZONE") < content.index("BEGIN:VEVENT")
    assert content.count("BEGIN:VTIMEZONE") == 1


def test_second_parser_vobject_reads_the_same_events_and_times(client, sessions):
    """The resolution note's check: another calendar parser agrees with icalendar."""
    sessions["in-bst"].status = Event.Status.CANCELLED
    sessions["in-bst"].save()
    content = get_feed(client, reverse("events:feed")).decode()
    by_icalendar = {
        str(vevent["UID"]): (
            str(vevent["SUMMARY"]),
            vevent.decoded("DTSTART"),
            vevent.decoded("DTEND"),
            str(vevent["STATUS"]),
        )
        for vevent in parse(content).walk("VEVENT")
    }
    by_vobject = {
        vevent.uid.value: (
            vevent.summary.value,
            vevent.dtstart.value,
            vevent.dtend.value,
            vevent.status.value,
        )
        for vevent in vobject.readOne(content).vevent_list
    }
    assert by_vobject.keys() == by_icalendar.keys() == {str(e.uid) for e in sessions.values()}
    for uid, (summary, start, end, status) in by_vobject.items():
        ical_summary, ical_start, ical_end, ical_status = by_icalendar[uid]
        assert (summary, status) == (ical_summary, ical_status)
        # The same instants and the same London wall-clock times, offsets included.
        assert (start, end) == (ical_start, ical_end)
        assert (start.hour, start.utcoffset()) == (ical_start.hour, ical_start.utcoffset())
    expected = {str(sessions[slug].uid): offset for slug, _, offset in CLOCK_CHANGE_SESSIONS}
    assert {uid: value[1].utcoffset() for uid, value in by_vobject.items()} == expected
    assert {value[1].hour for value in by_vobject.values()} == {10}


def test_event_properties_in_the_feed(client, frozen):
    event = EventFactory(
        title="Pest management",
        summary="Spot and stop pests.",
        description="Bring **samples** and [read this](https://example.org/pests).",
        venue__name="Horniman Museum",
        venue__address="100 London Road\nForest Hill",
        venue__postcode="SE23 3PQ",
        kind=Event.Kind.MDO_TRAINING,
    )
    vevent = parse(get_feed(client, reverse("events:feed"))).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Pest management"
    assert str(vevent["URL"]) == f"http://testserver{event.get_absolute_url()}"
    assert str(vevent["LOCATION"]) == "Horniman Museum, 100 London Road, Forest Hill, SE23 3PQ"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent.decoded("DTSTAMP") == event.updated_at
    assert vevent.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)
    assert vevent.decoded("SEQUENCE") == 0
    description = str(vevent["DESCRIPTION"])
    assert description.startswith(
        "Spot and stop pests.\n\nBring samples and read this (https://example.org/pests)."
    )
    assert "<" not in description and "**" not in description
    assert f"Details: http://testserver{event.get_absolute_url()}" in description
    assert vevent.categories == ["MDO training"]


def test_online_event_location_is_its_joining_link(client):
    EventFactory(attendance_mode="online", venue=None, online_url="https://meet.example/j/1")
    vevent = parse(get_feed(client, reverse("events:feed"))).walk("VEVENT")[0]
    assert str(vevent["LOCATION"]) == "https://meet.example/j/1"


def test_uid_is_stable_and_sequence_rises_when_an_event_changes(client, frozen):
    event = EventFactory()

    def seen():
        [vevent] = parse(get_feed(client, reverse("events:feed"))).walk("VEVENT")
        return str(vevent["UID"]), vevent.decoded("SEQUENCE"), vevent.decoded("DTSTAMP")

    uid, first_sequence, first_stamp = seen()
    assert seen() == (uid, first_sequence, first_stamp)  # nothing changed, nothing moves
    frozen.move_to(NOW + datetime.timedelta(days=1), tick=False)
    event.start += HOUR
    event.end += HOUR
    event.slug = "renamed"
    event.save()
    changed_uid, second_sequence, second_stamp = seen()
    assert changed_uid == uid
    assert second_sequence > first_sequence
    assert second_stamp > first_stamp
    frozen.move_to(NOW + datetime.timedelta(days=2), tick=False)
    Event.objects.filter(pk=event.pk).cancel()
    assert seen()[1] > second_sequence


def test_cancelled_events_stay_in_the_feed_marked_cancelled(client, frozen):
    EventFactory(title="Going ahead")
    EventFactory(title="Called off", status=Event.Status.CANCELLED)
    EventFactory(title="Later", status=Event.Status.POSTPONED)
    statuses = {
        str(v["SUMMARY"]): str(v["STATUS"])
        for v in parse(get_feed(client, reverse("events:feed"))).walk("VEVENT")
    }
    assert statuses == {
        "Going ahead": "CONFIRMED",
        "Cancelled: Called off": "CANCELLED",
        "Postponed: Later": "TENTATIVE",
    }


def test_drafts_never_appear_in_any_feed(client):
    network = NetworkFactory(slug="registrars")
    draft = EventFactory(title="Draft", network=network, is_published=False)
    EventFactory(title="Public", network=network)
    for url in [
        reverse("events:feed"),
        reverse("events:feed") + "?network=registrars",
        reverse("events:network_feed", kwargs={"slug": "registrars"}),
    ]:
        summaries = [str(v["SUMMARY"]) for v in parse(get_feed(client, url)).walk("VEVENT")]
        assert summaries == ["Public"], url
    draft_feed = reverse("events:event_feed", kwargs={"slug": draft.slug})
    assert client.get(draft_feed).status_code == 404


def test_feed_carries_recent_past_events_but_not_old_ones(client, frozen):
    EventFactory(
        title="Last month",
        start=NOW - datetime.timedelta(days=30),
        end=NOW - datetime.timedelta(days=30) + HOUR,
    )
    EventFactory(
        title="Two years ago",
        start=NOW - datetime.timedelta(days=730),
        end=NOW - datetime.timedelta(days=730) + HOUR,
    )
    summaries = [
        str(v["SUMMARY"]) for v in parse(get_feed(client, reverse("events:feed"))).walk("VEVENT")
    ]
    assert summaries == ["Last month"]


def test_feed_filters_are_the_events_page_filters(client):
    network = NetworkFactory(slug="registrars", name="Registrars Group")
    EventFactory(title="Registrars meeting", kind="network_meeting", network=network)
    EventFactory(title="Registrars webinar", kind="webinar", network=network)
    EventFactory(title="MDO training")
    url = reverse("events:feed")
    calendar = parse(get_feed(client, url, {"network": "registrars", "kind": "network_meeting"}))
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Registrars meeting"]
    assert "Registrars Group" in str(calendar["X-WR-CALNAME"])
    assert "Network meeting" in str(calendar["X-WR-CALNAME"])


def test_feed_with_an_unknown_kind_ignores_it_and_says_so(client):
    EventFactory(title="Listed")
    calendar = parse(get_feed(client, reverse("events:feed"), {"kind": "party"}))
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Listed"]
    assert str(calendar["DESCRIPTION"]) == (
        "We did not recognise the kind of event asked for, so it was not applied."
    )


def test_feed_never_echoes_what_was_asked_for(client):
    calendar = parse(get_feed(client, reverse("events:feed"), {"kind": "x\nBEGIN:VEVENT"}))
    assert calendar.walk("VEVENT") == []
    assert "BEGIN:VEVENT" not in str(calendar["DESCRIPTION"])


@pytest.mark.parametrize(
    "url",
    [
        "/events/calendar.ics?network=no-such-network",
        "/events/networks/no-such-network/calendar.ics",
        "/events/networks/closed-network/calendar.ics",
        "/events/no-such-event/calendar.ics",
    ],
)
def test_feed_for_a_missing_network_or_event_is_a_404(client, url):
    NetworkFactory(slug="closed-network", status=Network.Status.CLOSED)
    assert client.get(url).status_code == 404


def test_network_feed_holds_only_that_networks_events(client):
    network = NetworkFactory(slug="health", name="Health Museums")
    EventFactory(title="Health meeting", network=network)
    EventFactory(title="Elsewhere", network=NetworkFactory())
    calendar = parse(get_feed(client, reverse("events:network_feed", kwargs={"slug": "health"})))
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Health meeting"]
    assert str(calendar["X-WR-CALNAME"]).startswith("Health Museums")


def test_event_feed_is_one_event_to_add_to_a_calendar(client):
    event = EventFactory(title="One off")
    EventFactory(title="Another")
    response = client.get(reverse("events:event_feed", kwargs={"slug": event.slug}))
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    assert [str(v["SUMMARY"]) for v in parse(response.content).walk("VEVENT")] == ["One off"]


def test_calendar_identity_is_stable_between_requests(client):
    first = parse(get_feed(client, reverse("events:feed")))
    second = parse(get_feed(client, reverse("events:feed")))
    assert str(first["UID"]) == str(second["UID"])
    assert str(first["X-WR-TIMEZONE"]) == "Europe/London"


def test_feeds_carry_the_next_events_and_the_latest_past_ones_up_to_a_limit(
    client, frozen, monkeypatch
):
    """A feed is fetched whole every few hours, so it is bounded: the soonest events to come
    and the most recent past ones, and its description says what was left out and where to
    find a shorter feed."""
    monkeypatch.setattr(Event, "FEED_LIMIT", 3)
    monkeypatch.setattr(Event, "FEED_PAST_LIMIT", 2)
    network = NetworkFactory(slug="registrars")
    for days in [-40, -20, -10, -5, 1, 2, 3, 4, 5]:
        start = NOW + datetime.timedelta(days=days)
        EventFactory(title=f"Day {days}", start=start, end=start + HOUR, network=network)
    expected = ["Day -10", "Day -5", "Day 1", "Day 2", "Day 3"]
    for url in [
        reverse("events:feed"),
        reverse("events:feed") + "?network=registrars",
        reverse("events:network_feed", kwargs={"slug": "registrars"}),
    ]:
        calendar = parse(get_feed(client, url))
        assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == expected, url
        assert str(calendar["DESCRIPTION"]) == (
            "This feed carries the next 3 events and the 2 that ended most recently. For a "
            "shorter feed, choose a kind of event, network, sub-region or topic on "
            "http://testserver/events/"
        )


def test_a_feed_within_its_limit_carries_everything_and_says_nothing_of_limits(
    client, frozen, monkeypatch
):
    monkeypatch.setattr(Event, "FEED_LIMIT", 3)
    monkeypatch.setattr(Event, "FEED_PAST_LIMIT", 2)
    for days in [-5, 1, 2, 3]:
        start = NOW + datetime.timedelta(days=days)
        EventFactory(title=f"Day {days}", start=start, end=start + HOUR)
    calendar = parse(get_feed(client, reverse("events:feed"), {"kind": "party"}))
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == [
        "Day -5",
        "Day 1",
        "Day 2",
        "Day 3",
    ]
    assert str(calendar["DESCRIPTION"]) == (
        "We did not recognise the kind of event asked for, so it was not applied."
    )


def unfolded(response):
    """A feed's text with RFC 5545's line folding undone."""
    return response.content.decode().replace("\r\n ", "")


def test_a_change_to_an_events_venue_or_network_shows_in_the_feed_at_once(client):
    # Each event's text is remembered between requests (feeds.vevent_text): a change to what
    # it says, even one made elsewhere than the event, is never hidden by that.
    network = NetworkFactory(name="Old name network")
    event = EventFactory(network=network, organiser_name="")
    feed = reverse("events:feed")
    assert "Old name network" in unfolded(client.get(feed))
    network.name = "New name network"
    network.save()
    event.venue.name = "The renamed hall"
    event.venue.save()
    text = unfolded(client.get(feed))
    assert "New name network" in text
    assert "Old name network" not in text
    assert "The renamed hall" in text


def test_an_event_read_without_its_venue_or_network_still_shows_their_changes():
    # Booking emails' invite.ics read the event alone (locked for the booking), and its venue
    # and network only when the text is made: a change to them is never hidden either.
    network = NetworkFactory(name="Old name network")
    event = EventFactory(network=network, organiser_name="")

    def url(path):
        return f"https://skills.example{path}"

    assert b"Old name network" in feeds.vevent_text(Event.objects.get(pk=event.pk), url)
    network.name = "New name network"
    network.save()
    event.venue.name = "The renamed hall"
    event.venue.save()
    text = feeds.vevent_text(Event.objects.get(pk=event.pk), url).decode().replace("\r\n ", "")
    assert "New name network" in text
    assert "The renamed hall" in text

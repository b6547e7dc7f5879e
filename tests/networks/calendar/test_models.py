"""Events and venues: the rules on the model and its QuerySet."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from core.dates import format_range
from core.text import markdown_to_text
from networks.models import Event, Network, Venue
from tests.networks.factories import EventFactory, NetworkFactory, SubRegionFactory, VenueFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2027, 1, 15, 12, tzinfo=LONDON)


def london(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (london(2026, 3, 3, 10), london(2026, 3, 3, 13), "Tuesday 3 March 2026, 10am to 1pm"),
        (
            london(2026, 3, 3, 9, 30),
            london(2026, 3, 3, 12),
            "Tuesday 3 March 2026, 9:30am to midday",
        ),
        (london(2026, 3, 3, 18), london(2026, 3, 4, 0), "Tuesday 3 March 2026, 6pm to midnight"),
        (
            london(2026, 3, 3, 10),
            london(2026, 3, 4, 16),
            "Tuesday 3 March, 10am to Wednesday 4 March 2026, 4pm",
        ),
        (
            london(2026, 12, 31, 19),
            london(2027, 1, 1, 2),
            "Thursday 31 December 2026, 7pm to Friday 1 January 2027, 2am",
        ),
        # In British Summer Time, and given in UTC: still read in London time.
        (
            datetime.datetime(2026, 7, 1, 9, tzinfo=datetime.UTC),
            datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC),
            "Wednesday 1 July 2026, 10am to 1pm",
        ),
    ],
)
def test_date_ranges_read_naturally_in_london_time(start, end, expected):
    assert format_range(start, end) == expected


@pytest.mark.parametrize(
    ("fields", "field", "message", "constraint"),
    [
        (
            {"start": london(2027, 3, 3, 13), "end": london(2027, 3, 3, 10)},
            "end",
            "The end must be after the start.",
            "event_ends_after_start",
        ),
        (
            {"start": london(2027, 3, 3, 10), "end": london(2027, 3, 3, 10)},
            "end",
            "The end must be after the start.",
            "event_ends_after_start",
        ),
        (
            {"network": None, "organiser_name": ""},
            "organiser_name",
            "Choose the organising network, or give the organiser's name.",
            "event_has_organiser",
        ),
        (
            {"is_free": True, "cost": "£10"},
            "cost",
            "Leave the cost blank for a free event, or untick \u201cfree\u201d.",
            "event_free_or_priced",
        ),
        (
            {"slug": "past"},
            "slug",
            "\u201cpast\u201d is the address of another page. Choose another slug.",
            "event_slug_not_reserved",
        ),
    ],
    ids=[
        "end-before-start",
        "no-length",
        "no-organiser",
        "free-with-cost",
        "reserved-slug",
    ],
)
def test_each_named_constraint_is_mirrored_in_clean_with_a_clear_message(
    fields, field, message, constraint
):
    event = EventFactory.build(**fields, venue=None)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    # One clear message on the field, not a second one from the database constraint.
    assert error.value.message_dict == {field: [message]}
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        EventFactory(**fields)


def test_the_same_venue_cannot_be_entered_twice():
    VenueFactory(name="Museum of the Home", postcode="E2 8EA")
    again = VenueFactory.build(name="museum of the home", postcode="e2 8ea", sub_region=None)
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "already listed" in error.value.message_dict["name"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_upcoming_includes_events_in_progress_and_past_is_newest_first(frozen):
    finished = EventFactory(
        title="Finished", start=london(2027, 1, 10, 10), end=london(2027, 1, 10, 12)
    )
    older = EventFactory(title="Older", start=london(2026, 12, 1, 10), end=london(2026, 12, 1, 12))
    running = EventFactory(
        title="Running", start=london(2027, 1, 15, 10), end=london(2027, 1, 15, 16)
    )
    later = EventFactory(title="Later", start=london(2027, 2, 1, 10), end=london(2027, 2, 1, 12))
    soon = EventFactory(title="Soon", start=london(2027, 1, 20, 10), end=london(2027, 1, 20, 12))
    assert list(Event.objects.upcoming()) == [running, soon, later]
    assert list(Event.objects.past()) == [finished, older]


def test_a_long_event_begun_long_ago_counts_as_to_come_until_it_ends(time_machine):
    """upcoming() begins its walk of start dates as long before now as the longest event lasts,
    so an event of any length is listed, in start order, until its end."""
    time_machine.move_to(NOW, tick=False)
    course = EventFactory(title="Course", start=london(2026, 9, 1, 9), end=london(2027, 3, 1, 17))
    soon = EventFactory(title="Soon", start=london(2027, 1, 20, 10), end=london(2027, 1, 20, 12))
    done = EventFactory(title="Done", start=london(2026, 12, 1, 10), end=london(2026, 12, 1, 12))
    draft = EventFactory(
        title="Draft", start=london(2026, 8, 1, 9), end=london(2027, 2, 1, 9), is_published=False
    )
    assert list(Event.objects.upcoming()) == [draft, course, soon]
    assert list(Event.objects.published().upcoming()) == [course, soon]
    time_machine.move_to(london(2027, 3, 1, 17), tick=False)
    assert list(Event.objects.published().upcoming()) == []
    assert list(Event.objects.past()) == [soon, done, course, draft]


def test_upcoming_is_empty_when_nothing_is_to_come(frozen):
    EventFactory(title="Done", start=london(2026, 12, 1, 10), end=london(2026, 12, 1, 12))
    assert list(Event.objects.upcoming()) == []


def test_published_leaves_out_drafts():
    shown = EventFactory()
    EventFactory(is_published=False)
    assert list(Event.objects.published()) == [shown]


def test_cancelled_postponed_and_moved_events_say_so_in_their_title():
    titles = {
        status: EventFactory.build(title="Caring for textiles", status=status).display_title
        for status in Event.Status.values
    }
    assert titles == {
        "scheduled": "Caring for textiles",
        "cancelled": "Cancelled: Caring for textiles",
        "postponed": "Postponed: Caring for textiles",
        "moved_online": "Moved online: Caring for textiles",
    }


def test_attended_online_includes_hybrid_and_moved_online_events():
    in_person = EventFactory(attendance_mode=Event.AttendanceMode.IN_PERSON)
    online = EventFactory(attendance_mode=Event.AttendanceMode.ONLINE, venue=None)
    hybrid = EventFactory(attendance_mode=Event.AttendanceMode.HYBRID)
    moved = EventFactory(status=Event.Status.MOVED_ONLINE)
    assert set(Event.objects.attended("online")) == {online, hybrid, moved}
    assert set(Event.objects.attended("in_person")) == {in_person, hybrid}
    assert set(Event.objects.attended("hybrid")) == {hybrid}


def test_in_sub_region_means_held_there_or_run_by_a_network_there():
    west = SubRegionFactory(slug="west")
    held_there = EventFactory(venue__sub_region=west)
    network_meeting_online = EventFactory(
        network=NetworkFactory(sub_region=west), venue=None, attendance_mode="online"
    )
    EventFactory()
    assert set(Event.objects.in_sub_region(west)) == {held_there, network_meeting_online}


def test_place_summary_for_lists():
    assert EventFactory.build(venue__name="Horniman Museum").place_summary == "Horniman Museum"
    assert EventFactory.build(venue=None).place_summary == "Venue to be confirmed"
    assert EventFactory.build(attendance_mode="online", venue=None).place_summary == "Online"
    hybrid = EventFactory.build(attendance_mode="hybrid", venue__name="Horniman Museum")
    assert hybrid.place_summary == "Horniman Museum and online"
    moved = EventFactory.build(status="moved_online", venue__name="Horniman Museum")
    assert moved.place_summary == "Online"


def test_sequence_rises_with_each_saved_change(time_machine):
    time_machine.move_to(NOW, tick=False)
    event = EventFactory()
    assert event.sequence == 0
    time_machine.move_to(NOW + datetime.timedelta(minutes=5), tick=False)
    event.title = "Caring for textiles (new room)"
    event.save()
    first = event.sequence
    time_machine.move_to(NOW + datetime.timedelta(hours=2), tick=False)
    event.save()
    assert 0 < first < event.sequence


def test_cancel_marks_events_cancelled_and_raises_their_sequence(time_machine):
    time_machine.move_to(NOW, tick=False)
    event, already = EventFactory(), EventFactory(status=Event.Status.CANCELLED)
    time_machine.move_to(NOW + datetime.timedelta(hours=1), tick=False)
    assert Event.objects.filter(pk__in=[event.pk, already.pk]).cancel() == 1
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert event.sequence > 0


def test_copy_as_draft_makes_an_unpublished_copy_with_its_own_identity():
    original = EventFactory(
        slug="digitisation-basics", status=Event.Status.CANCELLED, summary="Scanning."
    )
    first, second = original.copy_as_draft(), original.copy_as_draft()
    assert [first.slug, second.slug] == ["digitisation-basics-copy", "digitisation-basics-copy-2"]
    for copy in (first, second):
        assert copy.pk != original.pk
        assert copy.uid != original.uid
        assert not copy.is_published
        assert copy.status == Event.Status.SCHEDULED
        assert copy.summary == "Scanning."
        assert copy.venue == original.venue
    original.refresh_from_db()
    assert original.is_published


def test_a_network_with_events_cannot_be_deleted_by_accident():
    event = EventFactory(network=NetworkFactory())
    with pytest.raises(ProtectedError):
        event.network.delete()
    assert Network.objects.filter(pk=event.network_id).exists()


def test_markdown_becomes_plain_text_for_calendars():
    text = markdown_to_text(
        "Bring **gloves** & an apron.\n\n- Cleaning\n- [Storage](https://example.org/s)\n\n"
        "<script>alert(1)</script>Email [us](mailto:mdo@example.org)."
    )
    assert text == (
        "Bring gloves & an apron.\n\n- Cleaning\n- Storage (https://example.org/s)\n\n"
        "Email us (mdo@example.org)."
    )


def test_str_names_the_event_and_its_london_date():
    event = EventFactory.build(
        title="Caring for textiles",
        start=datetime.datetime(2027, 6, 30, 23, 30, tzinfo=datetime.UTC),  # 00:30 BST, 1 July
    )
    assert str(event) == "Caring for textiles (1 Jul 2027)"
    assert str(EventFactory.build(title="Undated", start=None, end=None)) == "Undated"


def test_initial_content_invents_no_events(client):
    """The seed page gives no dates: LMG's "Navigating Through Change" is information about the
    network, not a dated event."""
    call_command("load_initial_content", stdout=io.StringIO())
    assert not Event.objects.exists()
    assert not Venue.objects.exists()
    page = client.get(
        Network.objects.get(slug="london-museums-group").get_absolute_url()
    ).content.decode()
    assert "Navigating Through Change" in page
    assert "No meetings are listed at the moment." in page

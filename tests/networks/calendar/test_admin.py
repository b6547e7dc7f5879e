"""The events admin as MDO staff use it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from networks.models import Event
from tests.helpers.calendar import event_form
from tests.networks.factories import EventFactory, VenueFactory, days_from_now

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
CHANGELIST = reverse("admin:networks_event_changelist")


def listed(response):
    return sorted(event.title for event in response.context["cl"].result_list)


@pytest.fixture
def events():
    return {
        "upcoming": EventFactory(title="Upcoming training", venue__name="Horniman Museum"),
        "past": EventFactory(
            title="Past meeting",
            kind=Event.Kind.NETWORK_MEETING,
            start=days_from_now(-20),
            end=days_from_now(-20) + datetime.timedelta(hours=2),
        ),
        "cancelled": EventFactory(title="Cancelled webinar", kind="webinar", status="cancelled"),
    }


def test_changelist_filters_by_upcoming_or_past_kind_and_status(admin_client, events):
    assert listed(admin_client.get(CHANGELIST, {"when": "past"})) == ["Past meeting"]
    assert listed(admin_client.get(CHANGELIST, {"when": "upcoming"})) == [
        "Cancelled webinar",
        "Upcoming training",
    ]
    assert listed(admin_client.get(CHANGELIST, {"kind__exact": "webinar"})) == ["Cancelled webinar"]
    assert listed(admin_client.get(CHANGELIST, {"status__exact": "cancelled"})) == [
        "Cancelled webinar"
    ]


def test_changelist_has_a_date_hierarchy(admin_client):
    EventFactory(
        title="March",
        start=datetime.datetime(2027, 3, 3, 10, tzinfo=LONDON),
        end=datetime.datetime(2027, 3, 3, 12, tzinfo=LONDON),
    )
    EventFactory(
        title="May",
        start=datetime.datetime(2027, 5, 5, 10, tzinfo=LONDON),
        end=datetime.datetime(2027, 5, 5, 12, tzinfo=LONDON),
    )
    response = admin_client.get(CHANGELIST, {"start__year": "2027", "start__month": "3"})
    assert response.status_code == 200
    assert listed(response) == ["March"]
    # The hierarchy offers the months that have events.
    html = admin_client.get(CHANGELIST).content.decode()
    assert 'href="?start__month=3&amp;start__year=2027"' in html
    assert 'href="?start__month=5&amp;start__year=2027"' in html


def test_search_finds_events_by_title_and_venue(admin_client, events):
    assert listed(admin_client.get(CHANGELIST, {"q": "webinar"})) == ["Cancelled webinar"]
    assert listed(admin_client.get(CHANGELIST, {"q": "horniman"})) == ["Upcoming training"]


def test_venue_autocomplete_finds_venues(admin_client):
    VenueFactory(name="Museum of the Home")
    VenueFactory(name="Horniman Museum")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "horn", "app_label": "networks", "model_name": "event", "field_name": "venue"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [
        str(VenueFactory._meta.model.objects.get(name="Horniman Museum"))
    ]


def test_staff_add_an_event_in_london_time(admin_client):
    response = admin_client.post(reverse("admin:networks_event_add"), event_form())
    assert response.status_code == 302
    event = Event.objects.get(slug="digitisation-basics")
    assert event.start == datetime.datetime(2027, 3, 3, 10, tzinfo=LONDON)


def test_end_before_start_is_refused_with_a_clear_message(admin_client):
    response = admin_client.post(reverse("admin:networks_event_add"), event_form(end_1="09:00"))
    assert response.status_code == 200
    assert "The end must be after the start." in response.content.decode()
    assert not Event.objects.exists()


def test_free_with_a_cost_is_refused(admin_client):
    response = admin_client.post(reverse("admin:networks_event_add"), event_form(cost="£5"))
    assert "Leave the cost blank for a free event" in response.content.decode()
    assert not Event.objects.exists()


def test_duplicate_action_makes_unpublished_drafts(admin_client, events):
    original = events["upcoming"]
    response = admin_client.post(
        CHANGELIST,
        {"action": "duplicate_as_drafts", "_selected_action": [original.pk]},
        follow=True,
    )
    assert "Made 1 draft copy" in response.content.decode()
    copy = Event.objects.get(slug=f"{original.slug}-copy")
    assert (copy.title, copy.is_published) == (original.title, False)
    assert original.uid != copy.uid


def test_cancel_action_cancels_the_selected_events(admin_client, events):
    chosen = [events["upcoming"].pk, events["cancelled"].pk]
    response = admin_client.post(
        CHANGELIST, {"action": "cancel_events", "_selected_action": chosen}, follow=True
    )
    assert "Cancelled 1 event." in response.content.decode()
    events["upcoming"].refresh_from_db()
    assert events["upcoming"].status == Event.Status.CANCELLED
    events["past"].refresh_from_db()
    assert events["past"].status == Event.Status.SCHEDULED


def test_staff_can_view_a_draft_on_the_site_from_the_admin(admin_client):
    draft = EventFactory(is_published=False)
    html = admin_client.get(reverse("admin:networks_event_change", args=[draft.pk])).content
    assert b"View on site" in html
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200

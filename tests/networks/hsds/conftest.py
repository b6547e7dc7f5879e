import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from networks.calendar.models import Event
from networks.models import Network, NetworkRole
from tests.networks.factories import (
    EventFactory,
    NetworkFactory,
    NetworkRoleFactory,
    PersonFactory,
    SubRegionFactory,
    TopicFactory,
    VenueFactory,
    days_from_now,
)


@pytest.fixture
def directory(db):
    """A small directory with one of everything the API must show, and everything it must
    not: a closed network, a contact not shown publicly, a phone number, a draft event's venue,
    an online event's venue."""
    today = timezone.localdate()
    west = SubRegionFactory(name="West London", slug="west")
    textiles = TopicFactory(name="Textiles", slug="textiles")
    digital = TopicFactory(name="Digital", slug="digital")
    closed_parent = NetworkFactory(
        name="Old Umbrella Network", slug="old-umbrella", status=Network.Status.CLOSED
    )
    parent = NetworkFactory(
        name="London Museums Group",
        slug="lmg",
        kind=Network.Kind.AREA,
        sub_region=None,
        summary="The area network for London.",
        website="https://lmg.example/",
    )
    west_group = NetworkFactory(
        name="West London Museums Group",
        slug="west-london",
        sub_region=west,
        parent=parent,
        topics=[textiles, digital],
        description="Meets **four times** a year.",
        how_to_join="Email the chair.",
    )
    dormant = NetworkFactory(
        name="Quiet Registrars",
        slug="quiet-registrars",
        kind=Network.Kind.PRACTITIONER,
        sub_region=None,
        status=Network.Status.DORMANT,
        parent=closed_parent,
    )
    chair = PersonFactory(
        name="Ada Curator", email="ada@museum.example", phone="020 7946 0001", organisation="V&A"
    )
    hidden = PersonFactory(
        name="Hidden Keeper", email="hidden@museum.example", phone="020 7946 0999"
    )
    NetworkRoleFactory(
        network=west_group,
        person=chair,
        role=NetworkRole.Role.CHAIR,
        confirmed_on=today - datetime.timedelta(days=30),
    )
    NetworkRoleFactory(
        network=west_group,
        person=hidden,
        role=NetworkRole.Role.SECRETARY,
        is_public=False,
        confirmed_on=today - datetime.timedelta(days=10),
    )
    NetworkRoleFactory(network=closed_parent, person=PersonFactory(name="Closed Contact"))
    museum = VenueFactory(
        name="Pitzhanger Manor",
        address="Walpole Park\nMattock Lane\nLondon",
        postcode="W5 5EQ",
        website="https://pitzhanger.example/",
        sub_region=west,
    )
    network_meeting = {"kind": Event.Kind.NETWORK_MEETING, "network": west_group}
    EventFactory(venue=museum, start=days_from_now(-40), **network_meeting)
    EventFactory(venue=museum, start=days_from_now(20), **network_meeting)
    EventFactory(venue=VenueFactory(name="Draft Venue"), is_published=False, **network_meeting)
    EventFactory(
        venue=VenueFactory(name="Online Only Venue"),
        attendance_mode=Event.AttendanceMode.ONLINE,
        **network_meeting,
    )
    return SimpleNamespace(
        west=west,
        textiles=textiles,
        digital=digital,
        closed_parent=closed_parent,
        parent=parent,
        west_group=west_group,
        dormant=dormant,
        chair=chair,
        hidden=hidden,
        museum=museum,
        today=today,
    )

"""Import with a preview: rows checked before anything is saved, each problem named."""

import datetime
import io

import pytest
from openpyxl import Workbook

from networks.models import Event, Network, NetworkRole, Person
from tests.helpers.admin import import_file
from tests.networks.factories import (
    NetworkFactory,
    SubRegionFactory,
    TopicFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


# --- Import ---------------------------------------------------------------------------------------


def test_import_previews_rows_before_saving_anything(admin_client):
    SubRegionFactory(slug="west-london", name="West London")
    TopicFactory(slug="textiles", name="Textiles")
    content = (
        "slug,name,kind,status,sub_region,topics,summary\n"
        "west-group,West Group,Sub-regional network,active,west-london,textiles,West.\n"
    )
    preview = import_file(admin_client, Network, content, confirm=False)
    html = preview.content.decode()
    assert "West Group" in html
    assert preview.context["result"].totals["new"] == 1
    assert not Network.objects.filter(slug="west-group").exists()

    done = import_file(admin_client, Network, content)
    assert done.status_code == 200
    network = Network.objects.get(slug="west-group")
    assert (network.kind, network.sub_region.slug) == ("sub_regional", "west-london")
    assert [t.slug for t in network.topics.all()] == ["textiles"]
    record = network.history.first()
    assert record.history_change_reason == "Imported from a file"
    assert record.history_user.is_superuser


def test_a_file_with_bad_rows_names_each_and_saves_nothing(admin_client):
    NetworkFactory(slug="taken-parent")
    content = (
        "slug,name,kind,status,sub_region,parent\n"
        "good-one,Good One,area,active,,\n"
        "bad-kind,Bad Kind,club,active,,\n"
        "bad-region,Bad Region,area,active,nowhere,\n"
        "bad-website,Bad Website,area,active,,taken-parent\n"
        ",No Slug,area,active,,\n"
    )
    preview = import_file(admin_client, Network, content)
    result = preview.context["result"]
    assert result.has_validation_errors()
    html = preview.content.decode()
    assert "“club” is not a kind of network" in html
    assert "There is no sub-region with the slug “nowhere”." in html
    invalid_rows = {row.number for row in result.invalid_rows}
    assert invalid_rows == {2, 3, 5}
    assert preview.context.get("confirm_form") is None  # Nothing to confirm until it is fixed.
    assert not Network.objects.filter(slug__in=["good-one", "bad-website"]).exists()


def test_import_people_roles_and_events(admin_client):
    import_file(
        admin_client,
        Person,
        "name,email,phone,organisation\nAda Lovelace,ADA@museum.example,,Tram Museum\n",
    )
    network = NetworkFactory(slug="west-group")
    import_file(
        admin_client,
        NetworkRole,
        "network,person,role,is_public,confirmed_on\nwest-group,ada@museum.example,Chair,1,2026-03-02\n",
    )
    role = NetworkRole.objects.get()
    assert (role.network, role.person.name, role.role) == (network, "Ada Lovelace", "chair")
    assert role.confirmed_on == datetime.date(2026, 3, 2)
    # Importing the same person again updates them, matched by email in any case.
    import_file(admin_client, Person, "name,email\nAda King,ada@MUSEUM.example\n")
    assert Person.objects.get().name == "Ada King"

    venue = VenueFactory(name="Docklands", postcode="E14 4AL")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["slug", "title", "kind", "start", "end", "network", "venue", "is_free"])
    sheet.append(
        [
            "textile-day",
            "Textile day",
            "mdo_training",
            datetime.datetime(2027, 2, 3, 10),
            datetime.datetime(2027, 2, 3, 13),
            "west-group",
            "Docklands, E14 4AL",
            1,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_file(admin_client, Event, buffer.getvalue(), name="events.xlsx", file_format="1")
    event = Event.objects.get(slug="textile-day")
    assert (event.network, event.venue, event.is_free) == (network, venue, True)
    assert event.when == "Wednesday 3 February 2027, 10am to 1pm"


def test_an_event_row_breaking_a_rule_is_named_with_the_rules_own_message(admin_client):
    content = (
        "slug,title,kind,start,end,organiser_name\n"
        "backwards,Backwards,webinar,2027-02-03 13:00,2027-02-03 10:00,MDO team\n"
    )
    preview = import_file(admin_client, Event, content)
    assert "The end must be after the start." in preview.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize("file_format", ["0", "1"], ids=["csv", "xlsx"])
@pytest.mark.parametrize(
    "content",
    [b"\x00\xff\xfe junk \x89PNG", b"", b"a,b\n1,2\n", "slug,name\n\u202e,=1\n".encode()],
    ids=["binary", "empty", "unknown-columns", "bad-slug"],
)
def test_a_junk_file_gets_a_message_not_an_error_and_saves_nothing(
    admin_client, file_format, content
):
    before = Network.objects.count()
    response = import_file(admin_client, Network, content, file_format=file_format, confirm=False)
    assert response.status_code == 200
    assert Network.objects.count() == before

"""Import with a preview: rows checked before anything is saved, each problem named."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from openpyxl import Workbook

from networks.models import Event, Network, NetworkRole, Person
from tests.helpers.admin import NETWORKS_CSV, admin_url, import_file, many_networks_csv
from tests.networks.factories import (
    NetworkFactory,
    PersonFactory,
    SubRegionFactory,
    TopicFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def preview_folder(settings, tmp_path):
    """Uploaded files wait for their confirmation in this test's own folder."""
    settings.IMPORT_EXPORT_TMP_DIR = str(tmp_path / "import-previews")
    return tmp_path / "import-previews"


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
        ",,area,active,,\n"
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


# --- Staff's own lists, messages, help, sample file, storage, CSP ---------------------------------


def test_a_staff_list_without_slugs_imports_and_matches_by_name(admin_client):
    NetworkFactory(name="Textile Group", slug="textile-group", summary="Old.")
    content = (
        "Name,Kind,Status,Website,Summary,Colour\n"
        "Textile Group,Practitioner network,Active,https://textile.example.org/,New.,red\n"
        "Registrars,practitioner,Dormant,,Keepers of records.,blue\n"
        "Registrars!,Area network,active,,Another.,green\n"
    )
    preview = import_file(admin_client, Network, content, confirm=False)
    assert "Colour" in preview.content.decode() or "colour" in preview.content.decode()
    assert "are ignored" in preview.content.decode()
    import_file(admin_client, Network, content)
    assert Network.objects.get(slug="textile-group").summary == "New."
    registrars = Network.objects.get(slug="registrars")
    assert (registrars.kind, registrars.status) == ("practitioner", "dormant")
    assert Network.objects.get(slug="registrars-2").kind == "area"
    assert Network.objects.count() == 3


def test_a_missing_required_column_is_a_message_on_the_form(admin_client):
    preview = import_file(admin_client, Network, "kind,summary\narea,Hello\n", confirm=False)
    html = preview.content.decode()
    assert "The file needs a column headed “name”." in html
    assert "Traceback" not in html and "FieldError" not in html
    assert preview.context["form"].errors["import_file"]
    assert not Network.objects.exists()


def test_a_file_in_the_wrong_encoding_is_a_message(admin_client):
    content = "name,kind\nCaf\xe9 Group,area\n".encode("cp1252")
    preview = import_file(admin_client, Network, content, confirm=False)
    assert "is not UTF-8 text" in preview.content.decode()


def test_the_import_page_says_the_columns_and_offers_a_sample(admin_client):
    SubRegionFactory(slug="west-london")
    page = admin_client.get(admin_url(Network, "import")).content.decode()
    assert "Sub-regional network (sub_regional)" in page
    assert "west-london" in page
    assert "Required" in page
    sample = admin_client.get(admin_url(Network, "import_sample"))
    assert sample["Content-Type"] == "text/csv"
    header, _example = sample.content.decode().splitlines()
    assert header.startswith("slug,name,kind,status")
    # The sample imports as it is.
    import_file(admin_client, Network, sample.content)
    assert Network.objects.get(slug="west-london-registrars").kind == "practitioner"
    for model in (Person, NetworkRole, Event):
        assert admin_client.get(admin_url(model, "import_sample")).status_code == 200


def test_the_sample_is_for_staff_only(client):
    response = client.get(admin_url(Network, "import_sample"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_preview_page_has_no_inline_styles_or_scripts(admin_client):
    NetworkFactory(name="Old Name", slug="changing")
    content = "slug,name,kind\nchanging,New Name,area\nfresh,Fresh,area\n"
    html = import_file(admin_client, Network, content, confirm=False).content.decode()
    assert "Fresh" in html
    assert '<del class="import-del">Old</del><ins class="import-ins">New</ins> Name' in html
    assert "style=" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_an_unconfirmed_preview_file_is_gone_after_a_day_and_a_confirmed_one_at_once(
    admin_client, settings, tmp_path
):
    settings.IMPORT_EXPORT_TMP_DIR = str(tmp_path)
    import_file(admin_client, Network, NETWORKS_CSV, confirm=False)
    [kept] = tmp_path.iterdir()
    import_file(admin_client, Network, NETWORKS_CSV.replace("textile", "lace"))
    assert list(tmp_path.iterdir()) == [kept]  # the confirmed one went at once
    written = datetime.datetime.fromtimestamp(kept.stat().st_mtime, tz=datetime.UTC)
    with time_machine.travel(written + datetime.timedelta(hours=23)):
        call_command("clear_import_previews", stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == [kept]
    with time_machine.travel(written + datetime.timedelta(days=1, seconds=1)):
        call_command("clear_import_previews", stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == []


def test_a_preview_that_cannot_be_confirmed_keeps_no_file(admin_client, settings, tmp_path):
    settings.IMPORT_EXPORT_TMP_DIR = str(tmp_path)
    import_file(admin_client, Network, "slug,name,kind\nx,X,club\n", confirm=False)
    assert list(tmp_path.iterdir()) == []


def test_many_networks_import_in_a_few_queries(admin_client, django_assert_max_num_queries):
    sub_regions = [SubRegionFactory().slug for _ in range(3)]
    topics = [TopicFactory().slug for _ in range(3)]
    content = many_networks_csv(300, sub_regions=sub_regions, topics=topics)
    with django_assert_max_num_queries(60):
        done = import_file(admin_client, Network, content)
    assert done.status_code == 200
    assert Network.objects.count() == 300
    network = Network.objects.get(name="Imported Network 4")
    assert network.topics.get().slug == topics[1]
    assert network.history.get().history_change_reason == "Imported from a file"
    assert network.history.get().topics.count() == 1


def test_confirming_a_preview_whose_file_has_gone_says_so(admin_client):
    response = admin_client.post(
        admin_url(Network, "process_import"),
        {
            "import_file_name": "0" * 32,
            "original_file_name": "a.csv",
            "format": "0",
            "resource": "0",
        },
        follow=True,
    )
    assert "That preview has expired. Upload the file again." in response.content.decode()
    forged = admin_client.post(
        admin_url(Network, "process_import"),
        {"import_file_name": "/etc/passwd", "original_file_name": "a.csv", "format": "0"},
        follow=True,
    )
    assert "That preview has expired" in forged.content.decode()
    assert not Network.objects.exists()


def test_many_people_import_in_a_few_queries_and_each_is_in_history(
    admin_client, django_assert_max_num_queries
):
    known = PersonFactory(name="Grace Hopper", email="grace@museum.example")
    unnamed = PersonFactory(name="Alan Turing", email="")
    rows = [f"Person {n},person{n}@museum.example,Museum {n}" for n in range(300)]
    rows += [
        "Grace B. Hopper,GRACE@museum.example,Navy Museum",  # an update, matched by email
        "Alan Turing,,Bletchley Park",  # matched by name: no email on either
        "Person 7 again,person7@museum.example,Museum 7",  # the second row for a new person
    ]
    content = "name,email,organisation\n" + "\n".join(rows) + "\n"
    with django_assert_max_num_queries(60):
        done = import_file(admin_client, Person, content)
    assert done.status_code == 200
    assert Person.objects.count() == 302
    known.refresh_from_db()
    unnamed.refresh_from_db()
    assert (known.name, known.organisation) == ("Grace B. Hopper", "Navy Museum")
    assert unnamed.organisation == "Bletchley Park"
    seventh = Person.objects.get(email="person7@museum.example")
    assert seventh.name == "Person 7 again"
    assert seventh.history.get().history_change_reason == "Imported from a file"
    assert known.history.first().history_type == "~"
    assert known.history.first().history_user is not None


def test_a_person_row_with_a_bad_email_address_is_named_and_nothing_is_saved(admin_client):
    content = "name,email\nAda Lovelace,ada@museum.example\nGrace Hopper,not an address\n"
    response = import_file(admin_client, Person, content, confirm=False)
    assert "Enter a valid email address." in response.content.decode()
    assert not Person.objects.exists()

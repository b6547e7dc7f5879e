"""A confirmed import too big for one request runs as a task, with a page of its own."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from core.import_jobs import ImportJob
from core.import_previews import clear_old_previews
from networks.models import Network, NetworkRole, Person
from tests.helpers.admin import admin_url, import_file, many_networks_csv, verified_login
from tests.helpers.html import assert_valid_html, java_or_skip, text
from tests.networks.factories import NetworkFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_imports(settings, tmp_path):
    """Files over 5 rows (50 for networks) go to a task; uploads wait in this test's folder."""
    settings.IMPORT_EXPORT_TMP_DIR = str(tmp_path / "import-previews")
    settings.IMPORT_ROWS_IN_REQUEST = 5
    return tmp_path / "import-previews"


def people_csv(count):
    rows = [f"Person {n},person{n}@museum.example,Museum {n}" for n in range(count)]
    return "name,email,organisation\n" + "\n".join(rows) + "\n"


def confirm(client, model, content, capture):
    """Preview and confirm `content`; the task runs once the confirmation's work commits, and
    then the page the confirmation leads to is read."""
    preview = import_file(client, model, content, confirm=False)
    form = preview.context["confirm_form"]
    with capture(execute=True):
        response = client.post(admin_url(model, "process_import"), form.initial)
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    page.landed_on = response["Location"]
    page.preview = preview
    return page


def job_url(model, job):
    return admin_url(model, "import_job", job.pk)


def people_job(**fields):
    """A job as the admin records one for a people file (its file need not exist)."""
    return ImportJob.objects.create(
        model="networks.person",
        resource="networks.imports.PersonResource",
        file_format="import_export.formats.base_formats.CSV",
        file_name="0" * 32,
        **{"total_rows": 3000, **fields},
    )


def test_a_big_file_is_imported_by_a_task_whose_page_shows_the_result(
    admin_client, django_capture_on_commit_callbacks, small_imports
):
    # People are saved in bulk, like networks: a task takes over above ten times the limit.
    page = confirm(admin_client, Person, people_csv(60), django_capture_on_commit_callbacks)

    assert "imported in the background" in text(page.preview)
    job = ImportJob.objects.get()
    assert page.landed_on == job_url(Person, job)
    assert job.status == ImportJob.Status.DONE
    assert Person.objects.count() == 60
    words = text(page)
    assert "The import has finished: 60 new, 0 updated, 0 unchanged." in words
    assert "60 rows" in words
    assert b'http-equiv="refresh"' not in page.content
    # The uploaded file goes when the job ends.
    assert list(small_imports.iterdir()) == []
    person = Person.objects.get(email="person3@museum.example")
    assert person.history.first().history_change_reason == "Imported from a file"


def test_a_file_within_the_limit_is_imported_in_the_request(
    admin_client, django_capture_on_commit_callbacks
):
    page = confirm(admin_client, Person, people_csv(5), django_capture_on_commit_callbacks)
    assert page.landed_on == admin_url(Person)
    assert "imported in the background" not in text(page.preview)
    assert not ImportJob.objects.exists()
    assert Person.objects.count() == 5


def test_networks_go_to_a_task_only_above_ten_times_the_limit(
    admin_client, django_capture_on_commit_callbacks
):
    confirm(admin_client, Network, many_networks_csv(50), django_capture_on_commit_callbacks)
    assert not ImportJob.objects.exists()
    page = confirm(admin_client, Network, many_networks_csv(51), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert (job.status, job.totals["new"], job.totals["skip"]) == ("done", 1, 50)
    assert Network.objects.filter(name__startswith="Imported Network").count() == 51
    assert "1 new, 0 updated, 50 unchanged" in text(page)


def test_a_job_whose_rows_fail_shows_the_errors_and_saves_nothing(
    admin_client, django_capture_on_commit_callbacks, small_imports
):
    networks = [NetworkFactory(slug=f"network-{n}") for n in range(8)]
    person = PersonFactory(email="chair@museum.example")
    content = "network,person,role\n" + "".join(
        f"network-{n},chair@museum.example,chair\n" for n in range(8)
    )
    preview = import_file(admin_client, NetworkRole, content, confirm=False)
    form = preview.context["confirm_form"]
    # Between the preview and its confirmation, someone removes a network the file names.
    networks[6].delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(admin_url(NetworkRole, "process_import"), form.initial)
    page = admin_client.get(response["Location"])

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    words = text(page)
    assert "The import failed, and nothing was imported" in words
    assert "Row 7" in words and "network-6" in words
    assert not NetworkRole.objects.filter(person=person).exists()
    assert list(small_imports.iterdir()) == []


def test_a_queued_job_shows_its_progress_and_refreshes_itself(admin_client, admin_user):
    job = people_job(user=admin_user, original_file_name="people.csv")
    page = admin_client.get(job_url(Person, job))
    assert page.status_code == 200
    assert b'<meta http-equiv="refresh" content="3">' in page.content
    assert "Waiting to start: 0 of 3000 rows checked." in text(page)
    # A job is shown only under the model it imports.
    assert admin_client.get(job_url(Network, job)).status_code == 404


def test_staff_without_the_import_permission_cannot_see_a_job(client, django_user_model):
    job = people_job(
        errors=["Row 2: ada@museum.example is not a valid address"],
        status=ImportJob.Status.FAILED,
    )
    staff = django_user_model.objects.create_user("viewer", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_person"))
    verified_login(client, staff)
    assert client.get(admin_url(Person)).status_code == 200
    page = client.get(job_url(Person, job))
    assert page.status_code == 403
    assert b"ada@museum.example" not in page.content


def test_the_job_pages_are_valid_html(admin_client, admin_user, tmp_path):
    java_or_skip()
    states = {
        "running": {"status": "running", "rows_done": 100},
        "done": {"status": "done", "totals": {"new": 3, "update": 1, "skip": 0}},
        "failed": {"status": "failed", "errors": ["Row 2: name: This field is required."]},
    }
    pages = {}
    for state, fields in states.items():
        job = people_job(user=admin_user, **fields)
        pages[state] = admin_client.get(job_url(Person, job)).content.decode()
    assert_valid_html(pages, tmp_path)


def test_old_jobs_go_with_old_preview_files(settings):
    people_job(created_at=timezone.now() - settings.IMPORT_EXPORT_TMP_MAX_AGE)
    recent = people_job()
    clear_old_previews()
    assert list(ImportJob.objects.all()) == [recent]

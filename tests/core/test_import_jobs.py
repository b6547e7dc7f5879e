"""The task that runs a big import (core/import_jobs.py, core/tasks.py), on any resource."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from import_export import resources

from core.import_jobs import ImportJob
from core.import_previews import PreviewStorage
from core.tasks import run_import_job

pytestmark = pytest.mark.django_db
NAMES = ["Editors", "Reviewers"]


def imported():
    return sorted(Group.objects.filter(name__in=NAMES).values_list("name", flat=True))


class GroupResource(resources.ModelResource):
    class Meta:
        model = Group
        import_id_fields = ["name"]
        fields = ["name"]
        clean_model_instances = True


@pytest.fixture(autouse=True)
def preview_folder(settings, tmp_path):
    settings.IMPORT_EXPORT_TMP_DIR = str(tmp_path / "import-previews")
    return tmp_path / "import-previews"


def queued(content, **fields):
    storage = PreviewStorage(encoding="utf-8-sig", read_mode="r")
    storage.save(content)
    return ImportJob.objects.create(
        model="auth.group",
        resource=f"{__name__}.GroupResource",
        file_format="import_export.formats.base_formats.CSV",
        encoding="utf-8-sig",
        file_name=storage.name,
        original_file_name="groups.csv",
        total_rows=content.count("\n") - 1,
        **fields,
    )


def test_the_task_imports_the_file_records_the_result_and_removes_the_file(preview_folder):
    job = queued("name\nEditors\nReviewers\nEditors\n")
    assert run_import_job.call(job.pk) is True
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.totals["new"]) == ("done", 3, 2)
    assert job.finished_at is not None
    assert imported() == NAMES
    assert list(preview_folder.iterdir()) == []


def test_a_job_whose_file_has_gone_fails_plainly():
    job = queued("name\nEditors\n")
    job.storage().remove()
    assert run_import_job.call(job.pk) is False
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0].startswith("The import stopped:")
    assert imported() == []


def test_a_row_that_fails_rolls_back_every_row():
    job = queued("name\nEditors\n" + "x" * 200 + "\n")
    assert run_import_job.call(job.pk) is False
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors and job.errors[0].startswith("Row 2:")
    assert imported() == []


def test_a_job_already_started_is_not_run_twice():
    job = queued("name\nEditors\n", status=ImportJob.Status.RUNNING)
    assert run_import_job.call(job.pk) is False
    assert imported() == []


def test_a_running_job_reads_its_progress_from_the_cache():
    job = queued("name\nA\nB\nC\n", status=ImportJob.Status.RUNNING)
    cache.set(job.progress_key, 2)
    assert job.rows_so_far() == 2
    cache.delete(job.progress_key)
    assert job.rows_so_far() == 0

"""An import too big to finish in one web request, run as a task (core/tasks.py).

The admin keeps the uploaded file (core/import_previews.py) and records a job: who, which
model, how many rows. The task imports every row in one transaction, so that a file with any
bad row saves nothing, and the job page shows the rows done and then the result. A job holds
people's data (the row errors quote them), so it goes with the preview files, after
settings.IMPORT_EXPORT_TMP_MAX_AGE (clear_old_previews()).
"""

from functools import partial

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .import_previews import PreviewStorage

# Rows done are counted in the cache while the transaction is open (no other connection could
# read them from the job's row until it commits); every this many rows.
PROGRESS_EVERY = 50
# The job page lists at most this many row errors.
ERRORS_KEPT = 200


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed: nothing was imported"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    model = models.CharField(max_length=100, help_text="The app label and model imported.")
    resource = models.CharField(max_length=200, help_text="The import resource's dotted path.")
    file_format = models.CharField(max_length=200, help_text="The file format's dotted path.")
    encoding = models.CharField(max_length=40, blank=True)
    file_name = models.CharField(max_length=64, help_text="The preview file's stored name.")
    original_file_name = models.CharField(max_length=255, blank=True)
    total_rows = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    totals = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import job"

    def __str__(self):
        return f"Import of {self.original_file_name or 'a file'} ({self.get_status_display()})"

    @property
    def progress_key(self):
        return f"import-job-{self.pk}-rows"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def rows_so_far(self):
        if self.status == self.Status.RUNNING:
            return min(cache.get(self.progress_key, self.rows_done), self.total_rows)
        return self.rows_done

    def storage(self):
        return PreviewStorage(
            name=self.file_name,
            encoding=self.encoding or None,
            read_mode=import_string(self.file_format)().get_read_mode(),
        )

    def start(self):
        """Queue the task once the job's row is committed, so that a worker can read it."""
        from .tasks import run_import_job

        transaction.on_commit(partial(run_import_job.enqueue, self.pk), robust=True)

    def run(self):
        try:
            result = self.import_file()
        except Exception as error:  # a file gone or unreadable, a resource that broke
            self.finish(self.Status.FAILED, errors=[f"The import stopped: {error}"])
        else:
            errors = row_errors(result)
            if errors:
                self.finish(self.Status.FAILED, errors=errors)
            else:
                self.finish(self.Status.DONE, totals=dict(result.totals))
        finally:
            self.storage().remove()
            cache.delete(self.progress_key)

    def import_file(self):
        file_format = import_string(self.file_format)(encoding=self.encoding or None)
        dataset = file_format.create_dataset(self.storage().read())
        resource = import_string(self.resource)()
        count = counter(resource, self.progress_key)
        with transaction.atomic():
            result = resource.import_data(
                dataset,
                dry_run=False,
                raise_errors=False,
                use_transactions=True,
                file_name=self.original_file_name,
                user=self.user,
                retain_instance_in_row_result=True,
            )
            if row_errors(result):
                transaction.set_rollback(True)
            else:
                log_changes(self.user, result)
        self.rows_done = count()
        return result

    def finish(self, status, totals=None, errors=()):
        self.status = status
        self.totals = totals or {}
        self.errors = list(errors)[:ERRORS_KEPT]
        self.finished_at = timezone.now()
        if status == self.Status.FAILED:
            self.rows_done = 0
        self.save(update_fields=["status", "totals", "errors", "finished_at", "rows_done"])


def counter(resource, key):
    """Count the rows `resource` imports into the cache; returns how to read the count."""
    done = [0]
    import_row = resource.import_row

    def counted(*args, **kwargs):
        row_result = import_row(*args, **kwargs)
        done[0] += 1
        if done[0] % PROGRESS_EVERY == 0:
            cache.set(key, done[0], timeout=60 * 60)
        return row_result

    resource.import_row = counted
    return lambda: done[0]


def row_errors(result):
    """Each problem of an import's result as a sentence: the file's, then each row's."""
    errors = [str(error.error) for error in result.base_errors]
    for line, row in result.row_errors():
        errors.extend(f"Row {line}: {error.error}" for error in row)
    for row in result.invalid_rows:
        for field, messages in row.field_specific_errors.items():
            errors.extend(f"Row {row.number}: {field}: {message}" for message in messages)
        errors.extend(f"Row {row.number}: {message}" for message in row.non_field_specific_errors)
    return errors


def log_changes(user, result):
    """The admin's change log, as an import within a request writes it."""
    if user is None or settings.IMPORT_EXPORT_SKIP_ADMIN_LOG:
        return
    for import_type, flag in (("new", ADDITION), ("update", CHANGE)):
        instances = [
            row.instance
            for row in result.rows
            if row.import_type == import_type and getattr(row.instance, "pk", None)
        ]
        if instances:
            LogEntry.objects.log_actions(
                user.pk, instances, flag, change_message=f"{import_type} through import_export"
            )


def clear_old_jobs(cutoff):
    return ImportJob.objects.filter(created_at__lte=cutoff).delete()[0]

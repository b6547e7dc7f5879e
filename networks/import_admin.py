"""The admin's "Import" page for networks, people, roles and events (django-import-export).

The page says which columns each file needs and the values each takes, and offers a sample file.
Whatever goes wrong (a missing column, a file that is not CSV or not UTF-8, an empty file) is a
message on the form, never a traceback; an upload that cannot be confirmed is removed at once.
A confirmed file of more rows than its resource imports within a request runs as a task
(core/import_jobs.py), and the admin shows its progress and then its result on a page of its own.
"""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from import_export import widgets
from import_export.formats.base_formats import CSV, XLSX

from core.import_jobs import ImportJob

from .import_widgets import ChoiceWidget, LookupWidget, TopicsWidget
from .models import SubRegion, Topic

NOTES = {
    "slug": "Letters, numbers and hyphens, as in the page's address. Matches an existing "
    "record; left out, a network gets one made from its name.",
    "parent": "The slug of the wider network this one belongs to.",
    "network": "The slug of a network.",
    "person": "The email address of someone already in the people list.",
    "venue": "A venue's name, or “Name, POSTCODE” when two share a name.",
    "email": "Matches an existing person in any case; without one, the name does.",
    "website": "A full address, starting https://",
    "online_url": "A full address, starting https://",
    "booking_url": "A full address, starting https://",
    "display_order": "A whole number; lower numbers are listed first.",
    "capacity": "A whole number.",
    "start": "Date and time, as 2027-02-03 10:00.",
    "end": "Date and time, as 2027-02-03 13:00.",
    "confirmed_on": "A date, as 2026-03-02.",
}


def values_of(field):
    widget = field.widget
    if isinstance(widget, ChoiceWidget):
        return "One of: " + "; ".join(f"{label} ({value})" for value, label in widget.choices)
    if isinstance(widget, TopicsWidget):
        slugs = ", ".join(Topic.objects.values_list("slug", flat=True)) or "none yet"
        return f"Topic slugs separated by semicolons: {slugs}."
    if isinstance(widget, LookupWidget) and widget.model is SubRegion:
        return "One of: " + (", ".join(SubRegion.objects.values_list("slug", flat=True)) or "none")
    if isinstance(widget, widgets.BooleanWidget):
        return "1 for yes, 0 for no."
    return NOTES.get(field.column_name, "Text.")


def column_help(resource_class):
    """[(column, required, what to write)] for the import page."""
    resource = resource_class()
    return [
        (field.column_name, field.column_name in resource.required, values_of(field))
        for field in resource.get_import_fields()
    ]


def sample_csv(resource_class):
    columns = resource_class.column_names()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerow([resource_class.example.get(column, "") for column in columns])
    return out.getvalue()


# A preview shows this many rows of a long file (rendering 5,000 takes longer than importing them).
PREVIEW_ROWS = 200

READ_FAILURES = {
    "UnicodeDecodeError": "The file is not UTF-8 text. In your spreadsheet, save it as "
    "“CSV UTF-8”, then upload it again.",
    "BadZipFile": "The file is not an Excel workbook (.xlsx). Choose the format that matches "
    "the file.",
}


class Queued(Exception):
    """Raised out of import-export's confirm step when the import has gone to a task."""

    def __init__(self, job):
        self.job = job


class ImportFromFileMixin:
    """The admin's "Import" button: CSV or XLSX, a preview with each row's errors, then
    confirm. (Export is the CSV action every changelist has.)"""

    @property
    def import_formats(self):
        return [CSV, XLSX]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        sample = path(
            "import/sample.csv",
            self.admin_site.admin_view(self.import_sample_view),
            name="{}_{}_import_sample".format(*info),
        )
        job = path(
            "import-jobs/<int:pk>/",
            self.admin_site.admin_view(self.import_job_view),
            name="{}_{}_import_job".format(*info),
        )
        return [sample, job, *super().get_urls()]

    def import_job_view(self, request, pk):
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = get_object_or_404(ImportJob, pk=pk, model=self.opts.label_lower)
        info = self.opts.app_label, self.opts.model_name
        context = {
            **self.admin_site.each_context(request),
            "title": "Import progress" if not job.is_finished else "Import result",
            "opts": self.opts,
            "job": job,
            "rows_done": job.rows_so_far(),
            "import_url": reverse("admin:{}_{}_import".format(*info)),
            "changelist_url": reverse("admin:{}_{}_changelist".format(*info)),
        }
        return TemplateResponse(request, "admin/import_job.html", context)

    def process_dataset(self, dataset, form, request, **kwargs):
        resource_class = self.choose_import_resource_class(form, request)
        if len(dataset) > resource_class.rows_in_request():
            raise Queued(self.queue_import(dataset, form, resource_class, request))
        return super().process_dataset(dataset, form, request, **kwargs)

    def queue_import(self, dataset, form, resource_class, request):
        file_format = self.get_import_formats()[int(form.cleaned_data["format"])]
        job = ImportJob.objects.create(
            user=request.user,
            model=self.opts.label_lower,
            resource=f"{resource_class.__module__}.{resource_class.__qualname__}",
            file_format=f"{file_format.__module__}.{file_format.__qualname__}",
            encoding="" if file_format().is_binary() else self.from_encoding,
            file_name=form.cleaned_data["import_file_name"],
            original_file_name=form.cleaned_data.get("original_file_name") or "",
            total_rows=len(dataset),
        )
        job.start()
        return job

    def import_sample_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource_class = self.get_import_resource_classes(request)[0]
        response = HttpResponse(sample_csv(resource_class), content_type="text/csv")
        name = f"{self.opts.model_name}-import-sample.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        message = READ_FAILURES.get(
            type(e).__name__,
            "The file could not be read. Check that it is a CSV or Excel (.xlsx) file and "
            "that the format chosen matches it.",
        )
        form.add_error("import_file", message)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if not isinstance(response, TemplateResponse):
            return response
        context = response.context_data
        form, result = context.get("form"), context.get("result")
        if "confirm_form" not in context:
            self.remove_upload(form)
        if result is not None and result.base_errors:
            # A problem with the file as a whole (such as a missing column): say so on the form.
            for error in result.base_errors:
                form.add_error("import_file", str(error.error))
            del context["result"]
        info = self.opts.app_label, self.opts.model_name
        context["column_help"] = [
            (resource_class.get_display_name(), column_help(resource_class))
            for resource_class in self.get_import_resource_classes(request)
        ]
        context["preview_limit"] = PREVIEW_ROWS
        if result is not None:
            resource_class = self.choose_import_resource_class(form, request)
            context["in_background"] = result.total_rows > resource_class.rows_in_request()
        context["preview_rows"] = f":{PREVIEW_ROWS}"
        context["sample_url"] = reverse("admin:{}_{}_import_sample".format(*info))
        return response

    def remove_upload(self, form):
        upload = getattr(form, "cleaned_data", {}).get("import_file")
        name = getattr(upload, "tmp_storage_name", None)
        if name:
            self.get_tmp_storage_class()(name=name).remove()

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except Queued as queued:
            # The file stays for the task, which removes it when the job ends.
            info = self.opts.app_label, self.opts.model_name
            url = reverse("admin:{}_{}_import_job".format(*info), args=[queued.job.pk])
            return HttpResponseRedirect(url)
        except FileNotFoundError:
            # Confirmed after its file was cleared away (a day on), or confirmed twice.
            messages.error(request, "That preview has expired. Upload the file again.")
            info = self.opts.app_label, self.opts.model_name
            return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*info)))

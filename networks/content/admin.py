"""Admin for page texts and resources: staff upload a document (checked by Resource.clean) or
give a link."""

from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html

from core.admin import ExportCsvMixin

from .documents import ACCEPTED, max_upload_bytes
from .models import PageSection, Resource


@admin.register(PageSection)
class PageSectionAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["heading", "key", "display_order"]
    search_fields = ["heading", "body"]

    def get_readonly_fields(self, request, obj=None):
        # The key decides where the text appears; changing it would hide the text.
        return ["key"] if obj else []


def delete_files_on_commit(names, storage):
    """Remove stored files once the change that let go of them has committed, not before: a
    rolled-back change still needs its file."""
    for name in names:
        if name:
            transaction.on_commit(lambda name=name: storage.delete(name))


@admin.register(Resource)
class ResourceAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["title", "format", "is_published", "on_home_page", "display_order"]
    list_filter = ["is_published", "on_home_page"]
    list_editable = ["display_order"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["format", "download"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description"]}),
        (
            "The document",
            {
                "fields": ["file", "format", "download", "external_url"],
                "description": f"Upload a file ({ACCEPTED}; up to "
                f"{max_upload_bytes() // (1024 * 1024)} MB) or give a link, not both. Files are "
                "checked by their contents as well as their names, and stored under a new name.",
            },
        ),
        ("Where it appears", {"fields": ["is_published", "on_home_page", "display_order"]}),
    ]

    @admin.display(description="Type and size")
    def format(self, resource):
        return resource.format_description or ("Link to another website" if resource.pk else "")

    @admin.display(description="Public download link")
    def download(self, resource):
        if not resource.pk or not resource.file:
            return ""
        return format_html('<a href="{}">{}</a>', resource.url, resource.url)

    def save_model(self, request, obj, form, change):
        old = Resource.objects.filter(pk=obj.pk).values_list("file", flat=True).first()
        super().save_model(request, obj, form, change)
        if old and old != obj.file.name:
            delete_files_on_commit([old], obj.file.storage)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        delete_files_on_commit([obj.file.name], obj.file.storage)

    def delete_queryset(self, request, queryset):
        names = list(queryset.values_list("file", flat=True))
        super().delete_queryset(request, queryset)
        delete_files_on_commit(names, Resource._meta.get_field("file").storage)

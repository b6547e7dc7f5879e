"""Admin for sub-regions and topics."""

from django.contrib import admin

from core.admin import ExportCsvMixin

from .models import SubRegion, Topic


@admin.register(SubRegion)
class SubRegionAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["name", "display_order"]
    list_editable = ["display_order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

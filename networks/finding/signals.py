"""Keep SQLite's index of pages current (its rows' indexes keep themselves, by triggers): after
a page text is saved or deleted, and after every migrate (which also puts back any trigger a
table rebuild dropped, see sqlite_index.py)."""

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_delete, post_migrate, post_save

from networks.content.models import PageSection

from . import sqlite_index
from .pages import documents

INDEX_MIGRATION = "0013_sqlite_full_text_search"


def reindex_pages(using="default", **kwargs):
    connection = connections[using]
    if connection.vendor == "sqlite":
        sqlite_index.index_pages(connection, documents())


def after_migrate(using="default", **kwargs):
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = MigrationRecorder(connection).applied_migrations()
    if ("networks", INDEX_MIGRATION) in applied:  # not when migrated back before it
        sqlite_index.ensure(connection)
        reindex_pages(using)


def connect(app_config):
    for signal in (post_save, post_delete):
        signal.connect(reindex_pages, sender=PageSection, dispatch_uid=f"search-pages-{signal!r}")
    post_migrate.connect(after_migrate, sender=app_config, dispatch_uid="search-index")

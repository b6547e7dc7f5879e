"""SQLite's full-text index (FTS5 with the Porter stemmer) for search under `make run`.

An FTS5 table beside networks, events and resources, filled from their rows and kept in step by
triggers; and one for pages, which networks.finding.signals fills after every migrate. See
networks/finding/sqlite_index.py. PostgreSQL has its own (0007) and gets nothing here.
"""

from django.db import migrations

from networks.finding import sqlite_index


def install(apps, schema_editor):
    sqlite_index.ensure(schema_editor.connection)


def uninstall(apps, schema_editor):
    sqlite_index.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0012_closed_networks_and_event_images"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]

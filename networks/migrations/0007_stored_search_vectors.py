"""Full-text search keeps each row's weighted vector in a column, on PostgreSQL only.

0005 indexed the vector as an expression. That finds matches, but ranking them had to parse
every matching row's text again, which at 50,000 events took seconds. A stored generated
column is parsed once, when the row is written, and its GIN index keeps 0005's names. The
expressions are those of networks/search.py (`Searchable.weighted_text`); a test checks that
the columns agree with them. No model declares the column, so Django never reads or writes it.
SQLite (`make run`) searches differently and gets nothing here.

PostgreSQL will not change the type of a column that a generated column reads: a later
migration that alters one of the fields named in VECTORS must drop search_vector first and add
it back after (as this migration does), or it fails on PostgreSQL only.
"""

from django.db import migrations


def weighted(title, summary, body=()):
    parts = [
        f"setweight(to_tsvector('english'::regconfig, coalesce({title}, '')), 'A')",
        f"setweight(to_tsvector('english'::regconfig, coalesce({summary}, '')), 'B')",
    ]
    if body:
        text = " || ' ' || ".join(f"coalesce({field}, '')" for field in body)
        parts.append(f"setweight(to_tsvector('english'::regconfig, {text}), 'C')")
    return " || ".join(parts)


# table: (index name, the vector it stores)
VECTORS = {
    "networks_network": (
        "network_search",
        weighted("name", "summary", ("description", "how_to_join")),
    ),
    "networks_event": ("event_search", weighted("title", "summary", ("description", "audience"))),
    "networks_resource": ("resource_search", weighted("title", "description")),
}


def store_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (index, vector) in VECTORS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")


def index_expressions_again(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (index, vector) in VECTORS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (({vector}))")


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0006_mdo_staff_look_after_resources"),
    ]

    operations = [
        migrations.RunPython(store_vectors, index_expressions_again),
    ]

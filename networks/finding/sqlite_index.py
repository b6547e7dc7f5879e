"""SQLite's own full-text index (FTS5, Porter stemmer) for `make run`.

Each searched table has an external-content FTS5 table beside it ("<table>_fts", the same
rowids), which triggers keep in step with every insert, update and delete, however made
(admin, imports, queryset.update(), a test's flush), as PostgreSQL's generated columns do.
Migration 0013 installs them. A later migration that alters one of these tables makes SQLite
rebuild the table, which drops its triggers: `ensure` (run after every migrate) puts back any
that are missing and rebuilds that index.

Pages (page texts and the templates' words, see pages.py) are not rows of one table: their
index, networks_page_fts, holds a copy that `index_pages` rewrites whenever a page text is
saved or deleted, and after every migrate.
"""

# table: its searched columns, title first, then summary, then the body
TABLES = {
    "networks_network": ("name", "summary", "description", "how_to_join"),
    "networks_event": ("title", "summary", "description", "audience"),
    "networks_resource": ("title", "description"),
}
PAGES = "networks_page_fts"
TOKENIZE = "porter unicode61 remove_diacritics 2"
# bm25 weights, column by column: a title outweighs a summary, a summary the rest.
WEIGHTS = (10.0, 4.0)


def weights(table):
    columns = TABLES[table]
    return ", ".join(str(w) for w in (WEIGHTS + (1.0,) * len(columns))[: len(columns)])


def _triggers(table):
    fts, columns = f"{table}_fts", TABLES[table]
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    add = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    remove = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    return {
        f"{fts}_insert": f"AFTER INSERT ON {table} BEGIN {add} END",
        f"{fts}_delete": f"AFTER DELETE ON {table} BEGIN {remove} END",
        f"{fts}_update": f"AFTER UPDATE OF {names} ON {table} BEGIN {remove} {add} END",
    }


def _existing(cursor, kind):
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {name for (name,) in cursor.fetchall()}


def ensure(connection):
    """Create whatever of the index is missing, and fill what was created. Idempotent."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        tables, triggers = _existing(cursor, "table"), _existing(cursor, "trigger")
        for table, columns in TABLES.items():
            fts = f"{table}_fts"
            wanted = _triggers(table)
            if fts in tables and wanted.keys() <= triggers:
                continue
            if fts not in tables:
                cursor.execute(
                    f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, "
                    f"content='{table}', content_rowid='id', tokenize='{TOKENIZE}')"
                )
            for name, body in wanted.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(f"CREATE TRIGGER {name} {body}")
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        if PAGES not in tables:
            cursor.execute(
                f"CREATE VIRTUAL TABLE {PAGES} USING fts5(key UNINDEXED, title, body, "
                f"tokenize='{TOKENIZE}')"
            )


def remove(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in TABLES:
            for name in _triggers(table):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {table}_fts")
        cursor.execute(f"DROP TABLE IF EXISTS {PAGES}")


def index_pages(connection, documents):
    """Replace the pages' index with these documents: [(key, title, body), ...]."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PAGES}")
        cursor.executemany(f"INSERT INTO {PAGES}(key, title, body) VALUES (%s, %s, %s)", documents)

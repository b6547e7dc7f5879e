"""SQLite's full-text search (FTS5 with the Porter stemmer, see sqlite_index.py): the same
web-search syntax as on PostgreSQL, ranked by bm25 with a title outweighing a summary, and
the passage cut around FTS5's own highlights."""

from django.db import connection
from django.db.models.expressions import RawSQL

from .passages import START, STOP, window
from .query import fts5_query
from .sqlite_index import PAGES, TABLES, weights


class SqliteEngine:
    def matching(self, searchable, text):
        """The rows that match, unranked: their ids from the FTS5 table in a query of its own,
        so that this can stand as a subquery (the join matches() makes is raw SQL naming the
        table, which a subquery renames)."""
        queryset = searchable.queryset()
        query = fts5_query(text)
        if not query:
            return queryset.none()
        fts = f"{queryset.model._meta.db_table}_fts"
        return queryset.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [query])
        )

    def matches(self, searchable, text):
        """Matches best first, each with FTS5's highlights of its summary and body (SQLite
        makes them only for the rows fetched; a count leaves them out)."""
        queryset = searchable.queryset()
        query = fts5_query(text)
        if not query:
            return queryset.none()
        table = queryset.model._meta.db_table
        fts = f"{table}_fts"
        select = {"rank": f"bm25({fts}, {weights(table)})"}
        for i in range(1, len(TABLES[table])):
            select[f"highlight_{i}"] = f"highlight({fts}, {i}, '{START}', '{STOP}')"
        return queryset.extra(
            tables=[fts],
            where=[f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"],
            params=[query],
            select=select,
        ).order_by("rank", searchable.title, "pk")

    def with_passages(self, searchable, rows, text):
        columns = range(1, len(TABLES[searchable.queryset().model._meta.db_table]))
        objects = list(rows)
        for obj in objects:
            parts = (getattr(obj, f"highlight_{i}") for i in columns)
            obj.highlighted = "\n\n".join(part for part in parts if part)
        return objects

    def passage(self, searchable, obj, text):
        return window(obj.highlighted)

    def pages(self, text):
        query = fts5_query(text)
        if not query:
            return []
        sql = (
            f"SELECT key, title, highlight({PAGES}, 2, %s, %s) FROM {PAGES} "
            f"WHERE {PAGES} MATCH %s ORDER BY bm25({PAGES}, 0.0, 10.0, 1.0), rowid"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [START, STOP, query])
            return [(key, title, window(body)) for key, title, body in cursor.fetchall()]

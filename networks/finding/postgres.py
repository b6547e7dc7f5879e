"""PostgreSQL's full-text search: English stemming, web-search syntax, ranking by weight, and
the matching passage from ts_headline."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from .pages import documents
from .passages import START, STOP

CONFIG = "english"
HEADLINE = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def websearch(text):
    return SearchQuery(text, search_type="websearch", config=CONFIG)


class PostgresEngine:
    def matching(self, searchable, text):
        """The rows that match, unranked."""
        return (
            searchable.queryset()
            .annotate(search=searchable.vector())
            .filter(search=websearch(text))
        )

    def matches(self, searchable, text):
        return (
            self.matching(searchable, text)
            .annotate(rank=SearchRank(F("search"), websearch(text)))
            .order_by("-rank", searchable.title, "pk")
        )

    def with_passages(self, searchable, rows, text):
        """The rows of a page of matches, each with its headline. Headlines cost the most, so
        they are made in an outer query for the page's rows alone: in the page's own query,
        PostgreSQL would make one for every row skipped to reach the page too."""
        headline = SearchHeadline(
            searchable.passage_source(),
            websearch(text),
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        page = self.matches(searchable, text).filter(pk__in=rows.values("pk"))
        return list(page.annotate(headline=headline))

    def passage(self, searchable, obj, text):
        return obj.headline

    def pages(self, text):
        """[(key, title, passage)] of the pages that match, best first: their words are
        matched as they are now (one query for the page texts, one to match them)."""
        found = documents()
        if not found:
            return []
        values = ", ".join(["(%s, %s, %s, %s)"] * len(found))
        params = [
            value for i, (key, title, body) in enumerate(found) for value in (i, key, title, body)
        ]
        vector = (
            f"setweight(to_tsvector('{CONFIG}', d.title), 'A') || "
            f"setweight(to_tsvector('{CONFIG}', d.body), 'C')"
        )
        sql = (
            f"SELECT d.key, d.title, ts_headline('{CONFIG}', d.body, q, %s) "
            f"FROM (VALUES {values}) AS d(i, key, title, body), "
            f"websearch_to_tsquery('{CONFIG}', %s) AS q "
            f"WHERE {vector} @@ q ORDER BY ts_rank({vector}, q) DESC, d.i"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [HEADLINE, *params, text])
            return cursor.fetchall()

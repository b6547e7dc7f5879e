"""Site search over networks, events, resources and pages: one interface, two engines.

Both engines stem English words ("mentors" finds "mentoring") and read web-search syntax
("exact phrase", -without, or); a title outweighs a summary, and a summary the rest. On
PostgreSQL, its full-text search over stored vectors (migration 0007), the passage from
ts_headline; on SQLite (`make run`), FTS5 with the Porter stemmer (migration 0013,
sqlite_index.py), the passage cut around FTS5's highlights.

What is searched is registered: the three kinds of row below, and pages (pages.py), which other
apps add to from their AppConfig.ready() (mentoring does), since networks imports none of them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Expression, F, TextField, Value
from django.db.models.expressions import Col
from django.db.models.functions import Concat
from django.utils import timezone

from networks.calendar.models import Event
from networks.content.models import Resource
from networks.directory.models import Network

from .pages import PAGES as REGISTERED_PAGES
from .pages import Page, register_page
from .passages import START, STOP, render_passage
from .postgres import CONFIG, PostgresEngine
from .query import MAX_LENGTH, MIN_LENGTH, clean_query, terms
from .sqlite import SqliteEngine

__all__ = [
    "CONFIG",
    "MAX_LENGTH",
    "MIN_LENGTH",
    "START",
    "STOP",
    "Page",
    "clean_query",
    "count_text",
    "register",
    "render_passage",
    "search",
    "terms",
]  # fmt: skip


@dataclass(frozen=True)
class Searchable:
    """A kind of row we search, and which of its fields weigh most."""

    key: str
    label: str
    singular: str
    title: str
    summary: str
    body: tuple
    # Which of many matches to rank, when more match than SEARCH_RANK_AT_MOST (an order an
    # index covers); None for kinds of row too few ever to need it.
    latest: tuple | None = None
    latest_words: str = ""  # what `latest` picks, for the page: "that start latest"

    def queryset(self):
        match self.key:
            case "networks":
                return Network.objects.public().select_related("sub_region")
            case "events":
                return Event.objects.published().for_listing()
            case "resources":
                return Resource.objects.published()

    def narrow(self, queryset, filters):
        """Only the rows the search page's filters allow (all of them must hold)."""
        kind, region = filters.get("kind"), filters.get("region")
        match self.key:
            case "networks":
                queryset = queryset.filter(kind=kind) if kind else queryset
                return queryset.filter(sub_region=region) if region else queryset
            case "events":
                queryset = queryset.filter(network__kind=kind) if kind else queryset
                queryset = queryset.in_sub_region(region) if region else queryset
                return queryset.not_over() if filters.get("upcoming") else queryset
            case _:
                # A resource has no kind of network nor sub-region.
                return queryset.none() if kind or region else queryset

    def weighted_text(self):
        """Title weighs most (A), then the summary (B), then the body (C). On PostgreSQL each
        row keeps this in its search_vector column (migration 0007 writes the same expression)."""
        vector = SearchVector(self.title, weight="A", config=CONFIG) + SearchVector(
            self.summary, weight="B", config=CONFIG
        )
        if self.body:
            vector += SearchVector(*self.body, weight="C", config=CONFIG)
        return vector

    def vector(self):
        """What PostgreSQL matches and ranks by: the stored column, which its GIN index covers,
        so that ranking thousands of matches never parses their text again."""
        return StoredVector()

    def passage_source(self):
        if not self.body:
            return F(self.summary)
        parts = [F(self.summary)]
        for field in self.body:
            parts += [Value("\n\n"), F(field)]
        return Concat(*parts, output_field=TextField())


class StoredVector(Expression):
    """The search_vector column of the queryset's own table. Migration 0007 adds it on
    PostgreSQL only, so it is no model field: Django neither reads nor writes it."""

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        column = SearchVectorField()
        column.set_attributes_from_name("search_vector")
        column.model = query.model
        return Col(query.get_initial_alias(), column)


SEARCHABLES = [
    Searchable(
        "networks", "Networks", "network", "name", "summary", ("description", "how_to_join")
    ),
    Searchable(
        "events",
        "Events",
        "event",
        "title",
        "summary",
        ("description", "audience"),
        latest=("-start", "-pk"),
        latest_words="that start latest",
    ),
    Searchable("resources", "Resources", "resource", "title", "description", ()),
]
PAGES = Searchable("pages", "Pages", "page", "title", "body", ())
BY_KEY = {searchable.key: searchable for searchable in [*SEARCHABLES, PAGES]}


def register(searchable):
    """Add something to search: a Page (a page's title, address and words)."""
    if not isinstance(searchable, Page):
        raise TypeError(f"Search cannot register {searchable!r}: give a Page.")
    register_page(searchable)


def engine():
    return PostgresEngine() if connection.vendor == "postgresql" else SqliteEngine()


# --- Results -----------------------------------------------------------------------------------


@dataclass
class Group:
    searchable: Searchable
    count: int
    queryset: object
    hits: list
    more: bool = False  # more than `count` match, and `count` of them are ranked

    @property
    def key(self):
        return self.searchable.key

    @property
    def number(self):
        return f"{self.count:,}"

    @property
    def count_text(self):
        return count_text(self.count, self.more)


def count_text(count, more=False):
    """How many, as the page says it: "1,234", or "more than 1,000" when the count stopped."""
    return f"more than {count:,}" if more else f"{count:,}"


@dataclass
class PageHit:
    key: str
    title: str
    raw: str  # the passage, highlights marked
    url: str
    passage: str = ""


def search(text, filters=None):
    """One Group per kind of thing, with how many match; no rows fetched yet (pages, a handful
    at most, are matched at once)."""
    filters = filters or {}
    found = engine()
    groups = []
    for searchable in SEARCHABLES:
        queryset = searchable.narrow(found.matches(searchable, text), filters)
        matching = searchable.narrow(found.matching(searchable, text), filters)
        groups.append(ranked_at_most(searchable, queryset, matching))
    pages = []
    if not (filters.get("kind") or filters.get("region")):
        for key, title, passage in found.pages(text):
            if key in REGISTERED_PAGES:
                pages.append(PageHit(key, title, passage, REGISTERED_PAGES[key].url))
    groups.append(Group(PAGES, len(pages), pages, []))
    return groups


def ranked_at_most(searchable, queryset, matching):
    """A Group of the matches (`queryset`, ranked; `matching`, the same rows unranked): all of
    them, or, when more match than SEARCH_RANK_AT_MOST, that many of those that come latest
    (`latest`), ranked among themselves. Ranking reads every match's words, so it is bounded:
    two common words match most of 50,000 events. The count stops at one past the limit."""
    limit = settings.SEARCH_RANK_AT_MOST
    if searchable.latest is None:
        return Group(searchable, queryset.count(), queryset, [])
    count = matching.order_by().values("pk")[: limit + 1].count()
    if count <= limit:
        return Group(searchable, count, queryset, [])
    latest = matching.order_by(*searchable.latest)[:limit].values("pk")
    return Group(searchable, limit, queryset.filter(pk__in=latest), [], more=True)


def add_passages(searchable, objects, text):
    """Give each object of a page of results its `passage` (safe HTML) and `is_past` flag."""
    if searchable is PAGES:
        hits = list(objects)
        for hit in hits:
            hit.passage = render_passage(hit.raw)
        return hits
    found, now = engine(), timezone.now()
    objects = found.with_passages(searchable, objects, text)
    for obj in objects:
        obj.passage = render_passage(found.passage(searchable, obj, text))
        obj.is_past = searchable.key == "events" and obj.end <= now
    return objects

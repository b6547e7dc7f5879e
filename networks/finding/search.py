"""Site search over networks, events and resources: one interface, two engines.

On PostgreSQL, full-text search: English stemming ("mentors" finds "mentoring"), web-search
syntax ("exact phrase", -without, or), ranking in which a title outweighs a summary, and a summary
the rest; the matching passage comes from ts_headline. Elsewhere (SQLite, for `make run`), every
word must appear somewhere, titles that match come first, and the passage is found in Python.

Passages are plain text with two control characters around each highlighted word; they become
HTML only in `render_passage`, which escapes everything else.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, Expression, F, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import Col
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.text import markdown_to_text
from networks.calendar.models import Event
from networks.content.models import Resource
from networks.directory.models import Network

MIN_LENGTH = 2
MAX_LENGTH = 200
MAX_TERMS = 12
CONFIG = "english"
START, STOP = "\x02", "\x03"  # around a highlighted word; no text we store contains them


@dataclass(frozen=True)
class Searchable:
    """A kind of thing we search, and which of its fields weigh most."""

    key: str
    label: str
    singular: str
    title: str
    summary: str
    body: tuple

    def queryset(self):
        match self.key:
            case "networks":
                return Network.objects.public().select_related("sub_region")
            case "events":
                return Event.objects.published().for_listing()
            case "resources":
                return Resource.objects.published()

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
    Searchable("events", "Events", "event", "title", "summary", ("description", "audience")),
    Searchable("resources", "Resources", "resource", "title", "description", ()),
]
BY_KEY = {searchable.key: searchable for searchable in SEARCHABLES}


# --- The query as typed ----------------------------------------------------------------------


def clean_query(raw):
    """(text to search for, problem, notes). `problem` says why there is nothing to search
    for; notes say what we changed. Control characters go (PostgreSQL refuses NUL)."""
    text = "".join(
        " " if unicodedata.category(char).startswith(("C", "Z")) else char for char in raw
    )
    text = " ".join(text.split())
    notes = []
    if len(text) > MAX_LENGTH:
        text = (
            text[:MAX_LENGTH].rsplit(" ", 1)[0] if " " in text[:MAX_LENGTH] else text[:MAX_LENGTH]
        )
        notes.append(f"Your search was long, so we searched for its first {len(text)} characters.")
    if not text:
        return "", "empty", notes
    if not any(char.isalnum() for char in text):
        return text, "no_words", notes
    if sum(char.isalnum() for char in text) < MIN_LENGTH:
        return text, "too_short", notes
    return text, "", notes


def singular(word):
    """A rough English singular, enough for "contains": classes, studies, mentors."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text):
    """The words of a query for the simple engine: websearch's "or" and quotes dropped, a plural
    "s" taken off so that "mentors" still finds "mentor"."""
    found = []
    for word in re.findall(r"\w+", text.lower()):
        if word == "or" or len(word) < MIN_LENGTH:
            continue
        word = singular(word)
        if word not in found:
            found.append(word)
    return found[:MAX_TERMS]


# --- Engines -----------------------------------------------------------------------------------


class PostgresEngine:
    def matches(self, searchable, text):
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        return (
            searchable.queryset()
            .annotate(search=searchable.vector())
            .filter(search=query)
            .annotate(rank=SearchRank(F("search"), query))
            .order_by("-rank", searchable.title, "pk")
        )

    def with_passages(self, searchable, rows, text):
        """The rows of a page of matches, each with its headline. Headlines cost the most, so
        they are made in an outer query for the page's rows alone: in the page's own query,
        PostgreSQL would make one for every row skipped to reach the page too."""
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        headline = SearchHeadline(
            searchable.passage_source(),
            query,
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


class SimpleEngine:
    """For SQLite: each word somewhere in the title, summary or body; title matches first."""

    WINDOW = 30

    def matches(self, searchable, text):
        words = terms(text)
        fields = [searchable.title, searchable.summary, *searchable.body]
        queryset = searchable.queryset()
        if not words:
            return queryset.none()
        for word in words:
            queryset = queryset.filter(_any(fields, word))
        in_title = _any([searchable.title], *words)
        return queryset.annotate(
            title_first=Case(
                When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        ).order_by("title_first", searchable.title, "pk")

    def with_passages(self, searchable, rows, text):
        return list(rows)

    def passage(self, searchable, obj, text):
        body = "\n\n".join(getattr(obj, field) for field in searchable.body)
        plain = " ".join(
            part for part in [getattr(obj, searchable.summary), markdown_to_text(body)] if part
        )
        words = plain.split()
        alternatives = "|".join(re.escape(word) for word in terms(text))
        pattern = re.compile(rf"\w*(?:{alternatives})\w*", re.IGNORECASE)
        first = next((i for i, word in enumerate(words) if pattern.search(word)), 0)
        start = max(0, first - self.WINDOW // 3)
        window = " ".join(words[start : start + self.WINDOW])
        window = ("… " if start else "") + window
        if start + self.WINDOW < len(words):
            window += " …"
        return pattern.sub(lambda match: START + match.group(0) + STOP, window)


def _any(fields, *words):
    condition = Q()
    for field in fields:
        for word in words:
            condition |= Q(**{f"{field}__icontains": word})
    return condition


def engine():
    return PostgresEngine() if connection.vendor == "postgresql" else SimpleEngine()


# --- Passages ----------------------------------------------------------------------------------

MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)?")
MARKDOWN_NOISE = re.compile(
    r"</?[a-zA-Z][^>]*>|\]\([^)\s]*\)?|(?m:^\s*[#>]+\s)|[*`\[\]]+|(?<!\w)_+|_+(?!\w)"
)
HIGHLIGHT = re.compile(f"{START}([^{START}{STOP}]*){STOP}")


def render_passage(raw):
    """A passage as safe HTML: Markdown marks and tags dropped, everything escaped, and only
    our own highlight markers turned into <mark>."""
    text = MARKDOWN_NOISE.sub("", MARKDOWN_LINK.sub(r"\1", raw or ""))
    text = html.escape(" ".join(text.split()), quote=False)
    text = HIGHLIGHT.sub(r"<mark>\1</mark>", text)
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # escaped just above


# --- Results -----------------------------------------------------------------------------------


@dataclass
class Group:
    searchable: Searchable
    count: int
    queryset: object
    hits: list

    @property
    def key(self):
        return self.searchable.key


def search(text):
    """One Group per kind of thing, with how many match; no rows fetched yet."""
    found = engine()
    groups = []
    for searchable in SEARCHABLES:
        queryset = found.matches(searchable, text)
        groups.append(Group(searchable, queryset.count(), queryset, []))
    return groups


def add_passages(searchable, objects, text):
    """Give each object of a page of results its `passage` (safe HTML) and `is_past` flag."""
    found, now = engine(), timezone.now()
    objects = found.with_passages(searchable, objects, text)
    for obj in objects:
        obj.passage = render_passage(found.passage(searchable, obj, text))
        obj.is_past = searchable.key == "events" and obj.end <= now
    return objects

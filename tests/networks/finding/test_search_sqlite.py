"""Search on SQLite (`make run`), by FTS5: every word somewhere, a plural still finds its
singular, titles that match first, a passage around the first match, and an index that
follows every change to the rows however it is made."""

import pytest
from django.db import connection

from networks.finding import sqlite_index
from networks.finding.query import fts5_query
from networks.finding.search import terms
from networks.models import Event, Network
from tests.helpers.search import search, titles
from tests.networks.content.documents import ResourceFactory
from tests.networks.factories import EventFactory, NetworkFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL has full-text search"),
]


def test_every_word_must_appear_somewhere(client):
    NetworkFactory(name="Costume group", summary="Textiles and dress.", description="")
    NetworkFactory(name="Dress history", summary="Fashion.", description="")
    assert titles(search(client, "dress textiles"), "networks") == ["Costume group"]
    assert titles(search(client, "dress"), "networks") == ["Dress history", "Costume group"]


def test_a_plural_finds_its_singular(client):
    NetworkFactory(name="Accreditation circle", summary="", description="A mentor for museums.")
    assert titles(search(client, "mentors"), "networks") == ["Accreditation circle"]


def test_web_search_words_are_not_searched_for(client):
    NetworkFactory(name="Textiles group", summary="Costume.")
    assert titles(search(client, '"textiles" or'), "networks") == ["Textiles group"]


def test_the_passage_is_cut_around_the_first_match(client):
    words = " ".join(f"word{i}" for i in range(100))
    NetworkFactory(name="Long group", summary="", description=f"{words} **ceramics** {words}")
    html = search(client, "ceramics")
    passage = html.split('class="search-result__passage">', 1)[1].split("</p>", 1)[0]
    assert passage.startswith("… ") and passage.endswith(" …")
    assert passage.startswith("… word90 ") and "word89" not in passage
    assert "<mark>ceramics</mark>" in passage


def test_terms():
    assert terms('Mentors OR "peer reviews" in London a') == [
        "mentor", "peer", "review", "in", "london"
    ]  # fmt: skip
    assert terms("classes studies boxes campus analysis bus") == [
        "class", "study", "box", "campus", "analysis", "bus"
    ]  # fmt: skip


def test_fts5_query_quotes_every_word_so_nothing_typed_is_syntax():
    assert fts5_query("mentors") == '("mentors")'
    assert fts5_query('conservation -icon "west end" or V&A') == (
        '(("conservation") AND ("west end" OR "v a")) NOT "icon"'
    )
    assert fts5_query("NEAR(a b) * ^x AND") == '("near a") AND ("b") AND ("x")'
    assert fts5_query("the of") == ""
    assert fts5_query('"the" of') == '("the")'


def test_the_index_follows_every_change_however_made(client):
    network = NetworkFactory(name="Textiles group", summary="Costume.")
    event = EventFactory(title="Pottery session", audience="Volunteers")
    ResourceFactory(title="Skills report", description="What we found.")
    network.how_to_join = "Write to the chair about conservation."
    network.save()
    assert titles(search(client, "conservation"), "networks") == ["Textiles group"]
    Network.objects.filter(pk=network.pk).update(how_to_join="Write to the chair.")
    assert titles(search(client, "conservation"), "networks") == []
    Event.objects.filter(pk=event.pk).update(audience="Curators")
    assert titles(search(client, "curators"), "events") == ["Pottery session"]
    event.delete()
    assert titles(search(client, "curators"), "events") == []
    assert titles(search(client, "found"), "resources") == ["Skills report"]


def test_ensure_puts_back_triggers_a_table_rebuild_dropped(client):
    """SQLite rebuilds a table to alter it, and its triggers go with the old one."""
    NetworkFactory(name="Textiles group", summary="Costume.")
    with connection.cursor() as cursor:
        for name in sqlite_index._triggers("networks_network"):
            cursor.execute(f"DROP TRIGGER {name}")
        cursor.execute(
            "INSERT INTO networks_network_fts(networks_network_fts) VALUES ('delete-all')"
        )
    NetworkFactory(name="Ceramics group", summary="Pots.")
    sqlite_index.ensure(connection)
    assert titles(search(client, "textiles"), "networks") == ["Textiles group"]
    assert titles(search(client, "pots"), "networks") == ["Ceramics group"]
    NetworkFactory(name="Glass group", summary="Glass.")
    assert titles(search(client, "glass"), "networks") == ["Glass group"]

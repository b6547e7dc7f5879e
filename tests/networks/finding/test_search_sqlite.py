"""The simple search engine (SQLite, for `make run`): every word somewhere, a plural still
finds its singular, titles that match first, a passage around the first match."""

import pytest
from django.db import connection

from networks.finding.search import terms
from tests.helpers.search import search, titles
from tests.networks.factories import NetworkFactory

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

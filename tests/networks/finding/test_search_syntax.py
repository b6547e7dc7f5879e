"""What a person types, read the same way on both engines (CI runs this on SQLite and
PostgreSQL): stemming, "V&A" and other words joined by signs, -without, "exact phrases"."""

import pytest

from tests.helpers.search import search, titles
from tests.networks.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", ["mentor", "mentors", "mentoring", "Mentored"])
def test_any_form_of_a_word_finds_the_others(client, q):
    NetworkFactory(name="Accreditation circle", summary="", description="Mentoring for museums.")
    NetworkFactory(name="Mentor exchange", summary="Find a mentor.")
    EventFactory(title="Meet the mentors", summary="")
    NetworkFactory(name="Textiles group", summary="Costume and dress.")
    html = search(client, q)
    assert sorted(titles(html, "networks")) == ["Accreditation circle", "Mentor exchange"]
    assert titles(html, "events") == ["Meet the mentors"]


def test_v_and_a_finds_the_summaries_that_name_it(client):
    NetworkFactory(name="Childhood collections", summary="Meets at the V&A Museum of Childhood.")
    NetworkFactory(name="East collections", summary="Hosted by V&A East in Stratford.")
    NetworkFactory(name="Valley archives", summary="A valley of archives.")
    html = search(client, "V&A")
    assert sorted(titles(html, "networks")) == ["Childhood collections", "East collections"]
    assert titles(search(client, "V&A childhood"), "networks") == ["Childhood collections"]


def test_a_leading_minus_leaves_a_word_out(client):
    NetworkFactory(name="Paper conservation", summary="Conservation of paper and books.")
    NetworkFactory(name="Icon London", summary="Conservation: the Icon group for London.")
    assert sorted(titles(search(client, "conservation"), "networks")) == [
        "Icon London",
        "Paper conservation",
    ]
    assert titles(search(client, "conservation -icon"), "networks") == ["Paper conservation"]
    assert titles(search(client, 'conservation -"icon group"'), "networks") == [
        "Paper conservation"
    ]


def test_quotes_find_an_exact_phrase(client):
    NetworkFactory(name="West London learning", summary="Learning in West London.")
    NetworkFactory(name="London west end archives", summary="Archives near the west end.")
    assert titles(search(client, '"west london"'), "networks") == ["West London learning"]
    assert sorted(titles(search(client, "west london"), "networks")) == [
        "London west end archives",
        "West London learning",
    ]


def test_or_finds_either_word(client):
    NetworkFactory(name="Textiles group", summary="Costume and textiles.")
    NetworkFactory(name="Archives group", summary="Papers.")
    NetworkFactory(name="Ceramics group", summary="Pots.")
    assert sorted(titles(search(client, "textiles or archives"), "networks")) == [
        "Archives group",
        "Textiles group",
    ]


def test_only_words_to_leave_out_asks_for_one_to_look_for(client):
    NetworkFactory(name="Paper conservation", summary="Paper.")
    html = search(client, "-icon")
    assert "“-icon” only says which words to leave out" in html
    assert titles(html, "networks") == []

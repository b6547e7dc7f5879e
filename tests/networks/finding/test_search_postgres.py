"""Full-text search on PostgreSQL: English stemming, web-search syntax, weights, highlighted
passages and the GIN indexes. CI runs the suite on PostgreSQL as well as SQLite."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.urls import reverse

from networks.finding.search import CONFIG, SEARCHABLES
from tests.helpers.search import search, titles
from tests.networks.content.documents import ResourceFactory
from tests.networks.factories import EventFactory, NetworkFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]


def test_stemming_finds_other_forms_of_a_word(client):
    NetworkFactory(name="Accreditation circle", summary="", description="Mentoring for museums.")
    EventFactory(title="Meet a mentor", summary="")
    html = search(client, "mentors")
    assert titles(html, "networks") == ["Accreditation circle"]
    assert titles(html, "events") == ["Meet a mentor"]
    # The passage highlights the form the text uses, not the one typed.
    assert "<mark>Mentoring</mark>" in html


def test_web_search_syntax(client):
    NetworkFactory(name="West London learning", summary="Learning in West London.")
    NetworkFactory(name="London west end archives", summary="Archives near the west end.")
    NetworkFactory(name="Textiles group", summary="Costume and textiles.")
    assert titles(search(client, '"west london"'), "networks") == ["West London learning"]
    assert titles(search(client, "london -archives"), "networks") == ["West London learning"]
    assert sorted(titles(search(client, "textiles or archives"), "networks")) == [
        "London west end archives",
        "Textiles group",
    ]


def test_the_summary_outweighs_the_description(client):
    NetworkFactory(name="Alpha group", summary="", description="Oral history projects.")
    NetworkFactory(name="Beta group", summary="Oral history in east London.")
    assert titles(search(client, "oral history"), "networks") == ["Beta group", "Alpha group"]


def test_common_words_alone_find_nothing_and_say_so(client):
    NetworkFactory(name="The group of the museums")
    html = search(client, "the and of")
    assert "Nothing matches “the and of”" in html


def test_each_kind_of_result_has_a_gin_index_the_search_uses():
    """The migration's index expressions are exactly the search's, so PostgreSQL can use them.
    Asked without the model's default order, which the search never uses (it orders by rank):
    an index of that order (the admin's, of events) would otherwise stand in for the GIN index
    on an empty table."""
    query = SearchQuery("museums", search_type="websearch", config=CONFIG)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    for searchable in SEARCHABLES:
        model = searchable.queryset().model
        matches = model.objects.annotate(search=searchable.vector()).filter(search=query)
        plan = matches.order_by().explain()
        assert f"Bitmap Index Scan on {model._meta.model_name}_search" in plan, plan


def test_search_page_header_and_passage_on_postgresql(client):
    NetworkFactory(name="Digital skills group", description="Sharing **digital** skills.")
    html = client.get(reverse("networks:search"), {"q": "digital"}).content.decode()
    passage = re.search(r'<p class="search-result__passage">(.*?)</p>', html, re.S).group(1)
    assert "<mark>digital</mark>" in passage and "**" not in passage


def test_the_stored_vectors_follow_every_change_to_the_text(client):
    """Migration 0007's generated columns hold exactly the weighted text the search describes,
    for new rows and after an edit, so matching and ranking by them is as by the text."""
    network = NetworkFactory(name="Textiles group", description="Costume *care*.")
    EventFactory(title="Pottery session", audience="Volunteers")
    ResourceFactory(title="Skills report", description="What we found.")
    network.how_to_join = "Write to the chair about conservation."
    network.save()
    for searchable in SEARCHABLES:
        rows = searchable.queryset().model.objects.annotate(
            stored=searchable.vector(), expected=searchable.weighted_text()
        )
        pairs = list(rows.values_list("stored", "expected"))
        assert pairs and all(stored == expected for stored, expected in pairs), searchable.key
    assert titles(search(client, "conservation"), "networks") == ["Textiles group"]

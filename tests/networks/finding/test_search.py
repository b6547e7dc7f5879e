"""Site search, on whichever database runs the suite (CI runs it on SQLite and PostgreSQL):
results grouped by type with counts, paging, passages, bad input and query counts."""

import re

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networks.finding.search import MAX_LENGTH, START, STOP, clean_query, render_passage
from networks.finding.views import PER_GROUP, PER_PAGE
from networks.models import Network
from tests.helpers.search import SEARCH, search, titles
from tests.helpers.startup import start_django
from tests.networks.content.documents import ResourceFactory
from tests.networks.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def test_finds_networks_events_and_resources_grouped_with_counts(client):
    NetworkFactory(name="Textile conservation network")
    EventFactory(title="Textile care clinic")
    EventFactory(title="Unrelated digitisation day")
    ResourceFactory(title="Guide to textile storage")
    html = search(client, "textile")
    assert "3 results for “textile”" in html
    assert titles(html, "networks") == ["Textile conservation network"]
    assert titles(html, "events") == ["Textile care clinic"]
    assert titles(html, "resources") == ["Guide to textile storage"]
    assert re.search(r"Networks <span [^>]*>\(1\)</span>", html)
    assert "Unrelated digitisation day" not in html


def test_a_title_match_ranks_above_a_match_in_the_body(client):
    # Alphabetically the body match comes first, so only ranking puts the title match on top.
    NetworkFactory(name="Aardvark museums group", description="We often talk about ceramics.")
    NetworkFactory(name="Ceramics collections network", description="Pots and more.")
    assert titles(search(client, "ceramics"), "networks") == [
        "Ceramics collections network",
        "Aardvark museums group",
    ]


def test_drafts_closed_networks_and_unpublished_resources_are_never_found(client):
    NetworkFactory(name="Closed ceramics group", status=Network.Status.CLOSED)
    EventFactory(title="Draft ceramics workshop", is_published=False)
    ResourceFactory(title="Unpublished ceramics report", is_published=False)
    html = search(client, "ceramics")
    assert "0 results for “ceramics”" in html
    assert "No results" in html
    assert "ceramics group" not in html and "workshop" not in html and "report" not in html


def test_past_events_are_found_and_say_they_have_finished(client):
    from tests.networks.factories import days_from_now

    start = days_from_now(-30)
    EventFactory(title="Herbarium open day", start=start, end=start.replace(hour=16))
    html = search(client, "herbarium")
    assert titles(html, "events") == ["Herbarium open day"]
    assert "<span>Finished</span>" in html


def test_all_types_shows_a_few_of_each_with_a_link_to_the_rest(client):
    NetworkFactory.create_batch(PER_GROUP + 2, summary="Learning and engagement.")
    html = search(client, "learning")
    assert len(titles(html, "networks")) == PER_GROUP
    assert f"See all {PER_GROUP + 2} networks matching “learning”" in html
    assert 'href="?q=learning&amp;type=networks"' in html


def test_when_more_events_match_than_it_ranks_it_says_so_and_ranks_those_that_start_latest(
    client, settings
):
    from tests.networks.factories import days_from_now

    settings.SEARCH_RANK_AT_MOST = PER_GROUP + 1
    # The two best matches start first, so they are not among the latest that are ranked.
    for day in (1, 2):
        EventFactory(
            title=f"Lacquer lacquer clinic {day}", summary="Lacquer.", start=days_from_now(day)
        )
    later = [f"Session {day}" for day in range(3, PER_GROUP + 4)]
    for day, title in enumerate(later, start=3):
        EventFactory(title=title, summary="Some lacquer work.", start=days_from_now(day))
    # Later still, events that do not match: they take none of the places ranked.
    for day in range(PER_GROUP + 4, PER_GROUP + 8):
        EventFactory(title=f"Pottery day {day}", summary="Clay.", start=days_from_now(day))
    html = search(client, "lacquer")
    assert "More than 6 results for “lacquer”" in html
    assert re.search(r"Events <span [^>]*>\(more than 6\)</span>", html)
    assert "so these are the best matches among the 6 that start latest" in html
    assert len(titles(html, "events")) == PER_GROUP
    assert "See more of the events matching “lacquer”" in html
    assert "Lacquer lacquer clinic" not in html
    every = search(client, "lacquer", type="events")
    assert "More than 6 results for “lacquer”, more than 6 of them events" in every
    assert sorted(titles(every, "events")) == later
    # At the limit itself, every match is ranked and counted exactly.
    settings.SEARCH_RANK_AT_MOST = len(later) + 2
    html = search(client, "lacquer")
    assert "8 results for “lacquer”" in html and "more than" not in html.lower()
    assert titles(html, "events")[0].startswith("Lacquer lacquer clinic")


def test_a_ranking_limit_below_one_is_refused_when_the_site_starts():
    result = start_django(SEARCH_RANK_AT_MOST="0")
    assert result.returncode != 0
    assert "SEARCH_RANK_AT_MOST must be at least 1." in result.stderr


def test_one_type_is_paged_and_keeps_the_query_in_its_links(client):
    # A word no page of the site says, so that these rows are all that match.
    NetworkFactory.create_batch(PER_PAGE + 3, summary="Beekeeping and engagement.")
    EventFactory(title="Beekeeping lab")
    first = search(client, "beekeeping", type="networks")
    assert len(titles(first, "networks")) == PER_PAGE
    assert titles(first, "events") == []
    assert f"{PER_PAGE + 4} results for “beekeeping”, {PER_PAGE + 3} of them networks" in first
    assert 'href="/search/?q=beekeeping&amp;type=networks&amp;page=2"' in first
    second = search(client, "beekeeping", type="networks", page="2")
    assert len(titles(second, "networks")) == 3
    # The other types stay one click away, with their counts.
    assert 'href="?q=beekeeping&amp;type=events">Events <span' in second


def test_the_matching_passage_is_highlighted_and_staff_markup_cannot_escape(client):
    NetworkFactory(
        name="Archive group",
        summary="",
        description="We meet monthly. <script>alert(1)</script> Bring **your** questions about "
        "[archives](https://example.org/a) and <b onclick='x()'>cataloguing</b>.",
    )
    html = search(client, "cataloguing")
    passage = re.search(r'<p class="search-result__passage">(.*?)</p>', html, re.S).group(1)
    assert re.search(r"<mark>cataloguing</mark>", passage, re.I)
    assert "<script" not in passage and "onclick" not in passage and "<b" not in passage
    assert "**" not in passage and "](" not in passage
    assert "archives" in passage


@pytest.mark.parametrize(
    ("q", "says"),
    [
        ("", "Type a word or a few words to search for"),
        ("   ", "Type a word or a few words to search for"),
        ("a", "“a” is too short to search for"),
        ("!?!", "“!?!” has no letters or numbers in it"),
        ("\x00\x01\x7f", "Type a word or a few words to search for"),
        ("zzqxjw", "Nothing matches “zzqxjw”"),
    ],
)
def test_queries_with_nothing_to_find_get_a_helpful_page(client, q, says):
    html = search(client, q)
    assert says in html
    assert 'href="/networks/">the directory of networks</a>' in html


def test_a_very_long_query_is_shortened_and_says_so(client):
    html = search(client, "museum " * 2000)
    assert "Your search was long, so we searched for its first" in html
    assert len(re.search(r'id="search-q" name="q" value="([^"]*)"', html).group(1)) <= MAX_LENGTH


def test_an_unknown_type_or_page_is_noted_not_an_error(client):
    NetworkFactory(name="Ceramics group")
    html = search(client, "ceramics", type="<b>bogus</b>")
    assert "We did not recognise the type of result asked for" in html
    assert "bogus" not in html
    html = search(client, "ceramics", type="networks", page="99")
    assert "There is no page “99”, so we are showing page 1." in html
    assert titles(html, "networks") == ["Ceramics group"]


@pytest.mark.parametrize(
    "q",
    [
        "<script>alert(1)</script>",
        '" onmouseover="alert(1)',
        "'; DROP TABLE networks_network; --",
        "& | ! : * ( ) <-> \\",
        "mentor\x00ing",
        "\u202eevil\u200b",
    ],
)
def test_hostile_queries_are_reflected_escaped(client, q):
    NetworkFactory(name="Alert network")
    html = search(client, q)
    assert "<script>alert" not in html
    assert 'onmouseover="alert' not in html
    assert "\x00" not in html and "\u202e" not in html
    assert Network.objects.filter(name="Alert network").exists()


OUR_TAGS = {
    "main", "h1", "h2", "h3", "form", "label", "div", "input", "button", "p", "nav", "ul", "ol",
    "li", "a", "span", "section", "mark", "time", "footer", "fieldset", "legend", "select",
    "option",
}  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=300),
    st.from_regex(r"<[a-z]{1,8}( [a-z]+=\S{0,10})?>?", fullmatch=True),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=QUERIES, kind=st.sampled_from(["", "networks", "events", "x"]))
def test_any_query_gets_a_page_and_never_becomes_markup(client, q, kind):
    Network.objects.get_or_create(slug="markup", defaults={"name": "Markup group", "kind": "area"})
    response = client.get(SEARCH, {"q": q, "type": kind})
    assert response.status_code == 200
    main = response.content.decode().split('<main id="main"', 1)[1]
    assert set(re.findall(r"<([a-zA-Z][\w-]*)", main)) <= OUR_TAGS


def test_every_page_header_offers_the_search(client):
    html = client.get(reverse("networks:home")).content.decode()
    form = re.search(
        r'<form class="site-search" method="get" action="/search/"[^>]*>(.*?)</form>', html, re.S
    )
    assert form
    assert '<label class="visually-hidden" for="site-search-q">Search this site</label>' in form[1]
    assert 'id="site-search-q" name="q"' in form[1]


def test_clean_query():
    assert clean_query("  mentoring \t in\nlondon ") == ("mentoring in london", "", [])
    assert clean_query("a\x00b") == ("a b", "", [])
    assert clean_query("") == ("", "empty", [])
    assert clean_query("é")[1] == "too_short"
    assert clean_query("--")[1] == "no_words"
    text, problem, notes = clean_query("word " * 100)
    assert len(text) <= MAX_LENGTH and text.endswith("word") and not problem and notes


def test_render_passage_escapes_everything_but_its_own_highlights():
    raw = f"a <i>b</i> & {START}c{STOP} {START}unclosed [link](http://x.example) *em*"
    assert render_passage(raw) == "a b &amp; <mark>c</mark> unclosed link em"
    assert render_passage(f"{START}<img src=x>{STOP}") == "<mark></mark>"
    assert render_passage("1 < 2 > 0") == "1 &lt; 2 &gt; 0"


@pytest.mark.parametrize("rows", [3, 30])
def test_search_costs_the_same_queries_however_many_match(client, django_assert_num_queries, rows):
    for i in range(rows):
        NetworkFactory(summary="Pottery skills.", topics=[])
        EventFactory(title=f"Pottery session {i}", network=NetworkFactory())
        ResourceFactory(title=f"Pottery guide {i}")
    # The filters' sub-regions (1), a count of each type (3), the first few of each (3), and
    # the pages (matched at once: on PostgreSQL, their page texts first).
    pages = 2 if connection.vendor == "postgresql" else 1
    with django_assert_num_queries(1 + 6 + pages):
        html = search(client, "pottery")
    assert len(titles(html, "events")) == min(rows, PER_GROUP)
    # One type, paged: the sub-regions, the three counts, the pages and one page.
    with django_assert_num_queries(1 + 4 + pages):
        html = search(client, "pottery", type="events")
    assert len(titles(html, "events")) == min(rows, PER_PAGE)

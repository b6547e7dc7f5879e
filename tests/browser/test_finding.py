"""Finding things in real Chromium: search (from every page's header, with JavaScript off and
at 320px), resources, open data and the two full pages pass axe (WCAG 2.2 AA), reflow at 320px
and log no console errors (CSP violations included)."""

import re

import pytest
from playwright.sync_api import expect

from networks.models import Network
from tests.networks.content.documents import PDF, ResourceFactory, upload
from tests.networks.factories import EventFactory, TopicFactory

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def content(site_url, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    west = Network.objects.get(slug="west-london-museums-group")
    west.topics.add(TopicFactory(name="Learning", slug="learning"))
    EventFactory(title="Mentoring clinic", slug="mentoring-clinic", network=west, organiser_name="")
    ResourceFactory(
        title="Research into suitable skills sharing models for the London museums sector",
        description="The 2014-15 research into skills sharing.",
        file=upload("report.pdf", PDF),
        on_home_page=True,
    )
    ResourceFactory(title="Our blog about the research", external_url="https://lmg.example/b")
    # More lacquer events than search ranks, so that it says it ranked only the latest.
    settings.SEARCH_RANK_AT_MOST = 3
    EventFactory.create_batch(4, summary="Lacquer conservation.", network=west)
    return site_url


PAGES = [
    pytest.param("/search/?q=london", "results for “london”", id="search-results"),
    pytest.param("/search/?q=london&type=networks", "of them networks", id="search-one-type"),
    pytest.param("/search/?q=zzqxjw", "Nothing matches", id="search-nothing"),
    pytest.param("/search/?q=a", "too short", id="search-too-short"),
    pytest.param(
        "/search/?q=london&kind=area&region=nowhere&upcoming=yes",
        "with your filters",
        id="search-filtered",
    ),
    pytest.param("/search/?q=mentors&type=pages", "of them pages", id="search-pages"),
    pytest.param(
        "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E", "results for", id="search-hostile"
    ),
    pytest.param("/search/?q=lacquer", "among the 3 that start latest", id="search-ranked"),
    pytest.param("/resources/", "Research into suitable", id="resources"),
    pytest.param("/", "Research into suitable", id="home-with-report"),
    pytest.param("/open-data/", "Fields of each network", id="open-data"),
    pytest.param("/privacy/", "Your rights", id="privacy"),
    pytest.param("/accessibility/", "Compliance status", id="accessibility"),
    pytest.param("/events/?topic=learning&region=west-london", "match", id="events-by-topic"),
]


@pytest.mark.parametrize(("path", "text"), PAGES)
def test_finding_page_is_accessible_and_quiet(
    page, content, console_errors, visit, assert_accessible, path, text
):
    visit(page, path)
    expect(page.locator("main")).to_contain_text(text)
    assert_accessible(page)
    assert console_errors == []


@pytest.mark.parametrize(("path", "text"), PAGES)
def test_finding_page_reflows_at_320px(
    new_page, content, visit, assert_no_horizontal_scroll, path, text
):
    page = new_page(viewport=NARROW)
    visit(page, path)
    assert_no_horizontal_scroll(page)


def test_search_from_the_header_without_javascript_at_320px(
    new_page, content, visit, assert_no_horizontal_scroll
):
    page = new_page(viewport=NARROW, java_script_enabled=False)
    visit(page, "/events/")
    search = page.get_by_role("search", name="Site")
    search.get_by_label("Search this site").fill("mentors")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=mentors$"))
    expect(page.get_by_role("heading", name=re.compile("^Events"))).to_be_visible()
    expect(page.get_by_role("link", name="Mentoring clinic")).to_be_visible()
    assert_no_horizontal_scroll(page)


def test_search_results_narrow_to_one_type_and_back(page, content, visit):
    visit(page, "/search/?q=london")
    types = page.get_by_role("navigation", name="Types of result")
    types.get_by_role("link", name=re.compile(r"^Networks \(\d+\)")).click()
    expect(page).to_have_url(re.compile(r"type=networks"))
    expect(page.get_by_role("heading", name=re.compile("^Events"))).to_have_count(0)
    expect(types.get_by_role("link", name=re.compile("^Networks"))).to_have_attribute(
        "aria-current", "page"
    )
    types.get_by_role("link", name=re.compile("^All types")).click()
    # The section's heading, with its count (a page called "Networks" may be found too).
    expect(page.get_by_role("heading", name=re.compile(r"^Networks \(\d+\)"))).to_be_visible()


def test_the_report_link_says_what_it_is_and_downloads_the_file(page, content, visit):
    visit(page, "/")
    link = page.get_by_role("link", name=re.compile(r"^Research into suitable .* \(PDF, 1 KB\)$"))
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert download.value.path().read_bytes() == PDF

"""Search, resources, open data and the two full pages, in each state a person can meet, are
valid HTML (W3C Nu HTML Checker)."""

import io

import pytest
from django.core.management import call_command

from networks.finding.views import PER_PAGE
from tests.helpers.html import assert_valid_html, java_or_skip
from tests.networks.content.documents import PDF, ResourceFactory, upload
from tests.networks.factories import EventFactory, NetworkFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_finding_pages_are_valid_html(client, tmp_path, settings):
    java_or_skip()
    settings.SEARCH_RANK_AT_MOST = 2
    EventFactory.create_batch(3, summary="Lacquer conservation.")
    call_command("load_initial_content", stdout=io.StringIO())
    topic = TopicFactory(slug="learning")
    NetworkFactory.create_batch(PER_PAGE + 2, summary="Learning <b>together</b>.", topics=[topic])
    EventFactory(
        title="Learning lab", slug="learning-lab", description="[Book](https://x.example) **now**"
    ).topics.add(topic)
    ResourceFactory(title="Learning report", file=upload("report.pdf", PDF), on_home_page=True)
    ResourceFactory(title="Learning blog")
    urls = [
        "/search/",
        "/search/?q=a",
        "/search/?q=%21%21",
        "/search/?q=learning",
        "/search/?q=learning&type=networks&page=2",
        "/search/?q=lacquer",
        "/search/?q=lacquer&type=events",
        "/search/?q=zzqxjw",
        "/search/?q=%3Cscript%3E%22%27&type=x",
        "/search/?q=mentoring",
        "/search/?q=mentoring&type=pages",
        "/search/?q=learning&kind=area&region=nowhere&upcoming=yes&type=events",
        "/search/?q=-icon",
        "/resources/",
        "/open-data/",
        "/privacy/",
        "/accessibility/",
        "/",
        "/events/?topic=learning",
        "/events/learning-lab/",
    ]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    assert_valid_html(pages, tmp_path)

"""What machines read: sitemap.xml, robots.txt, canonical links, descriptions and Open Graph
tags, schema.org Organization on network pages, and the Atom feed of new events."""

import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from networks.models import Event, Network, PageSection
from tests.helpers.html import crawl
from tests.networks.content.documents import ResourceFactory
from tests.networks.factories import EventFactory, NetworkFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find(f"{SITEMAP}loc").text.removeprefix("http://testserver"): (
            url.find(f"{SITEMAP}lastmod").text
            if url.find(f"{SITEMAP}lastmod") is not None
            else None
        )
        for url in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_lists_every_public_page_with_its_last_change(client):
    call_command("load_initial_content", stdout=io.StringIO())
    network = Network.objects.get(slug="west-london-museums-group")
    closed = NetworkFactory(status=Network.Status.CLOSED)
    event = EventFactory()
    draft = EventFactory(is_published=False)
    urls = sitemap(client)

    public = set(crawl(client))
    # Every page a visitor can reach by links is listed, but for filtered views, searches and
    # the forms that suggest a change to a network (its own page is listed), and where its
    # contacts sign in to keep it (a sign-in form has nothing for a search engine).
    reachable = {
        url
        for url in public
        if "?" not in url
        and not url.startswith(("/search/", "/manage/"))
        and not url.endswith("/suggest/")
    }
    assert reachable <= set(urls), reachable - set(urls)
    assert network.get_absolute_url() in urls and event.get_absolute_url() in urls
    assert closed.get_absolute_url() not in urls and draft.get_absolute_url() not in urls
    assert "/admin/" not in " ".join(urls)
    assert urls[network.get_absolute_url()] == network.updated_at.date().isoformat()
    assert all(urls.values()), [url for url, lastmod in urls.items() if not lastmod]


def test_a_page_lastmod_follows_the_texts_and_records_it_shows(client):
    call_command("load_initial_content", stdout=io.StringIO())
    long_ago = timezone.now() - datetime.timedelta(days=400)
    PageSection.objects.update(updated_at=long_ago)
    Network.objects.update(updated_at=long_ago)
    assert sitemap(client)["/networks/"] == long_ago.date().isoformat()
    intro = PageSection.objects.get(key="networks_intro")
    intro.body = "New words."
    intro.save()
    urls = sitemap(client)
    assert urls["/networks/"] == timezone.now().date().isoformat()
    assert urls["/privacy/"] == long_ago.date().isoformat()


def test_robots_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


HEAD_TAGS = re.compile(r'<(?:meta|link) (?:name|property|rel)="([^"]+)" (?:content|href)="([^"]*)"')


def head_tags(html):
    head = html.split("</head>", 1)[0]
    return dict(HEAD_TAGS.findall(head))


def test_every_page_has_a_canonical_link_description_and_open_graph_tags(client):
    call_command("load_initial_content", stdout=io.StringIO())
    EventFactory(title="Caring for <textiles> & more")
    ResourceFactory()
    pages = crawl(client)
    assert len(pages) > 10
    for url, html in pages.items():
        tags = head_tags(html)
        title = re.search(r"<title>(.*?) \u2013 ", html).group(1)
        assert tags["og:title"] == title, url
        assert tags["description"] and tags["og:description"] == tags["description"], url
        assert tags["og:site_name"] == "London Museums Skills Sharing"
        assert tags["og:type"] == "website" and tags["og:locale"] == "en_GB"
        path = url.split("?", 1)[0]
        assert tags["canonical"] == tags["og:url"] == f"http://testserver{path}", url
    event_page = pages[Event.objects.get().get_absolute_url()]
    assert head_tags(event_page)["og:title"] == "Caring for &lt;textiles&gt; &amp; more"


def test_a_missing_page_has_no_canonical_link(client):
    html = client.get("/networks/no-such-network/").content.decode()
    assert "canonical" not in head_tags(html) and "og:url" not in head_tags(html)


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_network_pages_describe_the_network_as_an_organization(client):
    parent = NetworkFactory(name="Subject Specialist Networks", slug="ssn")
    network = NetworkFactory(
        name="Costume & <Textiles> network",
        summary="Dress collections.",
        website="https://costume.example/",
        parent=parent,
        topics=[TopicFactory(name="Textiles")],
    )
    html = client.get(network.get_absolute_url()).content.decode()
    assert "<Textiles>" not in html.split("</head>")[0]
    assert json_ld(html) == [
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": "Costume & <Textiles> network",
            "url": f"http://testserver{network.get_absolute_url()}",
            "areaServed": {"@type": "Place", "name": f"{network.sub_region.name}, London"},
            "description": "Dress collections.",
            "sameAs": "https://costume.example/",
            "parentOrganization": {
                "@type": "Organization",
                "name": "Subject Specialist Networks",
                "url": "http://testserver/networks/ssn/",
            },
            "knowsAbout": ["Textiles"],
        }
    ]


def test_organization_data_names_no_contacts(client):
    from tests.networks.factories import NetworkRoleFactory

    role = NetworkRoleFactory(person__name="Ada Curator", person__email="ada@museum.example")
    html = client.get(role.network.get_absolute_url()).content.decode()
    assert "Ada Curator" in html  # on the page, as a public contact
    assert "Ada Curator" not in json.dumps(json_ld(html))


def test_atom_feed_lists_newly_added_events_newest_first(client):
    older = EventFactory(title="Older event")
    newer = EventFactory(title="Newer & cancelled", status=Event.Status.CANCELLED)
    Event.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(1))
    EventFactory(title="Draft event", is_published=False)
    response = client.get(reverse("events:atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Cancelled: Newer & cancelled",
        "Older event",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}id").text == f"urn:uuid:{newer.uid}"
    assert first.find(f"{ATOM}link").get("href") == f"http://testserver{newer.get_absolute_url()}"
    assert newer.when in first.find(f"{ATOM}summary").text


def test_the_events_page_links_its_atom_feed(client):
    html = client.get(reverse("events:list")).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{reverse("events:atom")}"' in html


@pytest.mark.parametrize("rows", [3, 30])
def test_sitemap_and_feed_queries(client, django_assert_num_queries, rows):
    for _ in range(rows):
        EventFactory(network=NetworkFactory())
        ResourceFactory()
    # Page texts and four newest changes (networks, events, resources, register listings: 5); a
    # count and a page of networks, and of events.
    with django_assert_num_queries(9):
        assert client.get("/sitemap.xml").status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("events:atom")).status_code == 200

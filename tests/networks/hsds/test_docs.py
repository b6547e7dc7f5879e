"""/open-data/ documents the HSDS API: every endpoint, the anchors the API's own links point
to, the licence of our data and the attribution HSDS asks for."""

import re

import pytest
from django.urls import reverse

from networks.hsds import mapping

from .helpers import API, get_json, served

pytestmark = pytest.mark.django_db


def test_the_open_data_page_documents_every_endpoint(client, directory):
    html = client.get(reverse("networks:open_data")).content.decode()
    assert 'id="hsds"' in html
    assert f"<code>http://testserver{API}/</code>" in html
    for path in served():
        assert f"<code>{API}{path}</code>" in html, path
    for link in re.findall(rf'href="({API}/[^"]*)"', html):
        get_json(client, link)


def test_the_apis_links_to_the_documentation_land_on_it(client, directory):
    html = client.get(reverse("networks:open_data")).content.decode()
    anchors = [get_json(client, f"{API}/")["profile"]]
    anchors += [taxonomy["uri"] for taxonomy in get_json(client, f"{API}/taxonomies")["contents"]]
    assert len(anchors) == 1 + len(mapping.TAXONOMIES)
    for anchor in anchors:
        page, fragment = anchor.split("#")
        assert page == f"http://testserver{reverse('networks:open_data')}"
        assert f'id="{fragment}"' in html, fragment


def test_it_gives_our_licence_and_credits_open_referral(client, directory):
    html = client.get(reverse("networks:open_data")).content.decode()
    section = html[html.index('id="hsds"') : html.index('id="formats"')]
    assert 'href="#licence"' in section and 'id="licence"' in html
    assert "Human Services Data Specification: an Open Referral resource" in section
    assert "CC BY-SA 4.0" in section

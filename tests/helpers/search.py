"""Helpers for site search: ask it, and read the titles it found of one kind."""

import re

from django.urls import reverse

SEARCH = reverse("networks:search")


def search(client, q, **params):
    response = client.get(SEARCH, {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def titles(html, kind):
    """The result titles in the section of one kind, in order."""
    section = re.search(rf'<section aria-labelledby="results-{kind}">(.*?)</section>', html, re.S)
    if not section:
        return []
    found = re.findall(r'class="search-result__title">\s*<a [^>]*>(.*?)</a>', section.group(1))
    return [re.sub(r"<[^>]+>.*", "", title) for title in found]

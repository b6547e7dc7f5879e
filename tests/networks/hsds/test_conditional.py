"""Harvesters polling the API get 304 Not Modified until public content changes, by ETag and
by Last-Modified, and the 304 still lets any origin read it."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from .helpers import API

pytestmark = pytest.mark.django_db

URLS = ["/", "/services", "/services?full=true", "/organizations", "/taxonomy_terms"]


@pytest.mark.parametrize("url", URLS)
def test_the_same_etag_gets_304(client, directory, url):
    first = client.get(f"{API}{url}")
    again = client.get(f"{API}{url}", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again.content == b""


@pytest.mark.parametrize("url", URLS)
def test_the_same_last_modified_gets_304(client, directory, url):
    first = client.get(f"{API}{url}")
    assert first["Last-Modified"]
    again = client.get(f"{API}{url}", headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_a_saved_network_answers_200_again(client, directory):
    first = client.get(f"{API}/services")
    # Last-Modified counts whole seconds: save a moment later, as an editor would.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=False):
        directory.west_group.description = "Now meeting monthly."
        directory.west_group.save()
    by_etag = client.get(f"{API}/services", headers={"If-None-Match": first["ETag"]})
    by_date = client.get(f"{API}/services", headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_etag.status_code == by_date.status_code == 200
    assert b"Now meeting monthly." in by_etag.content
    assert by_date["Last-Modified"] != first["Last-Modified"]

"""Access control for the register: no unlisted, unapproved or hidden volunteer, and no private
field of a listed one, appears on any public page, feed, search result, sitemap or open data
file. Every public page is crawled from the home page and the register, every feed and download
fetched, and site search asked for each private word."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import Listing, Volunteer
from tests.helpers.html import crawl
from tests.helpers.search import search
from tests.mentoring.factories import ListingFactory, MatchFactory, VolunteerFactory
from tests.networks.factories import NetworkFactory

pytestmark = pytest.mark.django_db

PUBLIC_FILES = [
    "sitemap",
    "robots",
    "networks:networks_csv",
    "networks:networks_json",
    "networks:events_csv",
    "networks:events_json",
    "events:feed",
    "events:atom",
]


def private(volunteer):
    """Everything about a volunteer that must never be public."""
    return [
        volunteer.name,
        volunteer.name.split()[-1],
        volunteer.email,
        volunteer.phone,
        volunteer.organisation,
        volunteer.job_title,
        volunteer.availability,
        volunteer.reference,
    ]


def person(n, **kwargs):
    return VolunteerFactory(
        name=f"Firstname{n} Surname{n}",
        email=f"secret{n}@private.example",
        phone=f"020 7946 00{n:02d}",
        organisation=f"Hiddenorg{n} Museum",
        job_title=f"Jobtitle{n}",
        availability=f"Freetext{n} weekday afternoons",
        **kwargs,
    )


@pytest.fixture
def people():
    call_command("load_initial_content", verbosity=0)
    NetworkFactory()
    listed = ListingFactory(volunteer=person(1))
    MatchFactory(volunteer=listed.volunteer)
    unlisted = person(2)
    waiting = ListingFactory(volunteer=person(3), status=Listing.Status.WAITING)
    hidden = ListingFactory(volunteer=person(4), status=Listing.Status.HIDDEN)
    paused = ListingFactory(volunteer=person(5, status=Volunteer.Status.PAUSED))
    new = ListingFactory(volunteer=person(6, status=Volunteer.Status.NEW))
    chosen = ListingFactory(volunteer=person(7), chosen_name="Shown Chosenname")
    return {
        "listed": listed,
        "chosen": chosen,
        "never shown": [unlisted, *(x.volunteer for x in (waiting, hidden, paused, new))],
    }


def public_text(client):
    pages = crawl(client)
    pages.update(crawl(client, reverse("mentoring:register")))
    assert reverse("mentoring:register") in pages
    files = {}
    for name in PUBLIC_FILES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        files[name] = b"".join(response) if response.streaming else response.content
    return pages, {name: body.decode() for name, body in files.items()}


def test_no_private_detail_is_public_anywhere(client, people):
    pages, files = public_text(client)
    everything = {**pages, **files}
    assert len(pages) > 10
    hidden_people = people["never shown"]
    listed = [people["listed"].volunteer, people["chosen"].volunteer]
    for volunteer in [*hidden_people, *listed]:
        for word in private(volunteer):
            leaks = [url for url, body in everything.items() if word and word in body]
            assert leaks == [], f"{word!r} of {volunteer} is public at {leaks}"
    for volunteer in hidden_people:
        n = volunteer.name[len("Firstname")]
        leaks = [url for url, body in everything.items() if f"Firstname{n} S." in body]
        assert leaks == [], f"{volunteer} is listed at {leaks}"
    # What the listed volunteers chose to show is shown, on the register only.
    register = pages[reverse("mentoring:register")]
    assert "Firstname1 S." in register and "Shown Chosenname" in register
    assert "Firstname7" not in register
    shown_at = {url for url, body in everything.items() if "Firstname1 S." in body}
    ask = f"{reverse('mentoring:request')}?mentor={people['listed'].pk}"
    assert shown_at == {reverse("mentoring:register"), ask}


def test_site_search_finds_no_volunteer(client, people):
    for volunteer in [*people["never shown"], people["listed"].volunteer]:
        for word in private(volunteer)[:6]:
            html = search(client, word)
            assert "search-result__title" not in html, f"search for {word!r} found something"
    assert "search-result__title" not in search(client, "Chosenname")


def test_the_register_reads_no_contact_detail_from_the_database(client, people):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("mentoring:register"))
    listing_query = [q["sql"] for q in queries if '"mentoring_listing"' in q["sql"]]
    assert listing_query
    for column in ("email", "phone", "organisation", "availability", "job_title", "staff_notes"):
        assert all(f'"{column}"' not in sql for sql in listing_query), column

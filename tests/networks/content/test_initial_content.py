import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from networks.models import Network, NetworkRole, PageSection, Person

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "skills-sharing-page.txt"

SEED_NETWORKS = {
    "London Museums Group": "area",
    "West London Museums Group": "sub_regional",
    "North & East London Museums Group": "sub_regional",
    "Central London Historic Collections Network": "sub_regional",
    "London Museums of Health and Medicine": "subject",
    "Subject Specialist Networks": "subject",
}


def load():
    call_command("load_initial_content", stdout=io.StringIO())


def test_every_seed_network_loads_with_its_kind():
    load()
    assert dict(Network.objects.values_list("name", "kind")) == SEED_NETWORKS


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside this checkout")
def test_every_network_named_on_the_seed_page_appears(client):
    seed = SEED.read_text()
    load()
    html = client.get("/").content.decode()
    for name in SEED_NETWORKS:
        # The seed says "Subject specialist networks"; match case-insensitively.
        assert re.search(re.escape(name), seed, re.IGNORECASE), name
        assert name.replace("&", "&amp;") in html


def test_hidden_contacts_load_as_awaiting_update_without_invented_people():
    load()
    assert Person.objects.count() == 0
    assert NetworkRole.objects.count() == 0
    assert Network.objects.awaiting_update().count() == len(SEED_NETWORKS)


def test_every_section_of_the_seed_page_loads():
    load()
    headings = set(PageSection.objects.values_list("heading", flat=True))
    assert {
        "Skills sharing",
        "Museum Development Officer (MDO) training and advice programme",
        "Area networks",
        "Sub-regional networks",
        "Subject networks",
        "Practitioner networks",
        "Mentoring and peer support",
    } <= headings


def test_loading_again_keeps_staff_edits():
    load()
    Network.objects.filter(slug="london-museums-group").update(summary="Edited by staff")
    load()
    assert Network.objects.get(slug="london-museums-group").summary == "Edited by staff"
    assert Network.objects.count() == len(SEED_NETWORKS)

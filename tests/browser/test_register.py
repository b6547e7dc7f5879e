"""The register in real Chromium: axe on the register, its filters' results, the request form
naming a mentor and the volunteer's listing page with its error state; filters and "Ask for
this mentor" without JavaScript; nothing wider than a 320px screen."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from mentoring.models import SupportRequest, listing_token
from tests.mentoring.factories import ListingFactory, SkillFactory
from tests.networks.factories import SubRegionFactory

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
REGISTER = "/mentoring/register/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def listings(site_url):
    governance = SkillFactory(name="Governance of small charitable trusts", slug="gov")
    west = SubRegionFactory(name="West London", slug="west-london")
    mentor = ListingFactory(
        volunteer__name="Ada Lovelace", volunteer__sub_regions=[west], skills=[governance]
    )
    speaker = ListingFactory(
        volunteer__name="Grace Hopper",
        volunteer__offers_mentoring=False,
        volunteer__offers_speaking=True,
        chosen_name="Grace, conservation and collections documentation specialist",
    )
    return mentor, speaker


def listing_path(listing):
    return f"/mentoring/register/listing/{listing_token(listing.volunteer)}/"


@pytest.mark.parametrize("query", ["", "?role=mentor&skill=gov", "?role=peer_reviewer"])
def test_register_pages_have_no_axe_violations(page, visit, assert_accessible, listings, query):
    visit(page, REGISTER + query)
    assert_accessible(page)


def test_listing_page_and_its_error_state_are_accessible(page, visit, assert_accessible, listings):
    visit(page, listing_path(listings[0]))
    assert_accessible(page)
    page.get_by_label("Name to show in the register").fill("ada@example.org")
    page.get_by_role("button", name="Save my listing").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".error-summary")).to_be_focused()
    assert_accessible(page)


def test_ask_for_this_mentor_is_accessible_and_names_them(page, visit, assert_accessible, listings):
    visit(page, REGISTER)
    page.get_by_role("link", name=re.compile(r"^Ask for this mentor.*Ada L\.")).click()
    expect(page).to_have_url(re.compile(r"/mentoring/request/\?mentor=\d+$"))
    expect(page.locator(".notice")).to_contain_text("You are asking for Ada L.")
    assert_accessible(page)


def test_filters_and_asking_work_without_javascript(new_page, visit, listings):
    page = new_page(java_script_enabled=False)
    visit(page, REGISTER)
    expect(page.locator(".result-count")).to_contain_text("2 people listed")
    page.get_by_label("Role").select_option(label="Speaker at a skills session")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"role=speaker"))
    expect(page.locator(".result-count")).to_contain_text("1 person listed")
    expect(page.get_by_role("heading", name="Ada L.")).to_have_count(0)
    page.get_by_role("link", name=re.compile("^Ask for this mentor")).click()
    expect(page.locator(".notice")).to_contain_text("You are asking for Grace")
    assert SupportRequest.objects.count() == 0


@pytest.mark.parametrize("which", ["register", "listing", "request"])
def test_nothing_is_wider_than_a_small_phone(
    new_page, visit, assert_no_horizontal_scroll, listings, which
):
    page = new_page(viewport=NARROW)
    path = {
        "register": REGISTER,
        "listing": listing_path(listings[1]),
        "request": f"/mentoring/request/?mentor={listings[1].pk}",
    }[which]
    visit(page, path)
    assert_no_horizontal_scroll(page)

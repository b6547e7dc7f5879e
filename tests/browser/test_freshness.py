"""Suggest an update, and the contact's confirmation page, in real Chromium: axe in clean and
error states and on the pages after them, the error summary taking focus, no console errors
(a CSP violation is one), without JavaScript and at 320px."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from networks.models import Network, NetworkRole, Suggestion
from tests.networks.factories import NetworkRoleFactory

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
NETWORK = "west-london-museums-group"
SUGGEST = f"/networks/{NETWORK}/suggest/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def contact_link(site_url):
    """A confirmation link for a contact of two networks, as the reminder email carries it."""
    west = Network.objects.get(slug=NETWORK)
    role = NetworkRoleFactory(
        network=west,
        person__name="Ada Lovelace",
        role=NetworkRole.Role.CHAIR,
        confirmed_on=datetime.date(2024, 3, 1),
    )
    other = Network.objects.exclude(pk=west.pk).first()
    NetworkRoleFactory(network=other, person=role.person, confirmed_on=None)
    person = role.person
    person.reminder_sent_at = timezone.now()
    person.save()
    return f"/contacts/confirm/{person.confirmation_token()}/"


def fill_suggestion(page):
    page.get_by_label("The contact has changed").check()
    page.get_by_label("What should it say?").fill("The chair is now Grace Hopper.")


def fill_proposal(page):
    page.get_by_role("group", name="Which network is it about?").get_by_label(
        "West London Museums Group"
    ).check()
    page.get_by_label("The contact has changed").check()
    page.get_by_label("What should it say?").fill("Grace Hopper chairs it now.")


def test_network_page_offers_the_form_and_it_is_accessible(
    page, visit, assert_accessible, console_errors, site_url
):
    visit(page, f"/networks/{NETWORK}/")
    assert_accessible(page)
    # The first step is on the network page: what is wrong, then on to the form.
    page.get_by_role("radio", name="The network has closed").check()
    page.get_by_role("button", name=re.compile("Suggest an update")).click()
    expect(page).to_have_url(re.compile(r"/suggest/\?kind=closed$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Suggest an update")
    expect(page.get_by_role("radio", name="The network has closed")).to_be_checked()
    assert_accessible(page)
    assert console_errors == []


def test_suggestion_error_state_is_accessible_and_the_summary_takes_focus(
    page, visit, assert_accessible, console_errors, site_url
):
    visit(page, SUGGEST)
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert_accessible(page)
    summary.get_by_role("link", name="Select what is wrong or out of date").click()
    expect(page.get_by_label("The contact has changed")).to_be_focused()
    assert console_errors == []
    assert Suggestion.objects.count() == 0


def test_a_suggestion_ends_on_an_accessible_confirmation(
    page, visit, assert_accessible, console_errors, site_url
):
    visit(page, SUGGEST)
    fill_suggestion(page)
    page.get_by_role("button", name="Send the suggestion").click()
    suggestion = Suggestion.objects.get()
    expect(page.locator(".confirmation-panel")).to_contain_text(suggestion.reference)
    assert_accessible(page)
    assert console_errors == []


def test_confirmation_page_is_accessible_and_one_button_confirms(
    page, visit, assert_accessible, console_errors, contact_link
):
    visit(page, contact_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your details in the directory")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, these details are right").click()
    expect(page.locator(".confirmation-panel")).to_contain_text("your details are confirmed")
    assert_accessible(page)
    today = timezone.localdate()
    assert set(
        NetworkRole.objects.filter(person__name="Ada Lovelace").values_list(
            "confirmed_on", flat=True
        )
    ) == {today}

    visit(page, contact_link, status=410)
    expect(page.get_by_role("heading", level=1)).to_have_text("You have already answered")
    assert_accessible(page)
    own_status = "Failed to load resource: the server responded with a status of 410"
    assert [m for m, _ in console_errors if not m.startswith(own_status)] == []


def test_proposing_changes_has_an_accessible_error_state_and_confirmation(
    page, visit, assert_accessible, console_errors, contact_link
):
    visit(page, contact_link)
    page.get_by_role("button", name="Send the changes").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".error-summary")).to_be_focused()
    assert_accessible(page)
    fill_proposal(page)
    page.get_by_role("button", name="Send the changes").click()
    suggestion = Suggestion.objects.get()
    expect(page.locator(".confirmation-panel")).to_contain_text(suggestion.reference)
    assert_accessible(page)
    assert suggestion.person.name == "Ada Lovelace"
    assert console_errors == []


# Each form: the page it is on, its button, and how to fill it in.
FORMS = {
    "suggest": (lambda request: SUGGEST, "Send the suggestion", fill_suggestion),
    "propose": (
        lambda request: request.getfixturevalue("contact_link"),
        "Send the changes",
        fill_proposal,
    ),
}


@pytest.mark.parametrize("form", FORMS)
def test_forms_work_without_javascript_and_at_320px(
    request, new_page, visit, assert_no_horizontal_scroll, site_url, form
):
    path, button, fill = FORMS[form]
    page = new_page(java_script_enabled=False, viewport=NARROW)
    visit(page, path(request))
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name=button).click()
    expect(page.locator(".error-summary")).to_be_focused()  # autofocus, no script needed
    assert_no_horizontal_scroll(page)
    fill(page)
    page.get_by_role("button", name=button).click()
    expect(page.locator(".confirmation-panel")).to_contain_text(Suggestion.objects.get().reference)
    assert_no_horizontal_scroll(page)

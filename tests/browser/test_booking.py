"""Booking a place in real Chromium: the event page, the form and its errors, check your
answers, the confirmation and the person's own booking page from the emailed link. axe on every
page and state; the same journey without JavaScript at 320px."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from networks.booking.models import Booking
from tests.helpers.booking import booking_event

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}


def journey(page, visit, check, event):
    visit(page, event.get_absolute_url())
    expect(page.locator("#places-left")).to_have_text("2 places left")
    check(page)
    page.get_by_role("link", name=re.compile("^Book a place")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Book a place")
    check(page)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    check(page)
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_label("Email address").fill("ada@museum.example")
    page.get_by_label("Museum or organisation").fill("Docklands Museum")
    page.get_by_label("Access needs (optional)").fill("Step-free access, please")
    page.get_by_label(re.compile("^I agree")).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    check(page)
    page.get_by_role("button", name="Confirm the booking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your place is booked")
    check(page)
    booking = Booking.objects.get(email="ada@museum.example")
    assert booking.access_needs == "Step-free access, please"
    (message,) = [m for m in mail.outbox if m.to == ["ada@museum.example"]]
    link = re.search(r"https?://\S+/bookings/\S+/", message.body).group(0)
    visit(page, urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your booking")
    check(page)
    page.get_by_role("button", name="Cancel my booking").click()
    expect(page.get_by_role("status")).to_contain_text("Your booking is cancelled")
    check(page)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_visitor_books_a_place_and_cancels_it(
    page, visit, assert_accessible, console_errors, site_url
):
    event = booking_event(capacity=2, ask_access_needs=True)
    journey(page, visit, assert_accessible, event)
    assert console_errors == []


def test_booking_works_without_javascript_at_320px(
    new_page, visit, assert_no_horizontal_scroll, site_url
):
    event = booking_event(capacity=2, ask_access_needs=True)
    page = new_page(java_script_enabled=False, viewport=NARROW)
    journey(page, visit, assert_no_horizontal_scroll, event)


def test_every_booking_page_is_accessible_at_320px(
    new_page, visit, assert_accessible, assert_no_horizontal_scroll, site_url
):
    event = booking_event(capacity=2, ask_access_needs=True)

    def check(page):
        assert_accessible(page)
        assert_no_horizontal_scroll(page)

    journey(new_page(viewport=NARROW), visit, check, event)

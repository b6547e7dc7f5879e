"""Pages are found too, on both engines: the page texts staff keep (the privacy notice, the
introductions of the main pages) and the mentoring pages, which mentoring registers."""

import re

import pytest
from django.urls import reverse

from networks.finding.pages import template_words
from networks.models import PageSection
from tests.helpers.search import search, titles

pytestmark = pytest.mark.django_db


def page_link(html, title):
    section = re.search(r'<section aria-labelledby="results-pages">(.*?)</section>', html, re.S)
    found = re.search(rf'<a href="([^"]+)">{re.escape(title)}</a>', section.group(1))
    return found.group(1) if found else None


@pytest.mark.parametrize("q", ["mentor", "mentors", "mentoring"])
def test_the_mentoring_pages_are_found_by_any_form_of_the_word(client, q):
    html = search(client, q)
    # Every page found, not only the first few the grouped results show (the register's page
    # and the privacy notice's paragraph on it match too).
    found = titles(search(client, q, type="pages"), "pages")
    assert "Mentoring and peer support" in found
    assert "Offer to volunteer" in found
    assert "Ask for support for your museum" in found
    assert page_link(html, "Mentoring and peer support") == reverse("mentoring:index")
    assert re.search(r"Pages <span [^>]*>\(\d+\)</span>", html)


def test_the_words_of_the_mentoring_template_are_found(client):
    # "Survive and Thrive" is written in the template, not in any page text.
    html = search(client, "survive thrive resilient")
    assert titles(html, "pages") == ["Mentoring and peer support"]
    assert "<mark>resilient</mark>" in html


def test_a_page_text_is_found_where_it_is_shown(client):
    html = search(client, "privacy notice")
    assert "Privacy notice" in titles(html, "pages")
    assert page_link(html, "Privacy notice") == reverse("privacy")


def test_a_page_text_edited_by_staff_is_found_by_its_new_words(client):
    assert titles(search(client, "zeppelins"), "pages") == []
    section = PageSection.objects.create(
        key=PageSection.Key.ACCESSIBILITY,
        heading="Accessibility statement",
        body="Our zeppelins are step-free.",
    )
    html = search(client, "zeppelins")
    assert titles(html, "pages") == ["Accessibility statement"]
    assert "<mark>zeppelins</mark>" in html
    section.body = "Our airships are step-free."
    section.save()
    assert titles(search(client, "zeppelins"), "pages") == []
    assert titles(search(client, "airships"), "pages") == ["Accessibility statement"]
    section.delete()  # the page shows its initial words again
    assert titles(search(client, "airships"), "pages") == []


def test_pages_can_be_shown_alone(client):
    html = search(client, "mentoring", type="pages")
    assert "Mentoring and peer support" in titles(html, "pages")
    assert titles(html, "networks") == []


def test_template_words_leave_out_markup_and_template_syntax():
    words = template_words("mentoring/index.html")
    assert "Survive and Thrive peer reviewers" in words
    assert "{%" not in words and "<" not in words and "intro" not in words
    lead = template_words("mentoring/volunteer_form.html", part="lead")
    assert lead.startswith("Volunteer as a Museum Mentor")
    assert "Send my offer" not in lead

"""Page text staff edit: introductions of the main pages, the privacy notice and the
accessibility statement, their initial text and the settings they quote."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from networks.models import PageSection

pytestmark = pytest.mark.django_db

INTROS = [
    ("networks_intro", "networks:list"),
    ("events_intro", "events:list"),
    ("mentoring_intro", "mentoring:index"),
    ("resources_intro", "networks:resources"),
    ("introduction", "networks:home"),
]


def load():
    call_command("load_initial_content", stdout=io.StringIO())


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("key", "url_name"), INTROS)
def test_staff_edit_each_pages_introduction(client, key, url_name):
    initial = PageSection.initial(key).body.split(".")[0]
    # Before any content is loaded the page still has its words.
    assert initial in text_of(client.get(reverse(url_name)).content.decode())
    load()
    section = PageSection.objects.get(key=key)
    section.body = "Edited by **staff** <script>alert(1)</script>"
    section.save()
    html = client.get(reverse(url_name)).content.decode()
    assert "Edited by <strong>staff</strong>" in html
    assert initial not in text_of(html)
    assert "<script>alert" not in html


def test_privacy_notice_follows_the_settings(client, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 36
    settings.MDO_INBOX_EMAIL = "mdo@museum.example"
    settings.FORM_RATE_LIMIT_PERIOD = 7200
    settings.PRIVACY_NOTICE_VERSION = "2027-01"
    settings.FRESHNESS_PERIOD_MONTHS = 6
    load()
    html = client.get(reverse("privacy")).content.decode()
    text = text_of(html)
    assert "what you wrote 36 months later" in text
    assert "for 2 hours" in text
    assert "About once every 6 months we email you a link" in text
    assert re.search(r'<a href="mailto:mdo@museum.example"[^>]*>mdo@museum.example</a>', html)
    assert "Version 2027-01." in text
    assert "{" not in text


def test_privacy_notice_says_what_each_form_collects_who_sees_it_and_your_rights(client):
    text = text_of(client.get(reverse("privacy")).content.decode())
    for said in [
        "When you offer to volunteer",
        "how many museums you could support",
        "When you ask for support for a museum",
        "the museum's Accreditation status",
        "which version of it you saw",
        "Contacts of networks",
        "When you suggest an update to a network's page",
        "We do not record what you search for",
        "Only Museum Development staff see these details",
        "ask for a copy of the details we hold about you",
        "ask us to erase them",
        "Information Commissioner's Office",
    ]:
        assert said in text, said


def test_the_privacy_notice_must_keep_the_retention_setting(admin_client):
    load()
    privacy = PageSection.objects.get(key="privacy")
    response = admin_client.post(
        reverse("admin:networks_pagesection_change", args=[privacy.pk]),
        {"heading": privacy.heading, "body": "We keep it for 24 months.", "display_order": "1"},
    )
    assert response.status_code == 200
    assert "Keep {retention_months} and {inbox} in this text" in response.content.decode()
    privacy.refresh_from_db()
    assert "{retention_months}" in privacy.body


def test_accessibility_statement_in_the_public_sector_form(client):
    html = client.get(reverse("accessibility")).content.decode()
    headings = re.findall(r"<h[23]>(.*?)</h[23]>", html)
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ]:
        assert heading in headings, heading
    assert "partially compliant" in html
    assert "Equality Advisory and Support Service" in html


@pytest.mark.parametrize("url_name", ["networks:home", "networks:search", "privacy"])
def test_every_page_links_to_the_privacy_notice_and_accessibility_statement(client, url_name):
    html = client.get(reverse(url_name)).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/privacy/">Privacy notice</a>' in footer
    assert '<a href="/accessibility/">Accessibility statement</a>' in footer


def test_loading_adds_missing_page_texts_without_touching_edited_ones():
    load()
    PageSection.objects.filter(key="privacy").update(heading="Our privacy notice")
    PageSection.objects.filter(key__in=["accessibility", "events_intro"]).delete()
    out = io.StringIO()
    call_command("load_initial_content", stdout=out)
    assert "added 2 missing page texts" in out.getvalue()
    assert PageSection.objects.get(key="privacy").heading == "Our privacy notice"
    assert set(PageSection.objects.values_list("key", flat=True)) == set(PageSection.Key.values)
    call_command("load_initial_content", stdout=out)
    assert "added 0 missing page texts" in out.getvalue()


def test_every_key_has_initial_text_and_every_placeholder_is_filled():
    for key in PageSection.Key.values:
        section = PageSection.initial(key)
        assert section is not None, key
        assert not re.search(r"\{\w+\}", section.filled_body), key
    body = " ".join(f"{{{name}}}" for name in PageSection.PLACEHOLDERS)
    assert "{" not in PageSection(body=body).filled_body

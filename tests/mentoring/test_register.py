"""The register of mentors and peer reviewers: joining it from the form or the emailed link,
staff approving and hiding, filters, "Ask for this mentor", and every way a listing leaves it."""

import datetime
import importlib
import io
import re

import pytest
import time_machine
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Listing, Skill, SupportRequest, Volunteer, listing_token
from networks.content.initial_content import PAGE_SECTIONS
from networks.models import PageSection
from tests.helpers.admin import admin_url
from tests.helpers.hostile import HOSTILE
from tests.helpers.html import assert_valid_html, java_or_skip, text
from tests.helpers.search import search, titles
from tests.mentoring.factories import (
    ListingFactory,
    MatchFactory,
    SupportRequestFactory,
    VolunteerFactory,
)
from tests.networks.factories import SubRegionFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("mentoring:register")


def register_text(client, **params):
    """The register's words from the count to the end of the results (not the filters)."""
    response = client.get(REGISTER, params)
    assert response.status_code == 200
    words = text(response)
    return words[words.index("Apply filters") :]


def listing_url(volunteer):
    return reverse("mentoring:listing", args=[listing_token(volunteer)])


@pytest.fixture
def governance():
    return Skill.objects.get(slug="governance")


@pytest.fixture
def submitted(client, volunteer_data, mailoutbox, django_capture_on_commit_callbacks, governance):
    """A volunteer who asked on the form to be listed, under a name they chose."""
    data = volunteer_data | {
        "listed": "on",
        "listed_name": "Ada the registrar",
        "listed_skills": [str(governance.pk)],
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("mentoring:volunteer"), data).status_code == 302
    return Volunteer.objects.get()


# Joining from the form


def test_asking_on_the_form_lists_nobody_until_staff_approve(client, submitted, mdo_client):
    listing = submitted.listing
    assert listing.status == Listing.Status.WAITING
    assert [s.slug for s in listing.skills.all()] == ["governance"]
    assert set(listing.sub_regions.all()) == set(submitted.sub_regions.all())
    assert listing.get_roles_shown_display() == ["Museum Mentor", "Speaker at a skills session"]
    assert "Ada the registrar" not in register_text(client)

    submitted.change_status(Volunteer.Status.ACTIVE)
    response = mdo_client.post(
        admin_url(Listing, "changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [listing.pk]},
        follow=True,
    )
    assert "Approved 1 listing." in response.content.decode()
    page = register_text(client)
    assert "1 person listed" in page
    assert "Ada the registrar" in page and "Governance" in page
    assert "West London" in page and "Museum Mentor" in page
    assert "Can take someone on now Yes" in page


def test_staff_are_told_an_approved_listing_of_a_new_volunteer_is_not_shown_yet(
    client, submitted, mdo_client
):
    response = mdo_client.post(
        admin_url(Listing, "changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [submitted.listing.pk]},
        follow=True,
    )
    assert "register shows only active volunteers" in response.content.decode()
    assert "Ada the registrar" not in register_text(client)


def test_consent_to_be_contacted_is_not_consent_to_be_listed(client, volunteer_data):
    assert client.post(reverse("mentoring:volunteer"), volunteer_data).status_code == 302
    assert not Listing.objects.exists()


def test_the_form_says_exactly_what_the_register_shows(client):
    page = text(client.get(reverse("mentoring:volunteer")))
    assert "List me in the public register of mentors and peer reviewers" in page
    assert "your first name and the first letter of your last name" in page
    assert "never shows your email address, phone number, organisation" in page
    assert "Accreditation returns" in page  # The staff's list of skills.


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ada@example.org", "without an email address, web address or phone number"),
        ("Ada 020 7946 0000", "without an email address, web address or phone number"),
        ("www.ada.example", "without an email address, web address or phone number"),
        ("x" * 61, "Name to show in the register must be 60 characters or fewer"),
    ],
)
def test_a_name_to_show_that_is_not_just_a_name_is_refused(client, volunteer_data, name, message):
    data = volunteer_data | {"listed": "on", "listed_name": name}
    response = client.post(reverse("mentoring:volunteer"), data)
    assert response.status_code == 200
    assert text(response).startswith("Error: ")
    assert message in text(response)
    assert not Volunteer.objects.exists()


def test_a_name_or_skills_for_the_register_without_asking_to_be_listed_is_queried(
    client, volunteer_data, governance
):
    data = volunteer_data | {"listed_name": "Ada", "listed_skills": [governance.pk]}
    response = client.post(reverse("mentoring:volunteer"), data)
    assert "Select \u201cList me in the public register\u201d to be listed" in text(response)
    assert not Volunteer.objects.exists()


def test_the_default_name_is_first_name_and_last_initial():
    listing = ListingFactory(volunteer__name="Ada  Mary o'Brien")
    assert listing.display_name == "Ada O."
    assert ListingFactory(volunteer__name="Cher").display_name == "Cher"


# The signed link


def emailed_listing_link(mailoutbox):
    [ack] = [m for m in mailoutbox if m.to == ["ada@example.org"]]
    site = re.escape(settings.SITE_URL)
    return re.search(rf"{site}(/mentoring/register/listing/\S+/)", ack.body)[1], ack.body


def test_the_acknowledgement_email_links_to_the_listing(submitted, mailoutbox):
    url, body = emailed_listing_link(mailoutbox)
    assert "We will check your listing before it appears" in body
    assert url == listing_url(submitted)


def test_the_link_shows_the_listing_as_it_will_look_and_changes_nothing(client, submitted):
    response = client.get(listing_url(submitted))
    page = text(response)
    assert response.status_code == 200
    assert "We will check your listing before it appears in the register" in page
    assert "Ada the registrar" in page and "Governance" in page
    assert submitted.email not in page and submitted.organisation not in page
    assert Listing.objects.get().status == Listing.Status.WAITING


def test_without_a_listing_the_link_offers_to_join(
    client, volunteer_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mentoring:volunteer"), volunteer_data)
    volunteer = Volunteer.objects.get()
    url, body = emailed_listing_link(mailoutbox)
    assert "To see exactly what it would show and join it" in body
    page = text(client.get(url))
    assert "You are not listed" in page and "\u201cAda C.\u201d" in page
    region = volunteer.sub_regions.first()
    response = client.post(
        url, {"chosen_name": "", "roles": ["mentor"], "sub_regions": [region.pk]}
    )
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert listing.status == Listing.Status.WAITING
    assert listing.display_name == "Ada C." and listing.roles_shown == ["mentor"]


def test_a_change_of_skills_or_places_shows_at_once(client, governance):
    listing = ListingFactory(skills=[governance])
    learning = Skill.objects.get(slug="learning")
    region = listing.volunteer.sub_regions.first()
    data = {
        "chosen_name": "",
        "roles": ["mentor"],
        "skills": [learning.pk],
        "sub_regions": [region.pk],
    }
    assert client.post(listing_url(listing.volunteer), data).status_code == 302
    page = register_text(client)
    assert "Learning" in page and "Governance" not in page
    assert Listing.objects.get().status == Listing.Status.APPROVED


def test_a_new_name_to_show_waits_for_staff_again(client):
    listing = ListingFactory()
    shown = listing.display_name
    region = listing.volunteer.sub_regions.first()
    data = {"chosen_name": "Captain Nemo", "roles": ["mentor"], "sub_regions": [region.pk]}
    client.post(listing_url(listing.volunteer), data)
    assert Listing.objects.get().status == Listing.Status.WAITING
    page = register_text(client)
    assert "Captain Nemo" not in page and shown not in page
    assert "We will check your listing" in text(client.get(listing_url(listing.volunteer)))


def test_a_listing_shows_only_roles_and_places_the_volunteer_offers(client):
    listing = ListingFactory()
    other = SubRegionFactory(name="Far Away")
    data = {"roles": ["peer_reviewer"], "sub_regions": [other.pk]}
    response = client.post(listing_url(listing.volunteer), data)
    assert response.status_code == 200
    assert "Select only the options shown" in text(response)
    assert Listing.objects.get().roles_shown == ["mentor"]


def test_removing_the_listing_takes_it_off_the_register_at_once(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    listing = ListingFactory()
    name = listing.display_name
    assert name in register_text(client)
    assert client.get(REGISTER)["X-Page-Cache"] == "hit"
    assert client.post(listing_url(listing.volunteer), {"remove": "yes"}).status_code == 302
    assert not Listing.objects.exists()
    assert name not in register_text(client)
    assert "You are not listed" in text(client.get(listing_url(listing.volunteer)))


def test_staff_hiding_a_listing_shows_at_once(client, mdo_client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    listing = ListingFactory()
    assert listing.display_name in register_text(client)
    mdo_client.post(
        admin_url(Listing, "changelist"), {"action": "hide", ACTION_CHECKBOX_NAME: [listing.pk]}
    )
    assert listing.display_name not in register_text(client)
    assert "We have hidden your listing" in text(client.get(listing_url(listing.volunteer)))
    # The volunteer cannot show it again by saving it.
    region = listing.volunteer.sub_regions.first()
    client.post(listing_url(listing.volunteer), {"roles": ["mentor"], "sub_regions": [region.pk]})
    assert Listing.objects.get().status == Listing.Status.HIDDEN


@pytest.mark.parametrize(("change", "status"), [("tampered", 400), ("expired", 410)])
def test_a_bad_link_changes_nothing(client, change, status):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=400)):
        listing = ListingFactory()
        url = listing_url(listing.volunteer)
    if change == "tampered":
        url = url.replace("/listing/", "/listing/x")
    response = client.post(url, {"remove": "yes"})
    assert response.status_code == status
    assert "Nothing has been changed" in text(response)
    assert Listing.objects.exists()


def test_a_link_for_a_deleted_volunteer_does_not_work(client):
    volunteer = VolunteerFactory()
    url = listing_url(volunteer)
    volunteer.delete()
    assert client.get(url).status_code == 400


def test_a_closed_offer_cannot_be_listed_again(client):
    volunteer = VolunteerFactory(status=Volunteer.Status.WITHDRAWN)
    region = volunteer.sub_regions.first()
    url = listing_url(volunteer)
    assert "is closed, so you are not listed" in text(client.get(url))
    client.post(url, {"roles": ["mentor"], "sub_regions": [region.pk]})
    assert not Listing.objects.exists()


# Leaving the register


def test_withdrawing_the_offer_removes_the_listing(client):
    listing = ListingFactory()
    client.post(reverse("mentoring:withdraw", args=[listing.volunteer.withdraw_token()]))
    assert not Listing.objects.exists()
    assert listing.display_name not in register_text(client)


def test_staff_declining_or_pausing_takes_the_volunteer_off_the_register(client, admin_user):
    declined, paused = ListingFactory(), ListingFactory()
    declined.volunteer.change_status(Volunteer.Status.DECLINED, by=admin_user)
    paused.volunteer.change_status(Volunteer.Status.PAUSED, by=admin_user)
    page = register_text(client)
    assert declined.display_name not in page and paused.display_name not in page
    # A paused volunteer's listing comes back when they are active again.
    assert list(Listing.objects.all()) == [paused]
    paused.volunteer.change_status(Volunteer.Status.ACTIVE, by=admin_user)
    assert paused.display_name in register_text(client)


def test_retention_and_anonymising_remove_the_listing(client):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=800)):
        old = ListingFactory()
        old.volunteer.status = Volunteer.Status.WITHDRAWN
        old.volunteer.save()  # Withdrawn without the log, as before the register existed.
    current = ListingFactory()
    call_command("apply_retention", stdout=io.StringIO())
    assert list(Listing.objects.all()) == [current]
    current.volunteer.anonymise()
    assert not Listing.objects.exists()
    assert "0 people listed" in register_text(client)


# The register page


@pytest.fixture
def listings(governance):
    west = SubRegionFactory(name="Westside", slug="west")
    central = SubRegionFactory(name="Centreville", slug="central")
    learning = Skill.objects.get(slug="learning")
    mentor = ListingFactory(
        volunteer__name="Mina Mentor", volunteer__sub_regions=[west], skills=[governance]
    )
    reviewer = ListingFactory(
        volunteer__name="Rita Reviewer",
        volunteer__offers_mentoring=False,
        volunteer__offers_peer_review=True,
        volunteer__sub_regions=[central],
        volunteer__capacity=1,
        skills=[learning],
    )
    MatchFactory(volunteer=reviewer.volunteer, role="peer_reviewer")
    return {"mentor": mentor, "reviewer": reviewer, "west": west}


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({}, ["Mina M.", "Rita R."]),
        ({"role": "mentor"}, ["Mina M."]),
        ({"role": "peer_reviewer"}, ["Rita R."]),
        ({"skill": "learning"}, ["Rita R."]),
        ({"region": "west"}, ["Mina M."]),
        ({"now": "yes"}, ["Mina M."]),
        ({"role": "speaker"}, []),
    ],
)
def test_filters(client, listings, params, shown):
    response = client.get(REGISTER, params)
    names = re.findall(r'<h3 id="listing-\d+">(.*?)</h3>', response.content.decode())
    assert names == shown
    assert f"{len(shown)} {'person' if len(shown) == 1 else 'people'} listed" in text(response)


def test_can_take_someone_on_now_follows_matches_never_a_typed_answer(client, listings):
    page = register_text(client)
    assert "Rita R. Offers Survive and Thrive peer reviewer" in page
    assert re.search(r"Rita R\..*Can take someone on now No, not at the moment", page)
    listings["reviewer"].volunteer.matches.update(ended_on=timezone.localdate())
    assert re.search(r"Rita R\..*Can take someone on now Yes", register_text(client))


def test_unknown_filters_are_ignored_with_a_note(client, listings):
    page = register_text(client, role="wizard", skill="x" * 300, region="\x00", page="9999")
    assert "We did not recognise the role \u201cwizard\u201d" in page
    assert "2 people listed" in page


@pytest.mark.parametrize("rows", [3, 30])
def test_register_queries_stay_the_same_as_listings_grow(
    client, django_assert_num_queries, rows, governance
):
    for _ in range(rows):
        ListingFactory(skills=[governance])
    # Skills, sub-regions (the filters), the count, the page, its skills and sub-regions,
    # and the page text.
    with django_assert_num_queries(7):
        response = client.get(REGISTER, {"skill": "governance", "now": "yes"})
    assert f"{rows} people listed" in text(response)
    assert len(re.findall(r'<h3 id="listing-', response.content.decode())) == min(rows, 20)


# Ask for this mentor


def test_ask_for_this_mentor_names_them_on_the_request_and_to_staff(
    client, request_data, mailoutbox, django_capture_on_commit_callbacks, admin_client
):
    listing = ListingFactory()
    html = client.get(REGISTER).content.decode()
    ask = re.search(r'href="(/mentoring/request/\?mentor=\d+)">Ask for this mentor', html)[1]
    form_page = client.get(ask)
    assert f"You are asking for {listing.display_name}" in text(form_page)
    hidden = re.search(r'name="mentor" value="(\d+)"', form_page.content.decode())[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentoring:request"), request_data | {"mentor": hidden})
    assert response.status_code == 302
    request = SupportRequest.objects.get()
    assert request.requested_mentor == listing.volunteer
    assert not request.matches.exists()  # Staff still make the match.
    [staff] = [m for m in mailoutbox if "New support request" in m.subject]
    assert f"Asked for, from the register: {listing.volunteer.name}" in staff.body
    admin_page = text(admin_client.get(admin_url(SupportRequest, "change", request.pk)))
    assert f"{listing.volunteer} (from the register; you still make the match)" in admin_page


@pytest.mark.parametrize("mentor", ["hidden", "999999", "x", "1" * 40, "-1"])
def test_asking_for_someone_not_listed_names_nobody(client, request_data, mentor):
    hidden = ListingFactory(status=Listing.Status.HIDDEN)
    key = str(hidden.pk) if mentor == "hidden" else mentor
    page = client.get(reverse("mentoring:request"), {"mentor": key})
    assert page.status_code == 200
    assert hidden.display_name not in text(page) and "You are asking for" not in text(page)
    response = client.post(reverse("mentoring:request"), request_data | {"mentor": key})
    assert response.status_code == 200
    assert "no longer in the register" in text(response)
    assert not SupportRequest.objects.exists()
    # Sent again as it now stands, it goes through without a mentor.
    again = re.search(r'name="mentor" value="([^"]*)"', response.content.decode())
    assert again is None or again[1] == ""
    retry = client.post(reverse("mentoring:request"), request_data | {"mentor": ""})
    assert retry.status_code == 302
    assert SupportRequest.objects.get().requested_mentor is None


def test_a_mentor_hidden_after_the_form_was_opened_is_not_recorded(client, request_data):
    listing = ListingFactory()
    client.get(reverse("mentoring:request"), {"mentor": listing.pk})
    listing.status = Listing.Status.HIDDEN
    listing.save()
    response = client.post(reverse("mentoring:request"), request_data | {"mentor": listing.pk})
    assert "no longer in the register" in text(response)


def test_support_request_admin_without_a_named_mentor(admin_client):
    request = SupportRequestFactory()
    page = text(admin_client.get(admin_url(SupportRequest, "change", request.pk)))
    assert "they did not name anyone from the register" in page


# Staff's list of skills, search, sitemap, privacy notice


def test_the_initial_skills_are_there_and_mdo_staff_keep_them(mdo_client):
    names = set(Skill.objects.values_list("name", flat=True))
    assert {"Collections care", "Governance", "Learning", "Accreditation returns"} <= names
    assert mdo_client.get(admin_url(Skill, "add")).status_code == 200
    assert mdo_client.get(admin_url(Listing, "changelist")).status_code == 200
    assert mdo_client.get(admin_url(Listing, "add")).status_code == 403


def test_the_register_is_in_site_search_and_its_people_are_not(client):
    ListingFactory(volunteer__name="Zebedee Quartermaine", volunteer__organisation="Zorbatron")
    html = search(client, "register mentors peer reviewers")
    assert "Register of mentors and peer reviewers" in titles(html, "pages")
    for word in ("Zebedee", "Quartermaine", "Zorbatron"):
        # The page for them is the page for a word nobody wrote, but for the words asked.
        found = search(client, word).replace(word, "WORD")
        assert found == search(client, "Xqzvjk").replace("Xqzvjk", "WORD")


def test_the_register_is_in_the_sitemap(client):
    ListingFactory()
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert re.search(r"<loc>[^<]*/mentoring/register/</loc>\s*<lastmod>", sitemap)


def test_the_privacy_notice_describes_the_register(client):
    call_command("load_initial_content", stdout=io.StringIO())
    notice = " ".join(text(client.get(reverse("privacy"))).split())
    assert "register of mentors and peer reviewers" in notice
    assert "never shows your email address, phone number, organisation" in notice
    assert notice.count("If you also choose to be listed") == 1


def test_a_stored_privacy_notice_gets_the_register_paragraph_once():
    migration = importlib.import_module("mentoring.migrations.0005_register_skills_grants_privacy")
    notice = PageSection.objects.get_or_create(key="privacy", defaults={"heading": "Privacy"})[0]
    notice.body = "Staff wrote this notice themselves."
    notice.save()
    migration.add_paragraph(django_apps, None)
    migration.add_paragraph(django_apps, None)
    notice.refresh_from_db()
    assert notice.body.startswith("Staff wrote this notice themselves.")
    assert notice.body.count(migration.REGISTER_PRIVACY_PARAGRAPH) == 1
    # The same words as the initial content's.
    assert (
        migration.REGISTER_PRIVACY_PARAGRAPH
        in {key: body for key, _, body in PAGE_SECTIONS}["privacy"]
    )


def test_every_register_page_and_state_is_valid_html(client, tmp_path, request_data, governance):
    java_or_skip()
    listing = ListingFactory(skills=[governance])
    MatchFactory(volunteer=listing.volunteer)
    closed = VolunteerFactory(status=Volunteer.Status.WITHDRAWN)
    unlisted = VolunteerFactory()
    pages = {}

    def keep(name, response):
        assert response.status_code in (200, 400, 410), name
        pages[name] = response.content.decode()

    keep("register", client.get(REGISTER))
    keep("register, filtered", client.get(REGISTER, {"role": "mentor", "skill": "governance"}))
    keep("register, none match", client.get(REGISTER, {"role": "speaker", "region": "nowhere"}))
    ask = reverse("mentoring:request") + f"?mentor={listing.pk}"
    keep("request naming a mentor", client.get(ask))
    gone = request_data | {"mentor": "999"}
    keep("request naming someone gone", client.post(reverse("mentoring:request"), gone))
    keep("listing", client.get(listing_url(listing.volunteer)))
    keep("listing, errors", client.post(listing_url(listing.volunteer), {"chosen_name": "@"}))
    keep("not listed", client.get(listing_url(unlisted)))
    keep("closed", client.get(listing_url(closed)))
    keep("bad link", client.get(listing_url(closed).replace("/listing/", "/listing/x")))
    Listing.objects.all().delete()
    keep("register, empty", client.get(REGISTER))
    keep(
        "volunteer form, name error",
        client.post(reverse("mentoring:volunteer"), {"listed_name": "a@b"}),
    )
    assert_valid_html(pages, tmp_path)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_input_never_breaks_the_register_or_the_listing_page(client, value):
    listing = ListingFactory()
    for name in ("role", "skill", "region", "now", "page"):
        response = client.get(REGISTER, {name: value})
        assert response.status_code == 200
        assert 'xss-mentoring")</script>' not in response.content.decode()
    data = {"chosen_name": value, "roles": [value], "skills": [value], "sub_regions": [value]}
    response = client.post(listing_url(listing.volunteer), data)
    assert response.status_code in (200, 302)
    assert "<script>alert" not in response.content.decode()
    listing.refresh_from_db()
    assert listing.status == Listing.Status.APPROVED and listing.chosen_name == ""
    assert client.get(reverse("mentoring:request"), {"mentor": value}).status_code == 200


def test_staff_see_on_the_volunteer_whether_they_are_listed(admin_client):
    listing, unlisted = ListingFactory(), VolunteerFactory()
    page = text(admin_client.get(admin_url(Volunteer, "change", listing.volunteer.pk)))
    assert "In the public register: Approved: shown in the register" in page
    page = text(admin_client.get(admin_url(Volunteer, "change", unlisted.pk)))
    assert "Not listed: they have not chosen to be." in page


def test_a_paused_volunteer_is_told_their_listing_returns_when_active(client, admin_user):
    listing = ListingFactory()
    listing.volunteer.change_status(Volunteer.Status.PAUSED, by=admin_user)
    page = text(client.get(listing_url(listing.volunteer)))
    assert "shows in the register again once your offer is active" in page

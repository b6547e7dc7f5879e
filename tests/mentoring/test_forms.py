"""The two public forms: GOV.UK error handling, Post/Redirect/Get, double submit, spam."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from mentoring.models import SupportRequest, Volunteer
from tests.mentoring.factories import SkillFactory
from tests.networks.factories import SubRegionFactory, TopicFactory

pytestmark = pytest.mark.django_db

# Years for the deadline's messages, from today (the suite may run with its clock moved on).
NEXT_YEAR = str(datetime.date.today().year + 1)
SIX_YEARS_ON = str(datetime.date.today().year + 6)


def test_index_explains_roles_and_leads_to_both_forms(client):
    html = client.get(reverse("mentoring:index")).content.decode()
    assert "Museum Mentors" in html
    assert "Survive and Thrive peer reviewers" in html
    assert f'href="{reverse("mentoring:volunteer")}"' in html
    assert f'href="{reverse("mentoring:request")}"' in html


def test_home_page_and_header_lead_to_mentoring(client):
    html = client.get(reverse("networks:home")).content.decode()
    assert html.count(f'href="{reverse("mentoring:index")}"') >= 2


def test_every_field_has_a_label_or_legend(client, form):
    url, _, _ = form
    html = client.get(url).content.decode()
    ids = set(
        re.findall(r'<input[^>]+type="(?:text|email|tel|checkbox|radio)"[^>]*id="([^"]+)"', html)
    )
    ids |= set(re.findall(r'<textarea[^>]*id="([^"]+)"', html))
    labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', html))
    assert ids and ids <= labelled
    assert "<legend" in html
    assert "Error:" not in html


def test_valid_submission_redirects_to_a_confirmation_with_the_reference(client, form):
    url, model, data = form
    response = client.post(url, data)
    assert response.status_code == 302
    record = model.objects.get()
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert record.reference in confirmation.content.decode()
    assert "What happens next" in confirmation.content.decode()


def test_volunteer_is_stored_as_entered_with_consent_recorded(client, volunteer_data, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-11b"
    client.post(reverse("mentoring:volunteer"), volunteer_data)
    volunteer = Volunteer.objects.get()
    assert volunteer.name == "Ada O'Brien & Co"
    assert volunteer.roles_offered == ["mentor", "speaker"]
    assert volunteer.status == Volunteer.Status.NEW
    assert volunteer.capacity == 2
    assert [r.slug for r in volunteer.sub_regions.all()] == ["central-london", "west-london"]
    assert volunteer.privacy_notice_version == "2026-11b"
    assert volunteer.privacy_consent_at is not None
    assert volunteer.opportunities_consent is True
    assert re.fullmatch(r"MV-[A-Z2-9]{6}", volunteer.reference)


def test_request_is_stored_with_its_deadline(client, request_data, deadline):
    client.post(reverse("mentoring:request"), request_data)
    support_request = SupportRequest.objects.get()
    assert str(support_request.deadline) == deadline.isoformat()
    assert support_request.has_paid_staff is False
    assert re.fullmatch(r"MR-[A-Z2-9]{6}", support_request.reference)


def test_empty_form_shows_summary_inline_errors_and_error_title(client, form):
    url, model, _ = form
    response = client.post(url, {})
    html = response.content.decode()
    assert response.status_code == 200
    assert model.objects.count() == 0
    assert re.search(r"<title>Error: ", html)
    assert "There is a problem" in html
    summary = re.search(r'class="error-summary".*?</ul>', html, re.S).group(0)
    assert "autofocus" in summary
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert len(links) >= 5
    for anchor, message in links:
        # Each link goes to a field on the page, and the same words stand beside the field.
        assert f'id="{anchor}"' in html
        assert f'<span class="visually-hidden">Error:</span> {message}' in html
    # In the order of the page.
    positions = [html.index(f'id="{anchor}"') for anchor, _ in links]
    assert positions == sorted(positions)


def test_errors_keep_what_was_typed(client, volunteer_data):
    volunteer_data["email"] = "not-an-email"
    html = client.post(reverse("mentoring:volunteer"), volunteer_data).content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert 'value="Ada O&#x27;Brien &amp; Co"' in html
    assert 'value="not-an-email"' in html
    assert re.search(r'<input[^>]*value="speaker"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="mentor"[^>]*checked', html)
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"roles": []}, "Select at least one way you could help"),
        ({"capacity": "0"}, "Enter a number of museums from 1 to 10"),
        ({"capacity": "eleven"}, "Enter the number of museums as a number, like 2"),
        ({"sub_regions": ["999999"]}, "Select only the options shown"),
        ({"sub_regions": ["99999999999999999999999"]}, "Select only the options shown"),
        ({"expertise": ["1", "-99999999999999999999999"]}, "Select only the options shown"),
        ({"phone": "call me"}, "Enter a phone number, like 020 7946 0000"),
        ({"privacy_consent": ""}, "Agree to the privacy notice so that we can use your details"),
    ],
)
def test_volunteer_form_messages(client, volunteer_data, changes, message):
    volunteer_data.update(changes)
    response = client.post(reverse("mentoring:volunteer"), volunteer_data)
    assert message in response.content.decode()
    assert Volunteer.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", NEXT_YEAR, "The deadline must be a real date"),
        ("", "3", NEXT_YEAR, "The deadline must include a day"),
        ("1", "", "", "The deadline must include a month and a year"),
        ("1", "3", "27", "Year must include 4 numbers"),
        ("1", "3", "2020", "The deadline must be today or in the future"),
        ("1", "3", SIX_YEARS_ON, "The deadline must be within the next 5 years"),
        # Arabic-Indic digits, which Python's int() would accept.
        ("\u0661", "\u0663", "\u0662\u0660\u0662\u0667", "The deadline must be a real date"),
    ],
)
def test_deadline_messages(client, request_data, day, month, year, message):
    request_data.update(deadline_day=day, deadline_month=month, deadline_year=year)
    html = client.post(reverse("mentoring:request"), request_data).content.decode()
    assert message in html
    assert 'href="#id_deadline_day"' in html
    assert SupportRequest.objects.count() == 0


@pytest.mark.parametrize("value", ["99999999999999999999999", "x", "\x00", "1.5"])
def test_an_impossible_sub_region_is_an_error_not_a_crash(client, request_data, value):
    request_data["sub_region"] = value
    response = client.post(reverse("mentoring:request"), request_data)
    assert response.status_code == 200
    assert "Select one of the options shown" in response.content.decode()
    assert SupportRequest.objects.count() == 0


def test_deadline_is_optional(client, request_data):
    request_data.update(deadline_day="", deadline_month="", deadline_year="")
    assert client.post(reverse("mentoring:request"), request_data).status_code == 302
    assert SupportRequest.objects.get().deadline is None


def test_privacy_notice_says_what_is_kept_and_for_how_long(client, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 24
    html = client.get(reverse("privacy")).content.decode()
    assert "24 months" in html
    assert settings.PRIVACY_NOTICE_VERSION in html
    assert "Only Museum Development staff see these details" in html


def test_areas_of_expertise_are_left_out_until_staff_add_topics(client, regions):
    html = client.get(reverse("mentoring:volunteer")).content.decode()
    assert "Areas of expertise" not in html
    TopicFactory(name="Digital")
    html = client.get(reverse("mentoring:volunteer")).content.decode()
    assert "Areas of expertise (optional)" in html
    assert re.search(r'<input type="checkbox" name="expertise" value="\d+"', html)


@pytest.mark.parametrize("rows", [5, 50])
def test_form_pages_cost_the_same_queries_however_many_choices(
    client, django_assert_num_queries, rows
):
    SubRegionFactory.create_batch(rows)
    TopicFactory.create_batch(rows)
    SkillFactory.create_batch(rows)
    with django_assert_num_queries(3):  # Topics, sub-regions and the register's skills.
        assert client.get(reverse("mentoring:volunteer")).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("mentoring:request")).status_code == 200


def test_the_reference_cookie_lasts_the_day_the_privacy_notice_says(client, form):
    url, _, data = form
    response = client.post(url, data)
    [cookie] = [c for name, c in response.cookies.items() if "submitted-" in name]
    assert cookie["max-age"] == 24 * 60 * 60
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    call_command("load_initial_content", stdout=io.StringIO())
    notice = client.get(reverse("privacy")).content.decode()
    assert "your reference number, which your browser forgets after a day" in " ".join(
        notice.split()
    )


def test_a_privacy_notice_loaded_before_the_reference_cookie_is_brought_up_to_date():
    """The notice is staff-edited text that load_initial_content never overwrites: a data
    migration corrects its paragraph on cookies where it is still the one first loaded, and
    leaves a notice that staff rewrote alone."""
    from importlib import import_module

    from django.apps import apps

    from networks.models import PageSection

    migration = import_module("networks.migrations.0011_privacy_notice_reference_cookie")
    call_command("load_initial_content", stdout=io.StringIO())
    notice = PageSection.objects.get(key="privacy")
    first_loaded = notice.body.replace(migration.NEW, migration.OLD)
    assert first_loaded != notice.body
    PageSection.objects.filter(pk=notice.pk).update(body=first_loaded)
    migration.update_cookie_paragraph(apps, None)
    notice.refresh_from_db()
    assert migration.NEW in notice.body and migration.OLD not in notice.body
    rewritten = first_loaded.replace(migration.OLD, "We use no cookies but two.")
    PageSection.objects.filter(pk=notice.pk).update(body=rewritten)
    migration.update_cookie_paragraph(apps, None)
    notice.refresh_from_db()
    assert notice.body == rewritten

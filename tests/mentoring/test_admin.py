"""MDO staff in the admin: every page loads, status changes are dated and logged, the capacity
rule speaks up, the register exports as CSV, and no list's query count grows with its rows."""

import csv
import datetime
import io

import pytest
from django.contrib import admin
from django.utils import timezone

from core.models import Notification, StatusChange
from mentoring.models import Match, SupportRequest, Volunteer
from tests.core.factories import NotificationFactory
from tests.helpers.admin import admin_url
from tests.mentoring.factories import (
    ListingFactory,
    MatchFactory,
    SupportRequestFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db

# Mentoring's models, and the outbox of emails about them (core's Notification).
MODELS = [model for model in admin.site._registry if model._meta.app_label in ("mentoring", "core")]


@pytest.fixture
def register():
    match = MatchFactory(volunteer__name="Ada Lovelace", support_request__museum_name="Tram Museum")
    NotificationFactory(about=match.volunteer)
    ListingFactory(volunteer=match.volunteer)
    return match


def test_every_mentoring_model_is_registered():
    assert {m._meta.model_name for m in MODELS} == {
        "volunteer",
        "supportrequest",
        "match",
        "notification",
        "skill",
        "listing",
    }


SEARCHES = {
    "volunteer": "lovelace",
    "supportrequest": "tram",
    "match": "Ada",
    "notification": "mdo-",
    "skill": "governance",
    "listing": "lovelace",
}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_search_and_change_pages_load(admin_client, register, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    response = admin_client.get(
        admin_url(model, "changelist"), {"q": SEARCHES[model._meta.model_name]}
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert (
        admin_client.get(admin_url(model, "changelist"), {"q": "nobody"}).context["cl"].result_count
        == 0
    )
    record = model.objects.first()
    assert admin_client.get(admin_url(model, "change", record.pk)).status_code == 200


@pytest.mark.parametrize("model", [Volunteer, SupportRequest, Match], ids=lambda m: m.__name__)
def test_add_pages_load(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


def test_emails_cannot_be_added_or_edited_by_hand(admin_client, register):
    notification = Notification.objects.get()
    assert admin_client.get(admin_url(Notification, "add")).status_code == 403
    html = admin_client.get(admin_url(Notification, "change", notification.pk)).content.decode()
    assert 'name="subject"' not in html  # Read-only.


def test_register_shows_each_volunteers_current_load(admin_client, register):
    VolunteerFactory(name="Idle", capacity=3)
    html = admin_client.get(admin_url(Volunteer, "changelist")).content.decode()
    assert "1 of 2" in html
    assert "0 of 3" in html


def test_room_filter_finds_active_volunteers_with_room(admin_client, register):
    VolunteerFactory(name="Idle", capacity=3)
    full = VolunteerFactory(name="Full", capacity=1)
    MatchFactory(volunteer=full)
    VolunteerFactory(name="Paused", status=Volunteer.Status.PAUSED)
    url = admin_url(Volunteer, "changelist")
    with_room = admin_client.get(url, {"room": "yes"}).context["cl"].result_list
    at_limit = admin_client.get(url, {"room": "no"}).context["cl"].result_list
    assert sorted(v.name for v in with_room) == ["Ada Lovelace", "Idle"]
    assert [v.name for v in at_limit] == ["Full"]


def test_role_filter(admin_client):
    VolunteerFactory(name="Speaker", offers_mentoring=False, offers_speaking=True)
    VolunteerFactory(name="Mentor")
    response = admin_client.get(admin_url(Volunteer, "changelist"), {"offers": "speaker"})
    assert [v.name for v in response.context["cl"].result_list] == ["Speaker"]


def volunteer_change_data(volunteer, **changes):
    data = {
        "status": volunteer.status,
        "staff_notes": volunteer.staff_notes,
        "name": volunteer.name,
        "email": volunteer.email,
        "phone": volunteer.phone,
        "job_title": volunteer.job_title,
        "organisation": volunteer.organisation,
        "offers_mentoring": "on",
        "capacity": volunteer.capacity,
        "accreditation_experience": volunteer.accreditation_experience,
        "sub_regions": [r.pk for r in volunteer.sub_regions.all()],
        "availability": volunteer.availability,
    }
    for prefix in (
        "mentoring-match-volunteer",
        "mentoring-statuschange-content_type-object_id",
        "mentoring-notification-content_type-object_id",
    ):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data | changes


def formset_prefixes(response):
    return [formset.formset.prefix for formset in response.context["inline_admin_formsets"]]


def test_a_status_change_in_the_admin_is_dated_and_logged(admin_client, admin_user):
    volunteer = VolunteerFactory(status=Volunteer.Status.NEW)
    url = admin_url(Volunteer, "change", volunteer.pk)
    prefixes = formset_prefixes(admin_client.get(url))
    data = volunteer_change_data(volunteer, status="reviewing", staff_notes="Called her.")
    data = {k: v for k, v in data.items() if not k.endswith("_FORMS")}
    for prefix in prefixes:
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    volunteer.refresh_from_db()
    assert volunteer.status == "reviewing"
    assert volunteer.staff_notes == "Called her."
    [change] = StatusChange.objects.all()
    assert (change.status, change.changed_by, change.changed_at) == (
        "reviewing",
        admin_user,
        volunteer.status_changed_at,
    )
    html = admin_client.get(url).content.decode()
    assert "Status history" in html or "status history" in html
    # Saving again without changing the status logs nothing new.
    data["staff_notes"] = "Called her twice."
    admin_client.post(url, data)
    assert StatusChange.objects.count() == 1


def test_the_capacity_rule_speaks_up_in_the_admin(admin_client):
    volunteer = VolunteerFactory(name="Ada", capacity=1)
    MatchFactory(volunteer=volunteer)
    support_request = SupportRequestFactory()
    response = admin_client.post(
        admin_url(Match, "add"),
        {
            "support_request": support_request.pk,
            "volunteer": volunteer.pk,
            "role": "mentor",
            "started_on": "2026-11-30",
        },
    )
    assert response.status_code == 200
    assert "Ada offered to support 1 museum at once and is already at that limit" in (
        response.content.decode()
    )
    assert Match.objects.count() == 1


def test_a_request_page_links_to_a_prefilled_match(admin_client):
    support_request = SupportRequestFactory()
    html = admin_client.get(admin_url(SupportRequest, "change", support_request.pk)).content
    link = f"/admin/mentoring/match/add/?support_request={support_request.pk}"
    assert link.encode() in html
    add_form = admin_client.get(link).context["adminform"].form
    assert str(add_form.initial["support_request"]) == str(support_request.pk)


def export(admin_client, volunteers):
    response = admin_client.post(
        admin_url(Volunteer, "changelist"),
        {"action": "export_csv", "_selected_action": [v.pk for v in volunteers]},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="volunteer-register-')
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_register_exports_as_csv(admin_client, register):
    volunteer = register.volunteer
    header, row = export(admin_client, [volunteer])
    record = dict(zip(header, row, strict=True))
    assert record["Reference"] == volunteer.reference
    assert record["Name"] == "Ada Lovelace"
    assert record["Offers"] == "Museum Mentor"
    assert record["Current load"] == "1"
    assert record["Museums at once"] == "2"
    assert record["Status"] == "Active"


def test_register_export_lists_the_museums_each_volunteer_is_matched_with(admin_client):
    busy = VolunteerFactory(name="Busy", capacity=3, offers_speaking=True)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    MatchFactory(volunteer=busy, support_request__museum_name="Tram Museum")
    bus = MatchFactory(volunteer=busy, support_request__museum_name="Bus Museum")
    # Two roles at one museum name it once; a match that has ended is not a current one.
    MatchFactory(volunteer=busy, support_request=bus.support_request, role="speaker")
    MatchFactory(
        volunteer=busy,
        support_request__museum_name="Old Museum",
        started_on=yesterday - datetime.timedelta(days=90),
        ended_on=yesterday,
    )
    idle = VolunteerFactory(name="Idle")
    header, *lines = export(admin_client, [busy, idle])
    records = {line[1]: dict(zip(header, line, strict=True)) for line in lines}
    assert records["Busy"]["Matched museums"] == "Bus Museum; Tram Museum"
    assert records["Busy"]["Current load"] == "2"
    assert records["Idle"]["Matched museums"] == ""
    assert records["Idle"]["Current load"] == "0"


def test_register_export_has_every_column_staff_need(admin_client):
    volunteer = VolunteerFactory(staff_notes="Met at the AGM.")
    header, row = export(admin_client, [volunteer])
    record = dict(zip(header, row, strict=True))
    assert record["Staff notes"] == "Met at the AGM."
    assert record["Privacy notice version"] == "2026-11"
    assert record["Agreed to the privacy notice"] == (
        f"{timezone.localtime(volunteer.privacy_consent_at):%Y-%m-%d %H:%M}"
    )
    assert record["Anonymised"] == ""


def offered_actions(client, model):
    response = client.get(admin_url(model, "changelist"))
    return [name for name, _ in response.context["action_form"].fields["action"].choices if name]


def test_the_volunteer_list_offers_one_csv_export(mdo_client, admin_client, register):
    assert offered_actions(mdo_client, Volunteer) == ["export_csv"]
    assert offered_actions(admin_client, Volunteer) == ["delete_selected", "export_csv"]
    # The other lists keep the generic export, their only one.
    assert offered_actions(mdo_client, SupportRequest) == ["export_as_csv"]
    assert offered_actions(mdo_client, Match) == ["export_as_csv"]
    # The generic export is not offered, though a script that posts to it by name still works.
    response = mdo_client.post(
        admin_url(Volunteer),
        {"action": "export_as_csv", "_selected_action": [register.volunteer.pk]},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_csv_export_neutralises_formulas(admin_client):
    volunteer = VolunteerFactory(name='=HYPERLINK("http://evil.example")', phone="+44 20 7946 0000")
    header, row = export(admin_client, [volunteer])
    record = dict(zip(header, row, strict=True))
    assert record["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert record["Phone"] == "'+44 20 7946 0000"


# Session, user, the second factor's device, count, total count, rows, one query per related
# filter's choices (sub-regions, topics), and two for a date hierarchy.
CHANGELIST_QUERIES = {Volunteer: 8, SupportRequest: 7, Match: 8, Notification: 8}


def make_rows(rows):
    for _ in range(rows):
        match = MatchFactory(volunteer__capacity=3)
        NotificationFactory(about=match.volunteer)
        NotificationFactory(about=match.support_request)


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize(
    ("model", "queries"), CHANGELIST_QUERIES.items(), ids=lambda v: getattr(v, "__name__", v)
)
def test_changelist_queries_do_not_grow(
    admin_client, django_assert_num_queries, rows, model, queries
):
    make_rows(rows)
    admin_client.get(admin_url(model, "changelist"))  # Warm the content-type cache.
    with django_assert_num_queries(queries):
        response = admin_client.get(admin_url(model, "changelist"))
    assert response.context["cl"].result_count == rows * (2 if model is Notification else 1)


@pytest.mark.parametrize("rows", [5, 50])
def test_csv_export_queries_do_not_grow(admin_client, django_assert_num_queries, rows):
    make_rows(rows)
    volunteers = list(Volunteer.objects.all())
    # Session, user and second factor; the changelist the action is posted from (its filters'
    # choices, read twice, and two counts); then the selected rows with their topics,
    # sub-regions and current matches with their requests.
    with django_assert_num_queries(13):
        header, *lines = export(admin_client, volunteers)
    assert len(lines) == rows
    museums = Match.objects.values_list("volunteer__reference", "support_request__museum_name")
    exported = {line[0]: line[header.index("Matched museums")] for line in lines}
    assert exported == dict(museums)


def test_email_list_links_each_email_to_its_record(admin_client, register):
    volunteer = register.volunteer
    unlinked = NotificationFactory(about=None, subject="Not about a record")
    html = admin_client.get(admin_url(Notification, "changelist")).content.decode()
    assert (
        f'<a href="{admin_url(Volunteer, "change", volunteer.pk)}">volunteer {volunteer.pk}</a>'
        in html
    )
    assert unlinked.subject in html

"""A support request follows its matches: staff matching it with a volunteer in the admin
moves it to Matched, logged, and off the dashboard's open requests; when its last match is
ended or deleted it goes back to the open status it had before."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Match, SupportRequest
from tests.helpers.admin import admin_url
from tests.mentoring.factories import MatchFactory, SupportRequestFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

Status = SupportRequest.Status


def open_requests_on_the_dashboard(client):
    dashboard = client.get(reverse("admin:index")).context["dashboard"]
    [card] = [card for card in dashboard if card["label"] == "open support requests"]
    return card["count"]


def match_data(match=None, **changes):
    """The Match admin form as staff fill it in: today's start, no end."""
    data = {
        "support_request": match.support_request_id if match else "",
        "volunteer": match.volunteer_id if match else "",
        "role": "mentor",
        "started_on": (match.started_on if match else timezone.localdate()).isoformat(),
        "agreement_signed_on": "",
        "next_review_on": "",
        "ended_on": "",
    }
    return data | changes


def add_match(client, support_request, volunteer):
    return client.post(
        admin_url(Match, "add"),
        match_data(support_request=support_request.pk, volunteer=volunteer.pk),
        follow=True,
    )


def end_match(client, match):
    today = timezone.localdate().isoformat()
    return client.post(
        admin_url(Match, "change", match.pk),
        match_data(match, started_on=today, ended_on=today),
        follow=True,
    )


def status_log(support_request):
    return [(c.status, c.changed_by.username) for c in support_request.status_changes.all()]


def test_matching_a_request_marks_it_matched_logs_it_and_it_is_no_longer_open(mdo_client):
    support_request = SupportRequestFactory(museum_name="Tram Museum")
    assert open_requests_on_the_dashboard(mdo_client) == 1

    response = add_match(mdo_client, support_request, VolunteerFactory())

    assert response.status_code == 200
    assert f"{support_request} is now Matched" in response.content.decode()
    support_request.refresh_from_db()
    assert support_request.status == Status.MATCHED
    assert status_log(support_request) == [("matched", "mdo")]
    assert support_request.status_changed_at == support_request.status_changes.get().changed_at
    assert open_requests_on_the_dashboard(mdo_client) == 0
    listed = mdo_client.get(admin_url(SupportRequest), {"open": "yes"}).context["cl"]
    assert list(listed.result_list) == []
    # The request's own page shows the new status in its history.
    html = mdo_client.get(admin_url(SupportRequest, "change", support_request.pk)).content
    assert b'<option value="matched" selected>' in html


def test_ending_the_last_match_puts_the_request_back_to_its_open_status(mdo_client, mdo):
    support_request = SupportRequestFactory(museum_name="Tram Museum")
    support_request.change_status(Status.IN_PROGRESS, by=mdo)
    add_match(mdo_client, support_request, VolunteerFactory())
    add_match(mdo_client, support_request, VolunteerFactory())
    first, second = Match.objects.order_by("pk")

    end_match(mdo_client, first)  # Another match is still current: still matched.
    support_request.refresh_from_db()
    assert support_request.status == Status.MATCHED
    assert open_requests_on_the_dashboard(mdo_client) == 0

    response = end_match(mdo_client, second)
    assert (
        f"{support_request} has no current match now, so it is back to In progress: match "
        "another volunteer, or close it if the support is complete."
    ) in response.content.decode()
    support_request.refresh_from_db()
    assert support_request.status == Status.IN_PROGRESS
    assert status_log(support_request) == [
        ("in_progress", "mdo"),
        ("matched", "mdo"),
        ("in_progress", "mdo"),
    ]
    assert open_requests_on_the_dashboard(mdo_client) == 1


def test_deleting_the_match_puts_a_new_request_back_to_new(admin_client):
    support_request = SupportRequestFactory()
    add_match(admin_client, support_request, VolunteerFactory())
    match = Match.objects.get()
    response = admin_client.post(admin_url(Match, "delete", match.pk), {"post": "yes"})
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == Status.NEW
    assert [c.status for c in support_request.status_changes.all()] == ["matched", "new"]


def test_deleting_matches_from_the_list_puts_each_request_back(admin_client):
    matches = [MatchFactory(), MatchFactory()]
    for match in matches:
        match.support_request.follow_matches()
    admin_client.post(
        admin_url(Match),
        {"action": "delete_selected", "_selected_action": [m.pk for m in matches], "post": "yes"},
    )
    assert Match.objects.count() == 0
    assert set(SupportRequest.objects.values_list("status", flat=True)) == {Status.NEW}


def test_moving_a_match_to_another_request_moves_the_status_too(mdo_client):
    first, other = SupportRequestFactory(), SupportRequestFactory()
    add_match(mdo_client, first, VolunteerFactory())
    match = Match.objects.get()
    response = mdo_client.post(
        admin_url(Match, "change", match.pk), match_data(match, support_request=other.pk)
    )
    assert response.status_code == 302
    first.refresh_from_db()
    other.refresh_from_db()
    assert (first.status, other.status) == (Status.NEW, Status.MATCHED)


@pytest.mark.parametrize("status", [Status.CLOSED, Status.DECLINED])
def test_a_request_staff_closed_keeps_its_status(mdo_client, mdo, status):
    support_request = SupportRequestFactory()
    support_request.change_status(status, by=mdo)
    add_match(mdo_client, support_request, VolunteerFactory())
    end_match(mdo_client, Match.objects.get())
    support_request.refresh_from_db()
    assert support_request.status == status
    assert status_log(support_request) == [(status, "mdo")]


def test_a_match_that_has_already_ended_does_not_mark_the_request_matched(mdo_client):
    support_request = SupportRequestFactory()
    today = timezone.localdate().isoformat()
    mdo_client.post(
        admin_url(Match, "add"),
        match_data(
            support_request=support_request.pk, volunteer=VolunteerFactory().pk, ended_on=today
        ),
    )
    assert Match.objects.count() == 1
    support_request.refresh_from_db()
    assert support_request.status == Status.NEW
    assert support_request.status_changes.count() == 0

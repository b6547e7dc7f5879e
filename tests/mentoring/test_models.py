import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mentoring.models import Match, Role, Volunteer
from tests.mentoring.factories import MatchFactory, SupportRequestFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)


def new_match(volunteer, **kwargs):
    kwargs.setdefault("support_request", SupportRequestFactory())
    kwargs.setdefault("role", Role.MENTOR)
    kwargs.setdefault("started_on", TODAY)
    return Match(volunteer=volunteer, **kwargs)


def test_volunteer_can_be_matched_up_to_their_capacity_and_no_further():
    volunteer = VolunteerFactory(capacity=2, name="Ada")
    MatchFactory(volunteer=volunteer)
    new_match(volunteer).full_clean()  # The second museum fits.
    MatchFactory(volunteer=volunteer)
    with pytest.raises(ValidationError) as error:
        new_match(volunteer).full_clean()
    assert error.value.message_dict["volunteer"] == [
        "Ada offered to support 2 museums at once and is already at that limit. "
        "End one of their matches first."
    ]


def test_ended_matches_free_capacity_but_matches_ending_later_do_not():
    volunteer = VolunteerFactory(capacity=1)
    with time_machine.travel(datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC)):
        ending_later = MatchFactory(volunteer=volunteer, ended_on=datetime.date(2026, 12, 31))
        with pytest.raises(ValidationError):
            new_match(volunteer).full_clean()
        ending_later.ended_on = TODAY
        ending_later.save()
        new_match(volunteer).full_clean()


def test_two_roles_at_one_museum_count_as_one_museum():
    volunteer = VolunteerFactory(capacity=1, offers_speaking=True)
    match = MatchFactory(volunteer=volunteer)
    new_match(volunteer, support_request=match.support_request, role=Role.SPEAKER).full_clean()


def test_editing_a_match_at_the_limit_is_allowed():
    volunteer = VolunteerFactory(capacity=1)
    match = MatchFactory(volunteer=volunteer)
    match.agreement_signed_on = TODAY
    match.full_clean()


def test_only_active_volunteers_take_new_matches():
    volunteer = VolunteerFactory(status=Volunteer.Status.PAUSED, name="Bea")
    with pytest.raises(ValidationError) as error:
        new_match(volunteer).full_clean()
    assert "Bea is not active" in error.value.message_dict["volunteer"][0]


def test_role_must_be_one_the_volunteer_offered():
    volunteer = VolunteerFactory(offers_mentoring=True, offers_peer_review=False, name="Cy")
    with pytest.raises(ValidationError) as error:
        new_match(volunteer, role=Role.PEER_REVIEWER).full_clean()
    assert error.value.message_dict["role"] == [
        "Cy has not offered to be a Survive and Thrive peer reviewer."
    ]


def test_end_before_start_is_refused_by_clean_and_by_the_database():
    volunteer = VolunteerFactory()
    match = new_match(volunteer, ended_on=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        match.full_clean()
    assert "on or after the start date" in error.value.message_dict["ended_on"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        match.save()


def test_one_open_match_per_request_volunteer_and_role():
    match = MatchFactory(volunteer=VolunteerFactory(capacity=3))
    duplicate = new_match(match.volunteer, support_request=match.support_request)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already matched to this request in this role" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.parametrize("capacity", [0, 11])
def test_capacity_range_in_clean_and_database(capacity):
    volunteer = VolunteerFactory.build(capacity=capacity)
    with pytest.raises(ValidationError) as error:
        volunteer.clean()
    assert error.value.message_dict["capacity"] == ["Enter a number of museums from 1 to 10."]
    with pytest.raises(IntegrityError), transaction.atomic():
        volunteer.save()


def test_a_volunteer_must_offer_a_role_in_clean_and_database():
    volunteer = VolunteerFactory.build(offers_mentoring=False)
    with pytest.raises(ValidationError, match="must offer at least one role"):
        volunteer.clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        volunteer.save()


def test_load_counts_distinct_current_museums():
    volunteer = VolunteerFactory(capacity=3, offers_speaking=True)
    first = MatchFactory(volunteer=volunteer)
    MatchFactory(volunteer=volunteer, support_request=first.support_request, role=Role.SPEAKER)
    MatchFactory(volunteer=volunteer, ended_on=datetime.date(2026, 10, 2))
    idle = VolunteerFactory()
    full = VolunteerFactory(capacity=1)
    MatchFactory(volunteer=full)
    loads = {v.pk: v.current_load for v in Volunteer.objects.with_load()}
    assert loads == {volunteer.pk: 1, idle.pk: 0, full.pk: 1}
    assert set(Volunteer.objects.with_room()) == {idle, volunteer}


def test_change_status_dates_and_logs_it():
    volunteer = VolunteerFactory(status=Volunteer.Status.NEW)
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False):
        volunteer.change_status(Volunteer.Status.REVIEWING)
    volunteer.refresh_from_db()
    assert volunteer.status == "reviewing"
    assert volunteer.status_changed_at == datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
    [change] = volunteer.status_changes.all()
    assert (change.status, change.changed_at) == ("reviewing", volunteer.status_changed_at)


def test_str_and_ordering():
    older = VolunteerFactory(name="Old")
    newer = VolunteerFactory(name="New")
    assert str(newer) == f"New ({newer.reference})"
    assert list(Volunteer.objects.all()) == [newer, older]
    match = MatchFactory(volunteer=newer)
    assert str(match) == f"New with {match.support_request.museum_name}"

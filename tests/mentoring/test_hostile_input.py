"""Property-based tests: both forms take random and hostile text without a 500. An invalid
submission stores nothing, a valid one stores exactly one record, exactly as typed, and no
script comes back unescaped on any page, the admin's included."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from mentoring.models import SupportRequest, Volunteer
from tests.helpers.hostile import (
    CONSENT,
    DATE_PARTS,
    EMAIL,
    SCRIPTS,
    SETTINGS,
    check_outcome,
    choice_values,
    hostile_text,
    spoil,
    submit,
    valid_text,
)

pytestmark = pytest.mark.django_db

VOLUNTEER_TEXT = ["name", "job_title", "organisation", "availability"]
REQUEST_TEXT = ["museum_name", "contact_name", "description"]


def test_volunteer_form_takes_hostile_input(client, admin_client, volunteer_data):
    strategies = dict.fromkeys([*VOLUNTEER_TEXT, "phone"], hostile_text) | {
        "email": EMAIL,
        "roles": st.lists(choice_values, max_size=4),
        "expertise": st.lists(choice_values, max_size=3),
        "sub_regions": st.lists(choice_values, max_size=3),
        "capacity": st.one_of(st.integers(-5, 20).map(str), choice_values),
        "accreditation_experience": choice_values,
        "privacy_consent": CONSENT,
        "opportunities_consent": CONSENT,
    }

    @SETTINGS
    @given(data=spoil(volunteer_data, strategies))
    @example(data=volunteer_data | {"name": SCRIPTS[0], "organisation": SCRIPTS[1]})
    def check(data):
        before = Volunteer.objects.count()
        response = submit(client, reverse("mentoring:volunteer"), data)
        record = check_outcome(client, admin_client, response, Volunteer, before)
        if record is not None:
            for name in [*VOLUNTEER_TEXT, "email", "phone"]:
                assert getattr(record, name) == data[name].strip()

    check()


def test_support_request_form_takes_hostile_input(client, admin_client, request_data):
    strategies = dict.fromkeys([*REQUEST_TEXT, "phone"], hostile_text) | {
        "email": EMAIL,
        "deadline_day": DATE_PARTS,
        "deadline_month": DATE_PARTS,
        "deadline_year": DATE_PARTS,
        "support_type": choice_values,
        "accreditation_status": choice_values,
        "has_paid_staff": choice_values,
        "sub_region": choice_values,
        "privacy_consent": CONSENT,
    }

    @SETTINGS
    @given(data=spoil(request_data, strategies))
    @example(data=request_data | {"museum_name": SCRIPTS[0], "description": SCRIPTS[1]})
    def check(data):
        before = SupportRequest.objects.count()
        response = submit(client, reverse("mentoring:request"), data)
        record = check_outcome(client, admin_client, response, SupportRequest, before)
        if record is not None:
            for name in [*REQUEST_TEXT, "email", "phone"]:
                assert getattr(record, name) == data[name].strip()

    check()


def test_any_valid_text_is_stored_exactly_once(client, volunteer_data, request_data):
    @SETTINGS
    @given(volunteer=st.tuples(*[valid_text] * 3), museum=st.tuples(*[valid_text] * 3))
    def check(volunteer, museum):
        sent = dict(zip(["name", "job_title", "organisation"], volunteer, strict=True))
        before = Volunteer.objects.count()
        response = submit(client, reverse("mentoring:volunteer"), volunteer_data | sent)
        assert response.status_code == 302
        assert Volunteer.objects.count() == before + 1
        record = Volunteer.objects.order_by("-pk").first()
        assert {name: getattr(record, name) for name in sent} == {
            name: value.strip() for name, value in sent.items()
        }

        sent = dict(zip(["museum_name", "contact_name", "description"], museum, strict=True))
        before = SupportRequest.objects.count()
        response = submit(client, reverse("mentoring:request"), request_data | sent)
        assert response.status_code == 302
        assert SupportRequest.objects.count() == before + 1

    check()

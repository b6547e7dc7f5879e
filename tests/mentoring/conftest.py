import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from mentoring.models import SupportRequest, Volunteer
from tests.helpers.public_forms import support_request_answers
from tests.networks.factories import SubRegionFactory, TopicFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limit counts in the cache; each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def regions(db):
    return [
        SubRegionFactory(name="West London", slug="west-london"),
        SubRegionFactory(name="Central London", slug="central-london"),
    ]


@pytest.fixture
def topics(db):
    return [
        TopicFactory(name="Collections care", slug="collections-care"),
        TopicFactory(name="Learning", slug="learning"),
    ]


@pytest.fixture
def volunteer_data(regions, topics):
    """A complete, valid volunteer form as a browser would send it."""
    return {
        "submission_token": "3f2b8c1e-0d7a-4c55-9e0f-6a1b2c3d4e5f",
        "website": "",
        "name": "Ada O'Brien & Co",
        "email": "ada@example.org",
        "phone": "020 7946 0000",
        "job_title": "Collections Manager",
        "organisation": "Example Museum",
        "roles": ["mentor", "speaker"],
        "expertise": [str(topics[0].pk)],
        "accreditation_experience": "mentor",
        "capacity": "2",
        "sub_regions": [str(regions[0].pk), str(regions[1].pk)],
        "availability": "Weekday afternoons",
        "privacy_consent": "on",
        "opportunities_consent": "on",
    }


@pytest.fixture
def deadline():
    """A deadline about four months after today, whatever today is (never a literal date that
    will one day be in the past)."""
    return timezone.localdate() + datetime.timedelta(days=117)


@pytest.fixture
def request_data(regions, deadline):
    """A complete, valid support request, with a fixed submission token."""
    answers = support_request_answers(deadline, region=regions[0])
    return {**answers, "submission_token": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"}


FORMS = {
    "volunteer": ("mentoring:volunteer", Volunteer, "volunteer_data"),
    "request": ("mentoring:request", SupportRequest, "request_data"),
}


@pytest.fixture(params=FORMS, ids=list(FORMS))
def form(request):
    """(url, model, valid data) for each form in turn."""
    url_name, model, data_fixture = FORMS[request.param]
    return reverse(url_name), model, request.getfixturevalue(data_fixture)

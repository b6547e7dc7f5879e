"""Every mentoring page, in each state a person can meet, is valid HTML (W3C Nu HTML Checker)."""

import datetime
import uuid

import pytest
import time_machine
from django.urls import reverse

from mentoring.models import Volunteer
from tests.helpers.html import assert_valid_html, java_or_skip
from tests.mentoring.factories import VolunteerFactory
from tests.networks.factories import TopicFactory

pytestmark = pytest.mark.django_db


def test_every_mentoring_page_and_state_is_valid_html(
    client, tmp_path, volunteer_data, request_data, settings
):
    java_or_skip()
    TopicFactory(name="Digital")
    volunteer_url, request_url = reverse("mentoring:volunteer"), reverse("mentoring:request")
    pages = {}

    def keep(name, response):
        pages[name] = response.content.decode()

    for url in [reverse("mentoring:index"), volunteer_url, request_url, reverse("privacy")]:
        keep(url, client.get(url))
    keep("volunteer, empty", client.post(volunteer_url, {}))
    keep("request, empty", client.post(request_url, {}))
    keep("volunteer, bad email", client.post(volunteer_url, volunteer_data | {"email": "x"}))
    keep("request, bad date", client.post(request_url, request_data | {"deadline_month": "13"}))
    keep("volunteer done", client.post(volunteer_url, volunteer_data, follow=True))
    keep("request done", client.post(request_url, request_data, follow=True))
    keep("too large", client.post(volunteer_url, {"name": "x" * settings.FORM_MAX_POST_BYTES}))
    settings.FORM_RATE_LIMIT_COUNT = 0
    data = volunteer_data | {"submission_token": str(uuid.uuid4()), "name": "Someone else"}
    keep("rate limited", client.post(volunteer_url, data))

    with time_machine.travel(datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)):
        volunteer = VolunteerFactory()
        withdraw_url = reverse("mentoring:withdraw", args=[volunteer.withdraw_token()])
    keep("withdraw", client.get(withdraw_url))
    volunteer.change_status(Volunteer.Status.WITHDRAWN)
    keep("withdrawn", client.get(withdraw_url))
    keep("tampered link", client.get(withdraw_url.replace("/withdraw/", "/withdraw/x")))
    settings.WITHDRAW_LINK_MAX_AGE_DAYS = 1
    keep("expired link", client.get(withdraw_url))

    assert len(pages) == 16
    assert_valid_html(pages, tmp_path)

"""The safeguards of both public forms: Post/Redirect/Get and double submit, the reference
cookie, the honeypot, the rate limit and oversized posts."""

import datetime
import re
import uuid

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import SupportRequest, Volunteer

pytestmark = pytest.mark.django_db

# Years for the deadline's messages, from today (the suite may run with its clock moved on).
NEXT_YEAR = str(datetime.date.today().year + 1)
SIX_YEARS_ON = str(datetime.date.today().year + 6)

FORMS = {
    "volunteer": ("mentoring:volunteer", Volunteer, "volunteer_data"),
    "request": ("mentoring:request", SupportRequest, "request_data"),
}

pytestmark = pytest.mark.django_db


def test_second_submit_of_the_same_form_makes_no_second_record(client, form):
    url, model, data = form
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    record = model.objects.get()
    assert record.reference in client.get(second["Location"]).content.decode()


def test_the_same_answers_from_a_fresh_copy_of_the_form_make_no_second_record(client, form):
    """The back button can fetch the form again, with a new token, and the browser refill it."""
    url, model, data = form
    first = client.post(url, data)
    data["submission_token"] = str(uuid.uuid4())
    second = client.post(url, data)
    assert second["Location"] == first["Location"]
    assert model.objects.count() == 1
    assert model.objects.get().reference in client.get(second["Location"]).content.decode()


def test_a_different_form_from_the_same_browser_makes_a_new_record(client, form):
    url, model, data = form
    client.post(url, data)
    data["submission_token"] = str(uuid.uuid4())
    data["email"] = "someone.else@example.org"
    client.post(url, data)
    assert model.objects.count() == 2
    assert model.objects.first().reference in client.get(url + "confirmation/").content.decode()


def test_a_missing_or_garbled_token_still_saves_once(client, form):
    url, model, data = form
    data["submission_token"] = "not a uuid"
    assert client.post(url, data).status_code == 302
    assert model.objects.count() == 1


def test_each_form_page_gets_a_fresh_token(client, form):
    url, _, _ = form
    tokens = [
        re.search(r'name="submission_token" value="([^"]+)"', client.get(url).content.decode())[1]
        for _ in range(2)
    ]
    assert tokens[0] != tokens[1]


def test_confirmation_without_a_submission_goes_back_to_the_form(client):
    response = client.get(reverse("mentoring:volunteer_done"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mentoring:volunteer")


def test_a_submission_writes_nothing_to_the_database_after_its_record(client, form):
    """The page after the form learns the reference from a signed cookie, not the session: a
    database lost just after the record is saved cannot turn it into an error page."""
    url, model, data = form
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302
    assert not any("django_session" in query["sql"] for query in queries.captured_queries)
    assert not Session.objects.exists()
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    confirmation = client.get(response["Location"])
    assert model.objects.get().reference in confirmation.content.decode()
    # The visitor's own reference: never stored by a shared cache.
    assert "Cookie" in confirmation["Vary"]
    assert "private" in confirmation["Cache-Control"]


def test_one_forms_reference_cookie_does_not_open_another_forms_confirmation(
    client, volunteer_data
):
    response = client.post(reverse("mentoring:volunteer"), volunteer_data)
    [name] = [name for name in response.cookies if "submitted-volunteer" in name]
    client.cookies[name.replace("volunteer", "request")] = response.cookies[name].value
    del client.cookies[name]
    again = client.get(reverse("mentoring:request_done"))
    assert again.status_code == 302
    assert again["Location"] == reverse("mentoring:request")


def test_a_tampered_submission_cookie_shows_no_reference(client, form):
    url, _, data = form
    response = client.post(url, data)
    [name] = [name for name in response.cookies if "submitted-" in name]
    value = response.cookies[name].value
    client.cookies[name] = value[:-2] + ("xx" if not value.endswith("xx") else "yy")
    again = client.get(response["Location"])
    assert again.status_code == 302
    assert again["Location"] == url


def test_honeypot_stores_nothing_but_looks_like_success(client, form, mailoutbox):
    url, model, data = form
    data["website"] = "http://spam.example"
    response = client.post(url, data)
    assert response.status_code == 302
    assert model.objects.count() == 0
    assert mailoutbox == []
    page = client.get(response["Location"]).content.decode()
    assert "Your reference number" not in page


def test_honeypot_is_hidden_from_people(client, form):
    url, _, _ = form
    html = client.get(url).content.decode()
    assert re.search(r'<div class="form-trap">\s*<label for="id_website">', html)
    assert 'tabindex="-1"' in html


def test_rate_limit_per_address(client, form, settings):
    settings.FORM_RATE_LIMIT_COUNT = 2
    url, model, data = form
    for n in range(2):
        data |= {"submission_token": str(uuid.uuid4()), "email": f"person{n}@example.org"}
        assert client.post(url, data).status_code == 302
    data |= {"submission_token": str(uuid.uuid4()), "email": "person3@example.org"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 429
    assert "To protect the service from spam, wait an hour and try again" in html
    assert settings.MDO_INBOX_EMAIL in html
    assert re.search(r"<title>Error: ", html)
    assert f'value="{data["email"]}"' in html
    assert model.objects.count() == 2
    # Another address is not limited.
    assert client.post(url, data, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_rate_limit_uses_the_forwarded_address_only_behind_a_trusted_proxy(
    client, volunteer_data, settings
):
    settings.FORM_RATE_LIMIT_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's address
    url = reverse("mentoring:volunteer")
    client.post(url, volunteer_data, HTTP_X_FORWARDED_FOR="198.51.100.1")
    volunteer_data |= {"submission_token": str(uuid.uuid4()), "name": "Another"}
    assert client.post(url, volunteer_data, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
    volunteer_data |= {"submission_token": str(uuid.uuid4()), "name": "A third"}
    # A client cannot dodge the limit by adding its own X-Forwarded-For entries.
    spoofed = "203.0.113.9, 198.51.100.2"
    assert client.post(url, volunteer_data, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429


def test_oversized_post_is_refused_and_stores_nothing(client, form, settings):
    url, model, data = form
    data["name" if model is Volunteer else "museum_name"] = "x" * (settings.FORM_MAX_POST_BYTES)
    response = client.post(url, data)
    assert response.status_code == 413
    assert "too long to send" in response.content.decode()
    assert model.objects.count() == 0


def test_post_beyond_djangos_upload_limit_gets_a_clear_400(client, form, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    settings.FORM_MAX_POST_BYTES = 10**9
    url, model, data = form
    data["website"] = "x" * 20_000
    response = client.post(url, data)
    assert response.status_code == 400
    assert "could not read" in response.content.decode()
    assert model.objects.count() == 0

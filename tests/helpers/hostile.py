"""Hostile and random input for any public form: the strategies, and the checks that a bad
submission stores nothing and that no script comes back unescaped on any page, the admin's
included. Used by the mentoring forms' tests and the directory's "suggest an update" test."""

import uuid

from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCRIPTS = [
    '<script>alert("xss-mentoring")</script>',
    '"><img src=x onerror=alert("xss-mentoring")>',
]
HOSTILE = [
    *SCRIPTS,
    "'; DROP TABLE mentoring_volunteer; --",
    "Robert'); DELETE FROM auth_user WHERE ('1'='1",
    "1 OR 1=1",
    "99999999999999999999999",
    "-1",
    "\u202egnirtS\u202c right-to-left override",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\U0001f469\U0001f3fd\u200d\U0001f52c \U0001f3db\ufe0f",
    "\x00",
    "null\x00byte",
    "\x07\x1b[31mred\x08",
    "{{ settings.SECRET_KEY }} {% debug %}",
    "%s%s%n ${7*7}",
    "x\r\nBcc: victim@example.com",
    "x" * 5_001,
    "é" * 201,
    " ",
    "",
]
EMAILS = [
    "ada@example.org",
    "not-an-email",
    "@example.org",
    "ada@",
    "ada@@example.org",
    "ada@example..org",
    "ada@example.org\nBcc: victim@example.com",
    '"<script>"@example.org',
    "a" * 250 + "@example.org",
    "\u0430da@example.org",  # Cyrillic a.
]
DATE_PARTS = st.one_of(
    st.integers(min_value=-3, max_value=10_000).map(str),
    st.text(max_size=6),
    st.sampled_from(["", "0", "31", "13", "2027", "٢٠٢٧", "1e3", " 7 ", "2_027"]),
)

hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
valid_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=200,
).filter(lambda value: value.strip())
choice_values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20))

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def spoil(base, strategies):
    """A strategy for form data: the valid `base` with up to three fields drawn from
    `strategies` instead, so that some examples are valid and some are not."""

    @st.composite
    def spoilt(draw):
        names = draw(st.sets(st.sampled_from(sorted(strategies)), max_size=3))
        return base | {name: draw(strategies[name], label=name) for name in names}

    return spoilt()


def submit(client, url, data):
    # Each example is a new visitor: never rate limited, and without a session remembering
    # the same answers from an earlier example.
    cache.clear()
    client.cookies.clear()
    data = {**data, "submission_token": str(uuid.uuid4())}
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    return response


def assert_no_script(html):
    for script in SCRIPTS:
        assert script not in html


def check_outcome(client, admin_client, response, model, before):
    if response.status_code == 200:
        html = response.content.decode()
        assert model.objects.count() == before
        assert "There is a problem" in html
        assert "<title>Error: " in html
        assert_no_script(html)
        return None
    assert model.objects.count() == before + 1
    record = model.objects.order_by("-pk").first()
    assert_no_script(client.get(response["Location"]).content.decode())
    meta = model._meta
    for page in (
        reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
        reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk]),
    ):
        admin_page = admin_client.get(page)
        assert admin_page.status_code == 200
        assert_no_script(admin_page.content.decode())
    return record


EMAIL = st.one_of(st.sampled_from(EMAILS), st.emails(), st.text(max_size=40))
CONSENT = st.sampled_from(["on", "", "off", "\x00"])

"""Property-based tests for "suggest an update", as for the mentoring forms: random and hostile
input never makes a 500, an invalid suggestion stores nothing, a valid one exactly one record as
typed, and no script comes back unescaped, on the public pages or in the admin."""

import pytest
from django.urls import reverse
from hypothesis import example, given

from networks.models import Suggestion
from tests.helpers.hostile import (
    EMAIL,
    SCRIPTS,
    SETTINGS,
    check_outcome,
    choice_values,
    hostile_text,
    spoil,
    submit,
)
from tests.networks.factories import NetworkFactory

pytestmark = pytest.mark.django_db

VALID = {"website": "", "kind": "details_wrong", "details": "The website moved.", "email": ""}


def test_suggestion_form_takes_hostile_input(client, admin_client):
    network = NetworkFactory()
    url = reverse("networks:suggest", args=[network.slug])
    strategies = {"kind": choice_values, "details": hostile_text, "email": EMAIL}

    @SETTINGS
    @given(data=spoil(VALID, strategies))
    @example(data=VALID | {"details": SCRIPTS[0], "email": "a@example.org"})
    @example(data=VALID | {"details": SCRIPTS[1], "kind": SCRIPTS[0]})
    def check(data):
        before = Suggestion.objects.count()
        response = submit(client, url, data)
        record = check_outcome(client, admin_client, response, Suggestion, before)
        if record is not None:
            assert record.details == data["details"].strip()
            assert record.email == data["email"].strip()
            assert record.network == network

    check()

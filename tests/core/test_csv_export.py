"""CSV export from every list, that cannot smuggle in a formula and imports back unchanged."""

import csv
import io

import pytest

from mentoring.models import Volunteer
from networks.models import Network, Venue
from tests.helpers.admin import admin_url, import_file
from tests.mentoring.factories import VolunteerFactory
from tests.networks.factories import (
    NetworkFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


# --- Export ---------------------------------------------------------------------------------------


def export(client, model, records):
    response = client.post(
        admin_url(model),
        {"action": "export_as_csv", "_selected_action": [r.pk for r in records]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


FORMULAS = ["=1+1", "+44 20", "-2+3", "@SUM(A1)", '=HYPERLINK("http://evil.example")']


@pytest.mark.parametrize("formula", FORMULAS)
def test_exports_neutralise_formulas_in_every_list(admin_client, formula):
    network = NetworkFactory(name=formula, summary=formula)
    [row] = export(admin_client, Network, [network])
    assert row["name"] == row["summary"] == "'" + formula
    venue = VenueFactory(name=formula)
    [row] = export(admin_client, Venue, [venue])
    assert row["museum site name"] == "'" + formula
    volunteer = VolunteerFactory(availability=formula)
    [row] = export(admin_client, Volunteer, [volunteer])
    assert row["availability"] == "'" + formula
    assert "submission token" not in row


def test_an_exported_file_imports_back_unchanged(admin_client):
    network = NetworkFactory(slug="formula-group", summary="=not a formula")
    exported = admin_client.post(
        admin_url(Network), {"action": "export_as_csv", "_selected_action": [network.pk]}
    ).content.decode("utf-8-sig")
    Network.objects.filter(pk=network.pk).update(summary="changed")
    import_file(admin_client, Network, exported)
    network.refresh_from_db()
    assert network.summary == "=not a formula"


def test_every_list_of_ours_can_export(admin_client):
    from django.contrib import admin

    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in ("networks", "mentoring"):
            request = admin_client.get(admin_url(model)).wsgi_request
            assert "export_as_csv" in model_admin.get_actions(request), (
                f"{model.__name__}: give its admin config.admin_site.ExportCsvMixin"
            )

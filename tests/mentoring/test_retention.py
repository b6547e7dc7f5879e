"""The retention command anonymises closed records once the retention period has passed."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from core.dates import months_before
from core.models import Notification
from mentoring.models import SupportRequest, Volunteer
from tests.core.factories import NotificationFactory
from tests.mentoring.factories import MatchFactory, SupportRequestFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC)


def closed(factory, status, when, **kwargs):
    """A record whose status changed to `status` at `when`, made by travelling back there."""
    with time_machine.travel(when, tick=False):
        record = factory(**kwargs)
        record.change_status(status)
    return record


@pytest.fixture
def records():
    long_ago = NOW - datetime.timedelta(days=740)  # About 24 months and 10 days.
    recently = NOW - datetime.timedelta(days=700)
    records = {
        "declined": closed(VolunteerFactory, Volunteer.Status.DECLINED, long_ago, name="Dee"),
        "withdrawn": closed(VolunteerFactory, Volunteer.Status.WITHDRAWN, long_ago, name="Wil"),
        "recent": closed(VolunteerFactory, Volunteer.Status.WITHDRAWN, recently, name="Rec"),
        "active": closed(VolunteerFactory, Volunteer.Status.ACTIVE, long_ago, name="Act"),
        "closed": closed(
            SupportRequestFactory, SupportRequest.Status.CLOSED, long_ago, contact_name="Clo"
        ),
        "matched": closed(
            SupportRequestFactory, SupportRequest.Status.MATCHED, long_ago, contact_name="Mat"
        ),
    }
    NotificationFactory(about=records["declined"], body="Dear Dee")
    NotificationFactory(about=records["recent"], body="Dear Rec")
    MatchFactory(volunteer=records["withdrawn"], support_request=records["closed"])
    return records


def run(*args):
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_what_would_go_and_changes_nothing(records):
    output = run("--dry-run")
    assert "Would anonymise 2 volunteers (declined or withdrawn): " in output
    assert records["declined"].reference in output and records["withdrawn"].reference in output
    assert records["recent"].reference not in output
    assert (
        f"Would anonymise 1 support request (closed or declined): {records['closed'].reference}"
        in output
    )
    assert "Dry run: nothing was changed." in output
    assert Volunteer.objects.filter(name="Dee").exists()
    assert Notification.objects.count() == 2


def test_anonymises_old_closed_records_and_keeps_the_rest(records):
    output = run()
    assert "Anonymised 2 volunteers" in output
    assert (
        f"Anonymised 1 support request (closed or declined): {records['closed'].reference}"
        in output
    )
    assert "Deleted 1 stored emails about them." in output

    dee = Volunteer.objects.get(pk=records["declined"].pk)
    assert (dee.name, dee.email, dee.phone, dee.organisation, dee.staff_notes) == (
        "Anonymised volunteer",
        "",
        "",
        "",
        "",
    )
    assert dee.anonymised_at == NOW
    assert dee.reference == records["declined"].reference
    assert dee.status == Volunteer.Status.DECLINED
    assert not dee.notifications.exists()

    request = SupportRequest.objects.get(pk=records["closed"].pk)
    assert (request.contact_name, request.email, request.description) == (
        "Anonymised contact",
        "",
        "",
    )
    assert request.museum_name == records["closed"].museum_name
    assert request.matches.count() == 1

    for kept in ("recent", "active"):
        assert Volunteer.objects.get(pk=records[kept].pk).anonymised_at is None
    assert SupportRequest.objects.get(pk=records["matched"].pk).contact_name == "Mat"
    assert Notification.objects.get().body == "Dear Rec"


def test_running_twice_does_nothing_more(records):
    run()
    output = run()
    assert "Anonymised 0 volunteers (declined or withdrawn)." in output
    assert "Anonymised 0 support requests (closed or declined)." in output


def test_the_period_is_a_setting(records, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 12
    output = run("--dry-run")
    assert "Would anonymise 3 volunteers" in output
    assert "Retention: 12 months" in output


def test_a_record_is_kept_until_the_period_has_passed():
    when = datetime.datetime(2024, 11, 30, 13, tzinfo=datetime.UTC)
    volunteer = closed(VolunteerFactory, Volunteer.Status.DECLINED, when)
    assert volunteer.reference not in run()
    with time_machine.travel(when + datetime.timedelta(days=731, hours=1), tick=False):
        out = io.StringIO()
        call_command("apply_retention", stdout=out)
    assert volunteer.reference in out.getvalue()


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.datetime(2026, 11, 30), 24, datetime.datetime(2024, 11, 30)),
        (datetime.datetime(2026, 3, 31), 1, datetime.datetime(2026, 2, 28)),
        (datetime.datetime(2026, 1, 15), 13, datetime.datetime(2024, 12, 15)),
        (datetime.datetime(2028, 2, 29), 12, datetime.datetime(2027, 2, 28)),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(moment, months) == expected

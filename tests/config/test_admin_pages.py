"""Every page of the back office, for every model registered on the admin, with every relation of
its records filled: MDO staff and the superuser get each page (or a deliberate 403), never a 500,
and every action a list offers that needs no more input runs."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from config.third_party_admin import can_draw_qr_codes
from core.import_jobs import ImportJob
from core.models import Notification
from core.tasks import send_notification
from mentoring.models import Listing, Skill, SupportRequest, Volunteer
from networks.booking import places
from networks.manage import changes
from networks.models import Booking, ContactChange, PageSection, RoleHandover, Suggestion
from tests.core.factories import NotificationFactory
from tests.helpers.admin import verified_login
from tests.mentoring.factories import (
    ListingFactory,
    MatchFactory,
    SkillFactory,
    SupportRequestFactory,
    VolunteerFactory,
)
from tests.networks.content.documents import PDF, ResourceFactory, upload
from tests.networks.factories import (
    EventFactory,
    NetworkFactory,
    NetworkRoleFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)
LABELS = [model._meta.label_lower for model in MODELS]


def label(model):
    return model._meta.label_lower


def fill(mdo, suffix=""):
    """One record of every kind staff work with, each with all it can be joined to; `suffix`
    tells apart the second set a test may add. Returns {model: record}."""
    now = timezone.now()
    topic = TopicFactory()
    network = NetworkFactory(topics=[topic], parent=NetworkFactory())
    role = NetworkRoleFactory(network=network)
    event = EventFactory(network=network, booking_mode="here", capacity=5, booking_email="")
    event.topics.set([topic])
    with transaction.atomic():
        booking, _ = places.book(Booking(event=event, name="Ada", email=f"ada{suffix}@m.example"))
    open_suggestion = Suggestion.objects.create(
        network=network,
        kind=Suggestion.Kind.CONTACT_CHANGED,
        details="Our chair is now Ada.",
        email="visitor@example.org",
        person=role.person,
    )
    resolved = Suggestion.objects.create(
        network=network, kind="other", details="Closed?", closed_by_contact=role.person
    )
    resolved.change_status(Suggestion.Status.DONE, by=mdo)
    NotificationFactory(about=open_suggestion, kind=Notification.Kind.STAFF)
    NotificationFactory(about=role.person, kind=Notification.Kind.REMINDER, sent_at=now)

    volunteer = VolunteerFactory(status=Volunteer.Status.NEW, expertise=[topic])
    volunteer.change_status(Volunteer.Status.ACTIVE, by=mdo)
    skill = SkillFactory()
    listing = ListingFactory(volunteer=volunteer, skills=[skill])
    support_request = SupportRequestFactory(requested_mentor=volunteer)
    support_request.change_status(SupportRequest.Status.IN_PROGRESS, by=mdo)
    match = MatchFactory(volunteer=volunteer, support_request=support_request)
    NotificationFactory(about=volunteer, last_error="SMTPRecipientsRefused", attempts=1)
    notification = NotificationFactory(about=support_request, sent_at=now)

    ResourceFactory()  # A link...
    resource = ResourceFactory(file=upload("report.pdf", PDF))  # ...and a document.

    task = send_notification.using(backend="database").enqueue(notification.pk)
    attempt = {
        "user_agent": "Firefox",
        "ip_address": "203.0.113.9",
        "username": f"mdo{suffix}",
        "http_accept": "text/html",
        "path_info": reverse("admin:login"),
    }
    change = changes.propose(
        network=network,
        person=role.person,
        kind=ContactChange.Kind.NETWORK,
        instance=network,
        after={"summary": "Sharing skills.", "topics": [topic.pk], "sub_region": None},
    )
    changes.propose(
        network=network,
        person=role.person,
        kind=ContactChange.Kind.EVENT_CHANGE,
        instance=event,
        after={"title": "New title", "start": event.start.isoformat()},
        event=event,
    )
    handover = RoleHandover.objects.create(
        role=role,
        from_person=role.person,
        to_name="Grace",
        to_email=f"grace{suffix}@example.org",
        token_hash=f"hash{suffix}".ljust(64, "0"),
    )
    colleague = type(mdo).objects.create_user(f"colleague{suffix}", is_staff=True)
    colleague.groups.add(Group.objects.get(name="MDO staff"))
    return {
        type(mdo): colleague,
        TOTPDevice: TOTPDevice.objects.create(user=colleague, name="Phone", confirmed=True),
        type(network): network,
        type(role): role,
        type(role.person): role.person,
        type(event): event,
        type(event.venue): event.venue,
        type(topic): topic,
        type(network.sub_region): network.sub_region,
        Suggestion: open_suggestion,
        ContactChange: change,
        Booking: booking,
        RoleHandover: handover,
        Notification: notification,
        Volunteer: volunteer,
        SupportRequest: support_request,
        type(match): match,
        Skill: skill,
        Listing: listing,
        type(resource): resource,
        DBTaskResult: DBTaskResult.objects.get(id=task.id),
        AccessAttempt: AccessAttempt.objects.create(
            **attempt, get_data="", post_data="username=mdo", failures_since_start=2
        ),
        AccessLog: AccessLog.objects.create(**attempt, logout_time=now),
        AccessFailureLog: AccessFailureLog.objects.create(**attempt, locked_out=False),
    }


@pytest.fixture
def records(mdo, admin_user, settings, tmp_path):
    """{model: record} for every model registered on the admin."""
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {
        **settings.TASKS,
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    section = PageSection.initial(PageSection.Key.PRIVACY)
    section.save()
    return {
        **fill(mdo),
        Group: Group.objects.get(name="MDO staff"),
        PageSection: section,
    }


def import_job(model):
    """A finished import of a few rows of `model`, whose page the admin shows."""
    return ImportJob.objects.create(
        model=model._meta.label_lower,
        resource="networks.imports.NetworkResource",
        file_format="import_export.formats.base_formats.CSV",
        file_name="gone.csv",
        original_file_name="networks.csv",
        total_rows=3,
        rows_done=3,
        status=ImportJob.Status.DONE,
        totals={"new": 3},
    )


def admin_pages(model, record):
    """{url name: url} of every page the model's admin has, for `record`."""
    model_admin = admin.site._registry[model]
    history = getattr(record, "history", None)
    history_id = history.first().history_id if history is not None else None
    pages = {}
    for pattern in model_admin.get_urls():
        if not pattern.name:  # The bare "<id>/", which redirects to the change page.
            continue
        if pattern.name.endswith("_import_job"):  # A large import's progress page.
            job = import_job(model)
            pages[pattern.name] = reverse(f"admin:{pattern.name}", args=[job.pk])
        elif isinstance(pattern.pattern, RoutePattern):
            kwargs = dict.fromkeys(pattern.pattern.converters, record.pk)
            pages[pattern.name] = reverse(f"admin:{pattern.name}", kwargs=kwargs)
        else:  # simple_history's regex: (object id)/history/(history id)/
            args = [record.pk, history_id][: pattern.pattern.regex.groups]
            pages[pattern.name] = reverse(f"admin:{pattern.name}", args=args)
    return pages


def page(url_name):
    """'add' of 'networks_suggestion_add': which of a model's pages a url name is."""
    for model in MODELS:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if url_name.startswith(prefix):
            return url_name.removeprefix(prefix)
    raise AssertionError(url_name)


ALL = {"changelist", "add", "change", "delete", "history"}
# Pages the admin offers nobody, not even a superuser: records that only the site makes (sign-in
# attempts, emails, background tasks, suggestions from the public, contacts' changes and
# handovers) cannot be added by hand.
OFFERED_TO_NOBODY = {
    "axes.accessattempt": {"add"},
    "axes.accessfailurelog": {"add"},
    "axes.accesslog": {"add"},
    "core.notification": {"add"},
    "networks.booking": {"add", "delete"},
    "django_tasks_database.dbtaskresult": {"add", "delete"},
    "mentoring.listing": {"add"},
    "networks.contactchange": {"add"},
    "networks.rolehandover": {"add"},
    "networks.suggestion": {"add"},
}
# What the MDO staff group deliberately lacks, beyond that: accounts, devices, sign-in attempts
# and the task queue are the site administrator's; the lists of places and topics, and the
# records that history or other records lean on, are never deleted by staff.
NOT_FOR_MDO_STAFF = {
    "auth.group": ALL,
    "auth.user": ALL | {"password_change"},
    "axes.accessattempt": ALL,
    "axes.accessfailurelog": ALL,
    "axes.accesslog": ALL,
    "django_tasks_database.dbtaskresult": ALL,
    "otp_totp.totpdevice": ALL | {"config", "qrcode"},
    "core.notification": {"delete"},
    "mentoring.listing": {"delete"},
    "mentoring.match": {"delete"},
    "mentoring.skill": {"delete"},
    "mentoring.supportrequest": {"add", "delete"},
    "mentoring.volunteer": {"add", "delete"},
    "networks.contactchange": {"delete"},
    "networks.event": {"delete"},
    "networks.network": {"delete"},
    "networks.pagesection": {"add", "delete"},
    "networks.rolehandover": {"delete"},
    "networks.subregion": {"add", "delete"},
    "networks.suggestion": {"delete"},
    "networks.topic": {"delete"},
    "networks.venue": {"delete"},
}


def expected_status(user, model, name):
    refused = OFFERED_TO_NOBODY.get(label(model), set())
    if not user.is_superuser:
        refused = refused | NOT_FOR_MDO_STAFF.get(label(model), set())
    if page(name) in refused:
        return 403
    if page(name) == "process_import":
        return 405  # The import page's form posts to it.
    if page(name) == "qrcode" and not can_draw_qr_codes():
        return 404  # The set-up page offers the key to type in instead.
    return 200


@pytest.fixture(params=["mdo", "superuser"])
def staff(request, mdo, admin_user):
    user = mdo if request.param == "mdo" else admin_user
    return user, verified_login(Client(), user)


@pytest.mark.parametrize("model_label", LABELS)
def test_every_page_of_every_model_answers(records, staff, model_label):
    user, client = staff
    model = MODELS[LABELS.index(model_label)]
    pages = admin_pages(model, records[model])
    assert set(records) == set(MODELS)
    assert {page(name) for name in pages} >= ALL
    answers = {name: client.get(url).status_code for name, url in pages.items()}
    assert answers == {name: expected_status(user, model, name) for name in pages}


@pytest.mark.parametrize("model_label", LABELS)
def test_every_action_that_needs_no_more_input_runs(records, staff, model_label):
    _, client = staff
    model = MODELS[LABELS.index(model_label)]
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(changelist)
    if response.status_code == 403:
        assert "changelist" in NOT_FOR_MDO_STAFF[model_label]
        return
    form = response.context["action_form"]
    actions = [name for name, _ in form.fields["action"].choices if name] if form else []
    for action in actions:
        response = client.post(
            changelist, {"action": action, "_selected_action": [records[model].pk]}, follow=True
        )
        # An action answers with a file, a page asking for more, or the list and a message.
        assert response.status_code == 200, action
        if response.context is None:
            assert response["Content-Type"].startswith("text/csv"), action
            continue
        errors = [m for m in response.context["messages"] if m.level >= messages.ERROR]
        assert not errors, (action, errors)


def test_search_on_every_list_answers(records, admin_client):
    for model in MODELS:
        if admin.site._registry[model].search_fields:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            assert admin_client.get(url, {"q": "a"}).status_code == 200, label(model)


def test_cleaning_up_expired_sign_in_attempts_keeps_the_current_ones(admin_client, settings):
    attempt = {"user_agent": "Firefox", "http_accept": "*/*", "path_info": "/admin/login/"}
    expired = AccessAttempt.objects.create(
        **attempt, username="old", get_data="", post_data="", failures_since_start=3
    )
    cool_off_ago = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    AccessAttempt.objects.filter(pk=expired.pk).update(attempt_time=cool_off_ago)
    current = AccessAttempt.objects.create(
        **attempt, username="new", get_data="", post_data="", failures_since_start=1
    )
    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "cleanup_expired_attempts", "_selected_action": [current.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Cleaned up 1 expired sign-in attempt."
    ]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["new"]


# Lists whose rows this test does not add to: there is one staff group, and one text per key.
FIXED_LISTS = {"auth.group", "networks.pagesection"}


@pytest.mark.parametrize("model_label", LABELS)
def test_every_list_takes_as_many_queries_however_long_it_is(
    records, mdo, admin_client, model_label
):
    model = MODELS[LABELS.index(model_label)]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    admin_client.get(url)  # Warm the content-type and permission caches.
    with CaptureQueriesContext(connection) as short:
        rows = admin_client.get(url).context["cl"].result_count
    fill(mdo, suffix="-2")
    with CaptureQueriesContext(connection) as long:
        more = admin_client.get(url).context["cl"].result_count
    assert more == rows if model_label in FIXED_LISTS else more > rows
    assert len(long) == len(short), [q["sql"] for q in long]

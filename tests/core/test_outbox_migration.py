"""Mentoring 0003 moves the email outbox (Notification) and the status log (StatusChange) to
core. This proves that a database filled at the old head (mentoring 0002, no core app) and then
migrated forward still has every row with its id and field values, that the next id comes after
the copied ones, that the MDO staff group's grants, a user's own permissions and the admin's
history point at core's models, that no content type of the old models is left, and that the
move can be undone (rows, grants and history back in mentoring) and done again."""

import datetime
import importlib

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from core.models import Notification, StatusChange
from mentoring.models import SupportRequest, Volunteer

MENTORING_0002 = ("mentoring", "0002_history_and_reminder_emails")
MENTORING_0003 = ("mentoring", "0003_outbox_and_status_log_move_to_core")
# The old head: mentoring at 0002 and no core at all. ("core", None) unapplies every core
# migration and, first, mentoring 0003, which depends on core 0001; every other app stays at
# its latest migration.
OLD_HEAD = [MENTORING_0002, ("core", None)]
MOVED = ("notification", "statuschange")
GROUP = "MDO staff"
AUDITORS = "Outbox auditors"
# Mentoring's grants at its latest migration: the outbox's move, then the register's.
MENTORING_GRANTS = {
    **importlib.import_module(f"mentoring.migrations.{MENTORING_0003[1]}").PERMISSIONS,
    **importlib.import_module(
        "mentoring.migrations.0005_register_skills_grants_privacy"
    ).PERMISSIONS,
}

# Every column, as the current models have them (the same names as the old models'), so that
# a column the copy forgot shows. The attached calendar came later (core 0003), after the move.
ADDED_SINCE = {"calendar"}
NOTIFICATION_FIELDS = [
    field.attname for field in Notification._meta.concrete_fields if field.name not in ADDED_SINCE
]
STATUS_CHANGE_FIELDS = [field.attname for field in StatusChange._meta.concrete_fields]


def at(day, hour=9):
    return datetime.datetime(2026, 3, day, hour, 30, tzinfo=datetime.UTC)


def migrate(targets):
    """Migrate with a new executor: its loader reads what is applied now."""
    MigrationExecutor(connection).migrate(targets)
    # Migrations make and delete content types behind the real manager's cache.
    ContentType.objects.clear_cache()


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def old_head_apps():
    """The historical models at the old head. project_state() cannot be given ("core", None),
    and mentoring 0002's state alone lacks the apps it does not depend on (admin's LogEntry):
    take every other app's latest migration, and mentoring 0002."""
    loader = MigrationExecutor(connection).loader
    others = [node for node in loader.graph.leaf_nodes() if node[0] not in ("core", "mentoring")]
    return loader.project_state([*others, MENTORING_0002]).apps


def rows(model, fields):
    return list(model.objects.order_by("id").values(*fields))


def fill_old_head(apps):
    """What a site at the old head had: records, emails and status changes about them, the
    old models' permissions granted to the group and to a user, and admin history."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    LogEntry = apps.get_model("admin", "LogEntry")
    SubRegion = apps.get_model("networks", "SubRegion")
    Volunteer = apps.get_model("mentoring", "Volunteer")
    SupportRequest = apps.get_model("mentoring", "SupportRequest")
    Notification = apps.get_model("mentoring", "Notification")
    StatusChange = apps.get_model("mentoring", "StatusChange")

    # Such a site had never heard of core: no content types (nor permissions) for it.
    ContentType.objects.filter(app_label="core").delete()
    # What Django's post_migrate made for the old models.
    old_types = {}
    for model in MOVED:
        content_type, _ = ContentType.objects.get_or_create(app_label="mentoring", model=model)
        old_types[model] = content_type
        for action in ("add", "change", "delete", "view"):
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
    volunteer_type, _ = ContentType.objects.get_or_create(app_label="mentoring", model="volunteer")
    request_type, _ = ContentType.objects.get_or_create(
        app_label="mentoring", model="supportrequest"
    )

    sub_region, _ = SubRegion.objects.get_or_create(
        slug="migration-test", defaults={"name": "Migration test sub-region"}
    )
    volunteers = [
        Volunteer.objects.create(
            name=name, email=f"{name.lower()}@example.org", job_title="Curator",
            organisation="A museum", offers_mentoring=True, accreditation_experience="mentor",
            capacity=2,
        )
        for name in ("Ada", "Ben")
    ]  # fmt: skip
    support_request = SupportRequest.objects.create(
        museum_name="Small Museum", contact_name="Cat", email="cat@example.org", phone="0100",
        support_type="mentor", accreditation_status="working_towards", has_paid_staff=False,
        sub_region=sub_region, description="A mentor, please.",
    )  # fmt: skip
    staff = User.objects.create(username="migrated-staff", password="!", is_staff=True)

    # Ids well above 1, so that keeping them shows.
    Notification.objects.create(
        id=41, kind="acknowledgement", to="ada@example.org", reply_to="mdo@example.org",
        subject="Thank you", body="Dear Ada", content_type=volunteer_type,
        object_id=volunteers[0].pk, created_at=at(1), sent_at=at(1, 10), attempts=1,
        last_attempt_at=at(1, 10),
    )  # fmt: skip
    Notification.objects.create(
        id=42, kind="staff", to="mdo@example.org", subject="New volunteer", body="Ben offers",
        content_type=volunteer_type, object_id=volunteers[1].pk, created_at=at(2), attempts=3,
        last_attempt_at=at(2, 11), last_error="SMTP 451: try again later",
    )  # fmt: skip
    Notification.objects.create(
        id=43, kind="reminder", to="cat@example.org", subject="Are these still right?",
        body="Dear Cat", content_type=request_type, object_id=support_request.pk,
        created_at=at(3),
    )  # fmt: skip
    Notification.objects.create(
        id=47, kind="staff", to="mdo@example.org", subject="About nothing", body="No record",
        created_at=at(4),
    )  # fmt: skip
    StatusChange.objects.create(
        id=71, content_type=volunteer_type, object_id=volunteers[0].pk, status="new",
        changed_at=at(1),
    )  # fmt: skip
    StatusChange.objects.create(
        id=72, content_type=volunteer_type, object_id=volunteers[0].pk, status="active",
        changed_at=at(5), changed_by=staff,
    )  # fmt: skip
    StatusChange.objects.create(
        id=75, content_type=request_type, object_id=support_request.pk, status="in_progress",
        changed_at=at(6), changed_by=staff,
    )  # fmt: skip

    def old(model, action):
        return Permission.objects.get(content_type=old_types[model], codename=f"{action}_{model}")

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(old("notification", "view"), old("notification", "change"))
    # A group made by hand, holding what no migration grants.
    auditors = Group.objects.create(name=AUDITORS)
    auditors.permissions.add(old("notification", "delete"), old("statuschange", "view"))
    staff.user_permissions.add(old("notification", "view"), old("statuschange", "view"))

    def history(content_type, object_id, message):
        return LogEntry.objects.create(
            user=staff, content_type=content_type, object_id=str(object_id),
            object_repr=message, action_flag=CHANGE, change_message=message,
            action_time=at(7),
        ).pk  # fmt: skip

    return {
        "notifications": rows(Notification, NOTIFICATION_FIELDS),
        "status_changes": rows(StatusChange, STATUS_CHANGE_FIELDS),
        "volunteer": (volunteer_type.pk, volunteers[0].pk),
        "staff": staff.pk,
        "history": {
            "notification": history(old_types["notification"], 42, "Sent again"),
            "statuschange": history(old_types["statuschange"], 72, "Looked at"),
            "volunteer": history(volunteer_type, volunteers[0].pk, "Changed status"),
        },
    }


@pytest.fixture
def old_head(transactional_db):
    """A database at the old head, filled; at the latest migration again afterwards, whatever
    the test did, so that the tests after it find the schema they expect."""
    migrate(OLD_HEAD)
    try:
        applied = MigrationRecorder(connection).applied_migrations()
        assert MENTORING_0002 in applied
        assert MENTORING_0003 not in applied
        assert not any(app_label == "core" for app_label, _ in applied)
        assert ("networks", "0011_privacy_notice_reference_cookie") in applied
        yield fill_old_head(old_head_apps())
    finally:
        migrate(latest())


def assert_moved(old):
    """Everything `fill_old_head` made is there, now core's."""
    assert rows(Notification, NOTIFICATION_FIELDS) == old["notifications"]
    assert rows(StatusChange, STATUS_CHANGE_FIELDS) == old["status_changes"]
    assert [row["id"] for row in old["notifications"][:4]] == [41, 42, 43, 47]
    assert [row["id"] for row in old["status_changes"]] == [71, 72, 75]
    volunteer_type, volunteer_id = old["volunteer"]
    assert volunteer_type == ContentType.objects.get_for_model(Volunteer).pk
    assert Notification.objects.get(pk=41).about == Volunteer.objects.get(pk=volunteer_id)
    assert isinstance(Notification.objects.get(pk=43).about, SupportRequest)
    assert Notification.objects.get(pk=47).about is None
    assert StatusChange.objects.get(pk=72).record == Volunteer.objects.get(pk=volunteer_id)

    # The next ids come after the copied ones (PostgreSQL's sequences were reset).
    new = Notification.objects.create(kind="staff", to="mdo@example.org", subject="s", body="b")
    assert new.pk > max(row["id"] for row in old["notifications"])
    change = StatusChange.objects.create(
        content_type_id=volunteer_type, object_id=volunteer_id, status="paused"
    )
    assert change.pk > max(row["id"] for row in old["status_changes"])
    new.delete()
    change.delete()

    # No content type, and so no permission, of the old models is left.
    assert not ContentType.objects.filter(app_label="mentoring", model__in=MOVED).exists()
    old_permissions = Permission.objects.filter(
        content_type__app_label="mentoring", content_type__model__in=MOVED
    )
    assert not old_permissions.exists()

    group = Group.objects.get(name=GROUP)
    granted = {
        (p.content_type.app_label, p.codename)
        for p in group.permissions.select_related("content_type")
        if p.content_type.app_label in ("core", "mentoring")
    }
    assert granted == {("core", "view_notification"), ("core", "change_notification")} | {
        ("mentoring", f"{action}_{model}")
        for model, actions in MENTORING_GRANTS.items()
        for action in actions
    }

    auditors = Group.objects.get(name=AUDITORS).permissions.select_related("content_type")
    assert {(p.content_type.app_label, p.codename) for p in auditors} == {
        ("core", "delete_notification"),
        ("core", "view_statuschange"),
    }

    # A fresh fetch: a user caches their permissions.
    staff = get_user_model().objects.get(pk=old["staff"])
    assert staff.has_perm("core.view_notification")
    assert staff.has_perm("core.view_statuschange")
    assert not staff.has_perm("core.change_notification")
    assert {(p.content_type.app_label, p.codename) for p in staff.user_permissions.all()} == {
        ("core", "view_notification"),
        ("core", "view_statuschange"),
    }

    history = old["history"]
    entry = LogEntry.objects.get(pk=history["notification"])
    assert entry.content_type == ContentType.objects.get_for_model(Notification)
    assert entry.object_id == "42"
    assert entry.get_edited_object() == Notification.objects.get(pk=42)
    entry = LogEntry.objects.get(pk=history["statuschange"])
    assert entry.content_type == ContentType.objects.get_for_model(StatusChange)
    assert entry.object_id == "72"
    entry = LogEntry.objects.get(pk=history["volunteer"])
    assert (entry.content_type_id, entry.object_id) == (volunteer_type, str(volunteer_id))


def assert_back_in_mentoring(apps, old):
    """Undone, the rows are mentoring's again, and so are the grants and the history."""
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    LogEntry = apps.get_model("admin", "LogEntry")
    Notification = apps.get_model("mentoring", "Notification")
    StatusChange = apps.get_model("mentoring", "StatusChange")
    assert rows(Notification, NOTIFICATION_FIELDS) == old["notifications"]
    assert rows(StatusChange, STATUS_CHANGE_FIELDS) == old["status_changes"]

    def old_models(permissions):
        return {
            (p.content_type.app_label, p.codename)
            for p in permissions.select_related("content_type")
            if p.content_type.model in MOVED
        }

    assert old_models(Group.objects.get(name=GROUP).permissions) == {
        ("mentoring", "view_notification"),
        ("mentoring", "change_notification"),
    }
    assert old_models(Group.objects.get(name=AUDITORS).permissions) == {
        ("mentoring", "delete_notification"),
        ("mentoring", "view_statuschange"),
    }
    assert old_models(User.objects.get(pk=old["staff"]).user_permissions) == {
        ("mentoring", "view_notification"),
        ("mentoring", "view_statuschange"),
    }
    for model, object_id in [("notification", "42"), ("statuschange", "72")]:
        entry = LogEntry.objects.select_related("content_type").get(pk=old["history"][model])
        assert (entry.content_type.app_label, entry.content_type.model) == ("mentoring", model)
        assert entry.object_id == object_id


@pytest.mark.django_db(transaction=True)
def test_migrating_forward_keeps_every_row_permission_and_history_entry(old_head):
    migrate(latest())

    assert_moved(old_head)


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone_and_done_again(old_head):
    migrate(latest())
    migrate(OLD_HEAD)

    apps = old_head_apps()
    assert_back_in_mentoring(apps, old_head)
    OldNotification = apps.get_model("mentoring", "Notification")
    # Undone, the next id still comes after the copied ones; the new row moves too.
    added = OldNotification.objects.create(
        kind="staff", to="mdo@example.org", subject="s", body="b"
    )
    assert added.pk > 47
    old_head["notifications"] = rows(OldNotification, NOTIFICATION_FIELDS)

    migrate(latest())

    assert_moved(old_head)


@pytest.mark.django_db(transaction=True)
def test_an_email_waiting_in_the_task_queue_is_sent_after_the_move(old_head):
    """A job queued before the deploy names the task where it was (mentoring.tasks); after the
    move the worker must still find it, or that email would stay unsent."""
    from django_tasks_db.models import DBTaskResult

    job = DBTaskResult.objects.create(
        status="READY", args_kwargs={"args": [42], "kwargs": {}},
        task_path="mentoring.tasks.send_notification", backend_name="default",
        run_after=at(8), exception_class_path="", traceback="",
    )  # fmt: skip
    migrate(latest())

    job.refresh_from_db()
    assert job.task_path == "core.tasks.send_notification"
    from django.utils.module_loading import import_string

    from core.tasks import send_notification

    assert import_string(job.task_path) is send_notification

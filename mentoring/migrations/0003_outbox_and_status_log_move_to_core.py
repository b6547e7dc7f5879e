"""The email outbox (Notification) and the status log (StatusChange) move to core, which every
app may use. Every row is copied with its id, what pointed at the old models (permissions, the
MDO staff group's grants, admin log entries) points at core's, and the old tables go.

Mentoring's own grants to the MDO staff group are made here too: networks 0004 used to make
them, which tied the directory's migrations to this app's."""

from django.core.management.color import no_style
from django.db import migrations

from core import staff_group

MOVED = ["notification", "statuschange"]
COLUMNS = {
    "notification": [
        "id", "kind", "to", "reply_to", "subject", "body", "content_type_id", "object_id",
        "created_at", "sent_at", "attempts", "last_attempt_at", "last_error",
    ],
    "statuschange": ["id", "content_type_id", "object_id", "status", "changed_at", "changed_by_id"],
}  # fmt: skip
PERMISSIONS = {
    "volunteer": ["view", "change"],
    "supportrequest": ["view", "change"],
    "match": ["view", "add", "change"],
}


def copy_rows(apps, schema_editor, source, target):
    quote = schema_editor.quote_name
    for model in MOVED:
        columns = ", ".join(quote(column) for column in COLUMNS[model])
        schema_editor.execute(
            f"INSERT INTO {quote(f'{target}_{model}')} ({columns}) "
            f"SELECT {columns} FROM {quote(f'{source}_{model}')}"
        )
    # Rows kept their ids: the next id must come after them (PostgreSQL's sequences).
    models = [apps.get_model(target, model) for model in ("Notification", "StatusChange")]
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), models):
        schema_editor.execute(sql)


def repoint_content_types(apps, source, target):
    """Whatever pointed at `source`'s content types now points at `target`'s."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    try:
        LogEntry = apps.get_model("admin", "LogEntry")
    except LookupError:
        LogEntry = None
    for model in MOVED:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
            continue
        if LogEntry is not None:
            LogEntry.objects.filter(content_type=old).update(content_type=new)
        for permission in Permission.objects.filter(content_type=old):
            twin, _ = Permission.objects.get_or_create(
                content_type=new, codename=permission.codename, defaults={"name": permission.name}
            )
            twin.group_set.add(*permission.group_set.all())
            twin.user_set.add(*permission.user_set.all())
        old.delete()


TASK_TABLE = "django_tasks_database_dbtaskresult"
TASK = "tasks.send_notification"


def repoint_waiting_emails(schema_editor, source, target):
    """Emails queued but not yet sent name their task by its path: the task moved with the
    outbox, so a waiting job must name it where it now lives, or the worker cannot run it."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if TASK_TABLE not in connection.introspection.table_names(cursor):
            return
        quote = schema_editor.quote_name
        cursor.execute(
            f"UPDATE {quote(TASK_TABLE)} SET {quote('task_path')} = %s "
            f"WHERE {quote('task_path')} = %s",
            [f"{target}.{TASK}", f"{source}.{TASK}"],
        )


def forwards(apps, schema_editor):
    # Granting makes any of mentoring's missing permissions first (on a fresh database, all of
    # them), so the old models' ones are made before they are moved, never after.
    staff_group.grant(apps, "mentoring", PERMISSIONS)
    copy_rows(apps, schema_editor, "mentoring", "core")
    repoint_content_types(apps, "mentoring", "core")
    repoint_waiting_emails(schema_editor, "mentoring", "core")


def backwards(apps, schema_editor):
    copy_rows(apps, schema_editor, "core", "mentoring")
    # Mentoring's content types afresh, and what pointed at core's (permissions, the group's
    # and users' grants, admin log entries) points back at them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        ContentType.objects.get_or_create(app_label="mentoring", model=model)
    repoint_content_types(apps, "core", "mentoring")
    repoint_waiting_emails(schema_editor, "core", "mentoring")
    schema_editor.execute(f"DELETE FROM {schema_editor.quote_name('core_notification')}")
    schema_editor.execute(f"DELETE FROM {schema_editor.quote_name('core_statuschange')}")


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0002_history_and_reminder_emails"),
        ("core", "0001_initial"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="Notification"),
        migrations.DeleteModel(name="StatusChange"),
    ]

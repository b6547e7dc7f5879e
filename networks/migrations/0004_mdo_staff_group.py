"""The "MDO staff" group: exactly what the daily work needs, and nothing of the site's own
administration (users, groups, sign-in devices, lockouts). Deleting is limited to a person and
their roles, for when someone leaves or asks to be removed; networks close and events are
cancelled rather than deleted.

The directory's own permissions only: mentoring 0003 and core 0001 grant the group theirs (this
migration once granted mentoring's too, which tied the two apps' migrations together)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "MDO staff"

PERMISSIONS = {
    "networks": {
        "network": ["view", "add", "change"],
        "person": ["view", "add", "change", "delete"],
        "networkrole": ["view", "add", "change", "delete"],
        "event": ["view", "add", "change"],
        "venue": ["view", "add", "change"],
        "topic": ["view", "add", "change"],
        "subregion": ["view"],
        "pagesection": ["view", "change"],
        "suggestion": ["view", "change"],
    },
}


def codenames():
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                yield app_label, f"{action}_{model}"


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now, so the group can
    # have them on a fresh database.
    networks = apps.get_app_config("networks")
    networks.models_module = True
    create_permissions(networks, apps=apps, verbosity=0)
    networks.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    # add, not set: core's and mentoring's migrations may have granted theirs already.
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames()
        ]
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("networks", "0003_freshness_suggestions_history"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

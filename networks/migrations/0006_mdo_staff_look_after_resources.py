"""MDO staff upload the research report and other resources: their group (0004) may view, add,
change and delete resources."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "MDO staff"
PERMISSIONS = [("networks", f"{action}_resource") for action in ("view", "add", "change", "delete")]


def group_and_permissions(apps):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="networks", codename__in=[codename for _, codename in PERMISSIONS]
    )
    return group, permissions


def grant(apps, schema_editor):
    networks = apps.get_app_config("networks")
    # Permissions are normally made after all migrations; make them now, as 0004 does.
    networks.models_module = True
    create_permissions(networks, apps=apps, verbosity=0)
    networks.models_module = None
    group, permissions = group_and_permissions(apps)
    if group:
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    group, permissions = group_and_permissions(apps)
    if group:
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("networks", "0005_resources_page_texts_event_topics")]

    operations = [migrations.RunPython(grant, revoke)]

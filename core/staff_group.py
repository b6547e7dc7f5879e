"""The "MDO staff" group, for migrations: each app grants the group what the daily work needs
of its own models, so no app's migrations reach into another's."""

from django.contrib.auth.management import create_permissions

GROUP = "MDO staff"


def grant(apps, app_label, permissions):
    """Give the group `permissions` ({model: [action, ...]}) on `app_label`'s models, making the
    permissions first (Django makes them only after all migrations) and the group if need be."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            for model, actions in permissions.items()
            for action in actions
        ]
    )


def revoke(apps, app_label, permissions):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is None:
        return
    group.permissions.remove(
        *apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label=app_label,
            codename__in=[f"{a}_{m}" for m, actions in permissions.items() for a in actions],
        )
    )

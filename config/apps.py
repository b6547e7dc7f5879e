"""The third-party apps under the names MDO staff see in the back office."""

from axes.apps import AppConfig as AxesConfig
from django.contrib.admin.apps import AdminConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from django_tasks_db.apps import TasksAppConfig


class MDOAdminConfig(AdminConfig):
    """The admin, with our site as admin.site: two-factor sign-in and the MDO dashboard."""

    default_site = "config.admin_site.MDOAdminSite"

    def ready(self):
        super().ready()  # Finds every app's admin.py...
        from config.third_party_admin import replace_third_party_admins

        replace_third_party_admins(self.module.site)  # ...then mends what they registered.


class TwoFactorConfig(TOTPConfig):
    verbose_name = "Two-factor sign-in"


class SignInAttemptsConfig(AxesConfig):
    verbose_name = "Sign-in attempts"


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Background tasks"

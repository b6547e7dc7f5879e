from django.contrib.admin.apps import AdminConfig


class MDOAdminConfig(AdminConfig):
    """The admin, with our site as admin.site: two-factor sign-in and the MDO dashboard."""

    default_site = "config.admin_site.MDOAdminSite"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Machinery every app shares: public forms, the email outbox, CSV, Markdown, page cache."""

    name = "core"
    # The admin shows the outbox of emails under this heading.
    verbose_name = "Email"

    def ready(self):
        from core.page_cache import connect_signals

        connect_signals()

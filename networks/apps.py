from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = "Directory"

    def ready(self):
        from config.page_cache import connect_signals

        connect_signals()

from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = "Directory"

    def ready(self):
        from networks.booking import signals as booking_signals
        from networks.finding import signals

        signals.connect(self)
        booking_signals.connect()

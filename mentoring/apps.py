from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Mentoring and peer support"

    def ready(self):
        from . import register, search

        search.register_pages()
        register.connect_signals()

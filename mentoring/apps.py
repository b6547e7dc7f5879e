from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Mentoring and peer support"

    def ready(self):
        from . import search

        search.register_pages()

from django.apps import AppConfig


class AlumniConfig(AppConfig):
    name = "alumni"
    verbose_name = "Alumni"

    def ready(self):
        from alumni import signals  # the models are loaded only now

        signals.connect()

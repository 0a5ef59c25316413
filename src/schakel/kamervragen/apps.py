from django.apps import AppConfig


class KamervragenConfig(AppConfig):
    name = "schakel.kamervragen"
    verbose_name = "Kamervragen (directe lijn van het parlement)"
    default_auto_field = "django.db.models.BigAutoField"

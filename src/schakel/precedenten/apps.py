from django.apps import AppConfig


class PrecedentenConfig(AppConfig):
    name = "schakel.precedenten"
    verbose_name = "Precedenten en patronen"
    default_auto_field = "django.db.models.BigAutoField"

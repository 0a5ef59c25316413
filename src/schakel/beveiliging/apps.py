from django.apps import AppConfig


class BeveiligingConfig(AppConfig):
    name = "schakel.beveiliging"
    verbose_name = "Beveiliging"

    def ready(self) -> None:
        from schakel.beveiliging import sleutel  # noqa: F401  registers the deploy check

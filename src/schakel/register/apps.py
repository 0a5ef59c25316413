from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "schakel.register"
    verbose_name = "Openbaar register en Staat van de Uitvoering"

from django.apps import AppConfig


class OpdrachtenConfig(AppConfig):
    name = "schakel.opdrachten"

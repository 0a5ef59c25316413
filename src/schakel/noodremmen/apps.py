from django.apps import AppConfig


class NoodremmenConfig(AppConfig):
    name = "schakel.noodremmen"

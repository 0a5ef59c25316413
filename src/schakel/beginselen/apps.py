from django.apps import AppConfig


class BeginselenConfig(AppConfig):
    name = "schakel.beginselen"

from django.apps import AppConfig


class SignalenConfig(AppConfig):
    name = "schakel.signalen"

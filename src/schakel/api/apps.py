from django.apps import AppConfig


class ApiConfig(AppConfig):
    """REST API plumbing shared by the domain apps' api.py modules: tokens, errors, paging, the actor."""

    name = "schakel.api"

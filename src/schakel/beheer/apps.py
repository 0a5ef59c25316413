from django.apps import AppConfig


class BeheerConfig(AppConfig):
    """The command-line interface: `schakel demo|tick|verify|export|import|beginselen`."""

    name = "schakel.beheer"

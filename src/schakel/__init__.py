"""Schakel: de schakelfunctie van uitvoerders tussen overheid en samenleving."""

__version__ = "0.1.0"

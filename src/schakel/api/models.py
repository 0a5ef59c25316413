from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """An API token for a case system. Only the SHA-256 of the token is stored; it is shown once."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    naam = models.CharField(max_length=100, blank=True)
    sleutel_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.gebruiker})"

"""The admin is a window, not a door: every model is read-only there. Writes go through the services,
so the admin can never close an item without an answer, delete a record or bypass the ledger."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def register_read_only(*models: Any) -> None:
    for model in models:
        admin.site.register(model, ReadOnlyAdmin)

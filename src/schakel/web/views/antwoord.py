"""The comply-or-explain answer form, shared by noodrem and signaal pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from schakel.core.errors import SchakelError
from schakel.web.forms import AntwoordForm
from schakel.web.views.common import add_service_error


def handle_answer(request: HttpRequest, form: AntwoordForm, answer: Callable[..., Any]) -> bool:
    """Parse, call the service, and on refusal put its Dutch message next to the field. True when saved."""
    if not form.is_valid():
        return False
    try:
        answer(**form.service_kwargs())
    except SchakelError as error:
        per_beginsel = error.errors.pop("per_beginsel", None)
        for message in per_beginsel or []:
            form.add_per_beginsel_error(message)
        if error.errors or not per_beginsel:
            add_service_error(form, error)
        return False
    return True

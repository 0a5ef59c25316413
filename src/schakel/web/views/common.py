"""What every web view shares: the acting membership, the login/membership gate and rendering service
refusals next to the field they name."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from schakel.core.errors import SchakelError
from schakel.organisaties.models import Lid
from schakel.organisaties.selectors import leden_van

SESSION_LID = "schakel_lid"

View = Callable[..., HttpResponse]


def current_lid(request: HttpRequest) -> Lid | None:
    """The membership the user acts as: the only one, or the one chosen and kept in the session."""
    user = request.user
    if not user.is_authenticated:
        return None
    leden = list(leden_van(user))
    chosen = request.session.get(SESSION_LID)
    if chosen:
        lid = next((m for m in leden if str(m.uuid) == chosen), None)
        if lid is not None:
            return lid
    if len(leden) == 1:
        return leden[0]
    return None


def _login_url(request: HttpRequest) -> str:
    return reverse("web:inloggen") + "?" + urlencode({"next": request.get_full_path()})


def lid_required(view: View) -> View:
    """Logged in and acting as one membership; otherwise to the login page or the membership choice."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(_login_url(request))
        lid = current_lid(request)
        if lid is None:
            if not leden_van(request.user).exists():
                return render(request, "web/geen_lid.html", status=403)
            url = reverse("web:kies_lid") + "?" + urlencode({"next": request.get_full_path()})
            return redirect(url)
        request.lid = lid  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


def add_service_error(
    form: forms.Form, error: SchakelError, *, aliases: dict[str, str] | None = None
) -> None:
    """Show a service refusal next to the field it names; otherwise at the top of the form."""
    aliases = aliases or {}
    errors = error.errors or {"": [error.message]}
    for name, messages in errors.items():
        field = aliases.get(name, name)
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
            else:
                form.add_error(None, message)


def lid(request: HttpRequest) -> Lid:
    return request.lid  # type: ignore[attr-defined,no-any-return]

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
from django.utils.translation import gettext, gettext_noop

from schakel.core.errors import SchakelError
from schakel.organisaties.models import Lid
from schakel.organisaties.selectors import leden_van

SESSION_LID = "schakel_lid"

# Services refuse in Dutch (the msgid). These fixed refusals, the ones the web forms meet most, have an
# English entry in the catalogue; add_service_error looks every refusal up when it renders, and a refusal
# built with values (a name, a number) stays Dutch. tests/web/test_i18n.py checks that each still occurs
# verbatim in the source, so a reworded refusal is noticed. See ADR 0012.
VERTAALDE_WEIGERINGEN = (
    gettext_noop("Beschrijf wat er is of wordt gedaan."),
    gettext_noop("Zeg wanneer de verandering klaar is."),
    gettext_noop("De datum 'gereed op' ligt vóór het indienen."),
    gettext_noop("De datum 'gereed op' ligt meer dan tien jaar vooruit."),
    gettext_noop("Deze noodrem is al beantwoord."),
    gettext_noop("Dit signaal is al beantwoord."),
    gettext_noop("Kies opvolgen (comply) of uitleggen (explain)."),
    gettext_noop("Kies intrekken, wijzigen of herbevestigen."),
    gettext_noop("Intrekken of wijzigen is opvolgen; herbevestigen is uitleggen."),
    gettext_noop("Noem het kenmerk van de brief waarmee de Kamer is geïnformeerd."),
    gettext_noop("Noem ten minste één beginsel van goed bestuur dat in het geding is."),
    gettext_noop("Kies bezwaar of klacht."),
    gettext_noop("Schrijf een bericht."),
    gettext_noop("Het bericht is te lang (hoogstens 5000 tekens)."),
    gettext_noop("Het kenmerk is te lang (hoogstens 100 tekens)."),
    gettext_noop("Alleen de ontvangende organisatie kan hier berichten sturen."),
    gettext_noop("Een ander heeft dit item net gewijzigd; laad het opnieuw."),
)

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
    """Show a service refusal next to the field it names, otherwise at the top of the form; in the active
    language when the catalogue has it."""
    aliases = aliases or {}
    errors = error.errors or {"": [error.message]}
    for name, messages in errors.items():
        field = aliases.get(name, name)
        for message in messages:
            shown = gettext(message)
            if field in form.fields:
                form.add_error(field, shown)
            else:
                form.add_error(None, shown)


def lid(request: HttpRequest) -> Lid:
    return request.lid  # type: ignore[attr-defined,no-any-return]

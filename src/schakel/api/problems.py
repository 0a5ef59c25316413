"""problem+json (RFC 9457) for every API error, rendered once: field details in Dutch, no stack traces,
no internal ids."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from schakel.core.errors import SchakelError

PROBLEM_TYPE = "https://schakel.example/problemen/"


# DRF messages its Dutch catalogue lacks; everything a caller reads must be Dutch.
_UNTRANSLATED = [
    (re.compile(r"^Must be a valid UUID\.$"), "Geef een geldige uuid."),
    (re.compile(r"^Must be a valid boolean\.$"), "Geef true of false."),
    (re.compile(r"^Not a valid string\.$"), "Geef tekst."),
    (re.compile(r"^A valid biginteger is required\.$"), "Geef een geheel getal."),
    (re.compile(r"^Datetime value out of range\.$"), "Dit tijdstip valt buiten het bereik."),
    (re.compile(r"^Invalid datetime for the timezone .*$"), "Dit tijdstip bestaat niet in deze tijdzone."),
    (re.compile(r"^This dictionary may not be empty\.$"), "Dit mag niet leeg zijn."),
    (re.compile(r"^Ensure this field has at least (\d+) elements\.$"), r"Geef ten minste \1 elementen."),
    (re.compile(r"^Ensure this field has no more than (\d+) elements\.$"), r"Geef hoogstens \1 elementen."),
]


def dutch(message: str) -> str:
    for pattern, replacement in _UNTRANSLATED:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.update(_flatten(value, name))
        return out
    if isinstance(detail, list):
        if all(not isinstance(v, (dict, list)) for v in detail):
            return {prefix or "non_field_errors": [dutch(str(v)) for v in detail]}
        out = {}
        for i, value in enumerate(detail):
            out.update(_flatten(value, f"{prefix}[{i}]"))
        return out
    return {prefix or "non_field_errors": [dutch(str(detail))]}


def problem(
    status_code: int,
    code: str,
    title: str,
    detail: str,
    errors: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + code,
        "title": title,
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["invalid_params"] = [{"name": k, "reason": " ".join(v)} for k, v in errors.items()]
    response = Response(body, status=status_code, headers=headers, content_type="application/problem+json")
    return response


TITLES = {
    400: ("ongeldig", "De invoer is niet geldig"),
    401: ("niet-ingelogd", "U bent niet ingelogd"),
    403: ("geen-toegang", "U mag dit niet doen"),
    404: ("niet-gevonden", "Niet gevonden"),
    405: ("methode", "Deze methode kan hier niet"),
    406: ("formaat", "Dit formaat kan niet worden geleverd"),
    409: ("conflict", "Dit botst met de huidige toestand"),
    415: ("mediatype", "Dit mediatype wordt niet ondersteund"),
    429: ("te-vaak", "Te veel verzoeken"),
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, SchakelError):
        wacht = getattr(exc, "wacht", None)
        headers = {"Retry-After": str(wacht)} if wacht else None
        return problem(exc.status, exc.code, exc.title, exc.message, exc.errors, headers=headers)
    if isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError("De inhoud van het verzoek is geen geldige JSON.")
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Niet gevonden.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied("U mag dit niet doen.")
    response = drf_handler(exc, context)
    if response is None:
        return None
    code, title = TITLES.get(response.status_code, ("fout", "Er ging iets mis"))
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            status.HTTP_400_BAD_REQUEST,
            "validatie",
            "De invoer is niet geldig",
            "Een of meer velden zijn niet goed ingevuld.",
            _flatten(detail),
        )
    headers = {k: v for k, v in response.headers.items() if k in ("Retry-After", "WWW-Authenticate", "Allow")}
    return problem(response.status_code, code, title, str(detail), headers=headers)


# What is left when the page itself cannot be rendered: the handler must answer, whatever broke.
_SERVERFOUT_KAAL = (
    "<!doctype html><html lang='nl'><title>Fout</title><h1>Er ging iets mis</h1>"
    "<p>Er ging aan onze kant iets mis. Probeer het later opnieuw.</p></html>"
)


def server_error(request: Any) -> Any:
    """A 500 says nothing about the inside: problem+json under /api/, a page in the visitor's language
    elsewhere. A database outage outside a view (e.g. saving the session) is a 503 like inside one."""
    import sys

    from django.http import JsonResponse

    from schakel.beveiliging.storing import is_storing, storing_antwoord

    exc = sys.exc_info()[1]
    if exc is not None and is_storing(exc):
        return storing_antwoord(request, exc)

    if request.path.startswith("/api/"):
        body = {
            "type": PROBLEM_TYPE + "serverfout",
            "title": "Er ging iets mis",
            "status": 500,
            "detail": "Er ging aan onze kant iets mis. Probeer het later opnieuw.",
        }
        return JsonResponse(body, status=500, content_type="application/problem+json")
    return _serverfout_pagina(request)


def _serverfout_pagina(request: Any) -> Any:
    from django.http import HttpResponseServerError
    from django.template import loader
    from django.utils import translation

    try:
        # Read from the cookie and Accept-Language, as LocaleMiddleware does: the error may have come
        # before that middleware ran, and the thread may still hold another request's language.
        taal = translation.get_language_from_request(request)
        with translation.override(taal):
            # Without the request: no context processors, so nothing loads the session or the user.
            html: str = loader.render_to_string("web/serverfout.html")
    except Exception:  # a 500 that fails to render would leave the visitor with the server's bare error
        logging.getLogger(__name__).exception("De foutpagina kon niet worden opgemaakt")
        html = _SERVERFOUT_KAAL
    return HttpResponseServerError(html)


def not_found(request: Any, exception: Exception | None = None) -> Any:
    from django.http import HttpResponseNotFound, JsonResponse

    if request.path.startswith("/api/"):
        body = {
            "type": PROBLEM_TYPE + "niet-gevonden",
            "title": "Niet gevonden",
            "status": 404,
            "detail": "Dit adres bestaat niet.",
        }
        return JsonResponse(body, status=404, content_type="application/problem+json")
    from django.template import loader

    # In the page's language, with the site's landmarks; the same bytes for whoever asks (no CSRF token).
    return HttpResponseNotFound(loader.render_to_string("web/niet_gevonden.html", request=request))

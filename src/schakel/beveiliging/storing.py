"""While the database is away (restarting, failing over, unreachable) every request is answered with 503
and a Retry-After instead of a 500: problem+json under /api/, a plain Dutch page elsewhere.

Recovery needs no manual step: the broken connection is given up at once (and again by Django at the
end of the request), the PostgreSQL pool discards it and checks every connection before handing it out
(CONN_HEALTH_CHECKS), so the first request after the database is back gets a fresh one. Exceptions raised
outside a view (a middleware saving the session) reach api.problems.server_error, which asks here too."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse

from schakel.api.problems import PROBLEM_TYPE

logger = logging.getLogger(__name__)

RETRY_AFTER = 10
_DETAIL = f"De database is even niet bereikbaar. Probeer het over {RETRY_AFTER} seconden opnieuw."


def is_storing(exc: BaseException | None) -> bool:
    return isinstance(exc, (OperationalError, InterfaceError))


def _herstel() -> None:
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def storing_antwoord(request: HttpRequest, exc: BaseException) -> HttpResponse:
    _herstel()
    # The class only: a database message may quote the SQL or a value from the request (a receipt code).
    # Why the connection failed is logged by the pool and the database server themselves.
    logger.warning("Database onbereikbaar (%s) bij %s", type(exc).__name__, request.path)
    response: HttpResponse
    if request.path.startswith("/api/"):
        body = {
            "type": PROBLEM_TYPE + "storing",
            "title": "Tijdelijk niet beschikbaar",
            "status": 503,
            "detail": _DETAIL,
        }
        response = JsonResponse(body, status=503, content_type="application/problem+json")
    else:
        response = HttpResponse(
            "<!doctype html><html lang='nl'><title>Even niet beschikbaar</title>"
            "<h1>Schakel is even niet beschikbaar</h1>"
            f"<p>{_DETAIL}</p>"
            "</html>",
            status=503,
            content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = str(RETRY_AFTER)
    return response


class DatabaseStoring:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return storing_antwoord(request, exception) if is_storing(exception) else None

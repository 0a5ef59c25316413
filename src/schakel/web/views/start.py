from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from schakel.web.selectors import start_overview


def start(request: HttpRequest) -> HttpResponse:
    return render(request, "web/start.html", {"overzicht": start_overview()})

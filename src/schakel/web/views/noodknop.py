"""The public noodknop page: no login. It explains what a noodrem is and why it asks for principles and a
motivation, and leads a professional to the page of the rule, besluit or opdracht (after logging in) and
a citizen to the citizen portal."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from schakel.beginselen.selectors import beginselen_actueel
from schakel.web.forms import beginselen_groepen


@require_safe
def noodknop(request: HttpRequest) -> HttpResponse:
    def via_login(name: str) -> str:
        url = reverse(name)
        if request.user.is_authenticated:
            return url
        return reverse("web:inloggen") + "?" + urlencode({"next": url})

    context = {
        "groepen": beginselen_groepen(beginselen_actueel()),
        "naar_regels": via_login("web:regels"),
        "naar_casussen": via_login("web:casussen"),
        "naar_opdrachten": via_login("web:opdrachten"),
    }
    return render(request, "web/noodknop.html", context)

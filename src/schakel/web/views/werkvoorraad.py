"""Mijn werkvoorraad: what the member must answer, overdue first, with term and days left."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.core.errors import ValidatieFout
from schakel.web.views.common import lid, lid_required
from schakel.werkvoorraad.cursor import NA, VOOR, cursor_voor, lees_cursor
from schakel.werkvoorraad.selectors import Positie, taak_titel, werkvoorraad_aantal, werkvoorraad_pagina

PER_PAGINA = 50
SOORT_LABELS = {"signaal": _("Signaal"), "noodrem": _("Noodrem"), "kamervraag": _("Kamervraag")}


@lid_required
def werkvoorraad_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    na = voor = None
    if cursor := request.GET.get("pagina"):
        try:
            richting, positie = lees_cursor(cursor, field="pagina")
        except ValidatieFout:
            richting, positie = NA, None  # a mangled link shows the first page, not an error page
        na, voor = (positie, None) if richting == NA else (None, positie)
    pagina = werkvoorraad_pagina(lid(request), now=now, aantal=PER_PAGINA, na=na, voor=voor)
    if not pagina.taken and (na or voor):
        # Everything on this page was answered meanwhile: start again from the top.
        pagina = werkvoorraad_pagina(lid(request), now=now, aantal=PER_PAGINA)
    taken = pagina.taken
    rijen = []
    for taak in taken:
        item = taak.item
        rijen.append(
            {
                "soort": SOORT_LABELS[taak.soort],
                "titel": taak_titel(taak),
                "url": reverse(f"web:{taak.soort}", args=[item.uuid]),
                "te_laat": taak.te_laat,
                "uiterlijk": taak.uiterlijk,
                "termijn": item.termijn,
                "escalatieniveau": item.escalatieniveau,
            }
        )
    return render(
        request,
        "web/werkvoorraad.html",
        {
            "rijen": rijen,
            "aantal": werkvoorraad_aantal(lid(request)) if rijen else 0,
            "volgende": cursor_voor(NA, Positie.van(taken[-1])) if pagina.heeft_volgende and taken else None,
            "vorige": cursor_voor(VOOR, Positie.van(taken[0])) if pagina.heeft_vorige and taken else None,
        },
    )

"""Mijn werkvoorraad: what the member must answer, overdue first, with term and days left."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.core.errors import ValidatieFout
from schakel.kamervragen.models import Kamervraag
from schakel.noodremmen.models import Noodrem
from schakel.web.selectors import noodrem_titel
from schakel.web.views.common import lid, lid_required
from schakel.werkvoorraad.cursor import NA, VOOR, cursor_voor, lees_cursor
from schakel.werkvoorraad.selectors import Positie, werkvoorraad_aantal, werkvoorraad_pagina

PER_PAGINA = 50


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
        if isinstance(item, Noodrem):
            titel = noodrem_titel(item)
            url = reverse("web:noodrem", args=[item.uuid])
            soort = _("Noodrem")
        elif isinstance(item, Kamervraag):
            titel = _("Kamervraag van %(commissie)s") % {"commissie": item.gesteld_door.organisatie.naam}
            url = reverse("web:kamervraag", args=[item.uuid])
            soort = _("Kamervraag")
        else:
            titel = str(item)
            url = reverse("web:signaal", args=[item.uuid])
            soort = _("Signaal")
        rijen.append(
            {
                "soort": soort,
                "titel": titel,
                "url": url,
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

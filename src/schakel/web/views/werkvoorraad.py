"""Mijn werkvoorraad: what the member must answer, overdue first, with term and days left."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from schakel.noodremmen.models import Noodrem
from schakel.web.selectors import noodrem_titel
from schakel.web.views.common import lid, lid_required
from schakel.werkvoorraad.selectors import werkvoorraad


@lid_required
def werkvoorraad_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rijen = []
    for taak in werkvoorraad(lid(request), now=now):
        item = taak.item
        if isinstance(item, Noodrem):
            titel = noodrem_titel(item)
            url = reverse("web:noodrem", args=[item.uuid])
            soort = "Noodrem"
        else:
            titel = str(item)
            url = reverse("web:signaal", args=[item.uuid])
            soort = "Signaal"
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
    return render(request, "web/werkvoorraad.html", {"rijen": rijen})

"""Mijn werkvoorraad: what the member must answer, overdue first, with term and days left."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.noodremmen.models import Noodrem
from schakel.web.selectors import noodrem_titel
from schakel.web.views.common import lid, lid_required
from schakel.werkvoorraad.selectors import werkvoorraad


@lid_required
def werkvoorraad_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    taken = werkvoorraad(lid(request), now=now)
    # The title names the brake's subject: fetch those in one query per kind, not one per row.
    noodremmen = [t.item for t in taken if isinstance(t.item, Noodrem)]
    prefetch_related_objects(noodremmen, "casus", "regel", "maatwerkbesluit", "opdracht")
    rijen = []
    for taak in taken:
        item = taak.item
        if isinstance(item, Noodrem):
            titel = noodrem_titel(item)
            url = reverse("web:noodrem", args=[item.uuid])
            soort = _("Noodrem")
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
    return render(request, "web/werkvoorraad.html", {"rijen": rijen})

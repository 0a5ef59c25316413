"""The vertrouwenspersoon's own view: who pulled the confidential brakes from their organisation. Only the
vertrouwenspersoon sees these names; everyone else, the recipient included, sees 'vertrouwelijk'."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from schakel.noodremmen.selectors import melder_zichtbaar_voor
from schakel.noodremmen.titel import noodrem_titel
from schakel.organisaties.models import Rol
from schakel.toegang.selectors import onderwerp_verborgen_voor
from schakel.web.views.common import lid, lid_required


@lid_required
def vertrouwenspersoon(request: HttpRequest) -> HttpResponse:
    member = lid(request)
    if member.rol != Rol.VERTROUWENSPERSOON:
        return render(request, "web/vertrouwenspersoon.html", {"geen_toegang": True}, status=403)
    noodremmen = list(
        melder_zichtbaar_voor(member)
        .select_related(
            "melder__lid__organisatie",
            "ontvanger_organisatie",
            "casus",
            "regel",
            "maatwerkbesluit",
            "maatwerkbesluit__casus",
            "opdracht",
        )
        .order_by("-ingediend_op", "-pk")
    )
    verborgen = onderwerp_verborgen_voor(member, noodremmen)
    rijen = [
        {
            "n": n,
            "titel": noodrem_titel(n, noem_onderwerp=n.pk not in verborgen),
            "melder": n.melder.lid.gebruiker.get_full_name() or n.melder.lid.gebruiker.get_username(),
            "email": n.melder.lid.gebruiker.email,
            "rol": n.melder.lid.get_rol_display(),
        }
        for n in noodremmen
    ]
    return render(request, "web/vertrouwenspersoon.html", {"rijen": rijen})

"""Searching earlier casussen (casusprudentie): free text with filters on rule, principle, outcome,
organisation and period. A GET form, so results can be bookmarked; htmx swaps only the results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from schakel.beginselen.selectors import beginselen_actueel
from schakel.web.views.common import lid, lid_required
from schakel.web.werk_forms import ZoekForm
from schakel.web.werk_selectors import organisaties_te_kiezen, regels_te_kiezen, zoek_casussen


@lid_required
def zoeken(request: HttpRequest) -> HttpResponse:
    form = ZoekForm(
        request.GET or None,
        regels=regels_te_kiezen(),
        beginselen=beginselen_actueel(),
        organisaties=organisaties_te_kiezen(),
    )
    resultaten = None
    if form.is_bound and form.is_valid():
        resultaten = zoek_casussen(lid(request), form.cleaned_data)
    context = {"form": form, "resultaten": resultaten}
    status = 400 if form.is_bound and form.errors else 200
    htmx = request.htmx  # type: ignore[attr-defined]
    if htmx and not htmx.history_restore_request:
        if form.errors:
            # Errors belong next to the fields of the whole page: let the browser load it normally.
            response = HttpResponse()
            response["HX-Redirect"] = request.get_full_path()
            return response
        return render(request, "web/zoeken_resultaten.html", context)
    return render(request, "web/zoeken.html", context, status=status)

"""Maatwerkbesluit: deviating from a rule in one casus, with earlier similar decisions in view, and the
page of a decision with its emergency brake."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from schakel.casussen.models import Maatwerkbesluit, Uitkomst
from schakel.casussen.services import maatwerkbesluit_take
from schakel.core.errors import SchakelError
from schakel.precedenten.selectors import vergelijkbaar_met
from schakel.toegang.selectors import casussen_visible_for
from schakel.web.selectors import lid_label
from schakel.web.views.casus_bewerken import behandelt, geen_toegang, gevonden_casus
from schakel.web.views.common import add_service_error, lid, lid_required
from schakel.web.werk_forms import MaatwerkForm
from schakel.web.werk_selectors import afgeronde_beraden, maatwerkbesluit_voor, tegengesteld_per_regel


@lid_required
def maatwerkbesluit_nemen(request: HttpRequest, uuid: str) -> HttpResponse:
    member = lid(request)
    c = gevonden_casus(member, uuid)
    if not behandelt(member, c):
        return geen_toegang(
            request,
            _("Alleen de organisatie die de casus behandelt neemt een maatwerkbesluit."),
            reverse("web:casus", args=[c.uuid]),
        )
    regels = list(c.regels.all())
    beraden = list(afgeronde_beraden(c))
    # A fix from a beraad is what usually leads here: link the newest one unless the user says otherwise.
    initial = {"beraad": str(beraden[0].uuid)} if beraden and beraden[0].uitkomst == Uitkomst.FIX else {}
    form = MaatwerkForm(request.POST or None, regels=regels, beraden=beraden, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mb = maatwerkbesluit_take(
                casus=c,
                door=member,
                regel=next(r for r in regels if str(r.uuid) == data["regel"]),
                beginsel_codes=data["beginselen"],
                besluit=data["besluit"],
                motivering=data["motivering"],
                motivering_verschil=data["motivering_verschil"],
                beraad=next((b for b in beraden if str(b.uuid) == data["beraad"]), None),
            )
        except SchakelError as error:
            add_service_error(form, error, aliases={"casus": "", "door": ""})
        else:
            messages.success(request, _("Het maatwerkbesluit is genomen en staat in het logboek."))
            return redirect("web:maatwerkbesluit", uuid=mb.uuid)
    tegengesteld = tegengesteld_per_regel(c, member.organisatie)
    context = {
        "form": form,
        "casus": c,
        # The guard: which rules need a motivated difference, with the casussen that demand it.
        "tegengesteld": [(r, tegengesteld[str(r.uuid)]) for r in regels if str(r.uuid) in tegengesteld],
        "precedenten": vergelijkbaar_met(c, organisatie=member.organisatie, limit=5),
    }
    return render(request, "web/maatwerkbesluit_form.html", context, status=400 if form.is_bound else 200)


@lid_required
def maatwerkbesluit_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    member = lid(request)
    try:
        mb = maatwerkbesluit_voor(member, uuid)
    except Maatwerkbesluit.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "m": mb,
        "door": lid_label(mb.door),
        "precedenten": casussen_visible_for(member)
        .filter(uuid__in=mb.precedenten)
        .select_related("organisatie"),
    }
    return render(request, "web/maatwerkbesluit_detail.html", context)

"""The public portal: file an objection or complaint without an account and get a receipt code; follow it
with that code. The code is posted, never put in a URL; after a correct code the session remembers which
one item it opened, until the citizen closes it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from schakel.api.throttles import BurgerIndienenThrottle
from schakel.beveiliging.pogingen import TeVaak, client_adres
from schakel.core.errors import NietGevonden, SchakelError
from schakel.noodremmen.models import Niveau, Noodrem
from schakel.noodremmen.ontvangstcode import noodrem_openen
from schakel.noodremmen.services import bericht_add, noodrem_pull
from schakel.organisaties.models import Organisatie, Soort
from schakel.web.forms import BerichtForm, BurgerIndienenForm, OntvangstcodeForm
from schakel.web.views.common import add_service_error

SESSION_ZAAK = "schakel_burger_zaak"
# The pages that show a receipt code, take one or show the item it opened are never stored by the browser:
# a citizen often files from a shared computer, where the back button would show them to the next user.
TE_VAAK = gettext_lazy("U heeft het te vaak geprobeerd. Probeer het over een uur opnieuw.")


def _organisaties() -> list[Organisatie]:
    return list(
        Organisatie.objects.exclude(soort__in=[Soort.PARLEMENT, Soort.OMBUDSMAN]).order_by("naam", "pk")
    )


def burger_start(request: HttpRequest) -> HttpResponse:
    return render(request, "web/burger_start.html")


@never_cache
def burger_indienen(request: HttpRequest) -> HttpResponse:
    organisaties = _organisaties()
    form = BurgerIndienenForm(request.POST or None, organisaties=organisaties)
    if request.method == "POST":
        throttle = BurgerIndienenThrottle()
        if not throttle.allow_request(request, None):  # type: ignore[arg-type]
            form.add_error(None, TE_VAAK)
            return render(request, "web/burger_indienen.html", {"form": form}, status=429)
        if form.is_valid():
            v = form.cleaned_data
            try:
                result = noodrem_pull(
                    niveau=Niveau.BURGER,
                    zaak_organisatie=next(o for o in organisaties if o.code == v["organisatie"]),
                    zaak_kenmerk=v["zaak_kenmerk"],
                    burger_soort=v["burger_soort"],
                    beginsel_codes=v["beginselen"],
                    motivering=v["motivering"],
                )
            except SchakelError as error:
                add_service_error(form, error, aliases={"onderwerp": "organisatie"})
            else:
                context = {"n": result.noodrem, "ontvangstcode": result.ontvangstcode}
                return render(request, "web/burger_ontvangen.html", context, status=201)
    return render(request, "web/burger_indienen.html", {"form": form}, status=400 if form.is_bound else 200)


@never_cache
def burger_volgen(request: HttpRequest) -> HttpResponse:
    form = OntvangstcodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            n = noodrem_openen(code=form.cleaned_data["ontvangstcode"], adres=client_adres(request))
        except TeVaak as error:
            form.add_error(None, error.message)
            response = render(request, "web/burger_volgen.html", {"form": form}, status=429)
            response["Retry-After"] = str(error.wacht)
            return response
        except NietGevonden:
            form.add_error(
                "ontvangstcode",
                _("Bij deze code vinden we niets. Kijk of u de code goed heeft overgenomen."),
            )
        else:
            request.session.cycle_key()
            request.session[SESSION_ZAAK] = str(n.uuid)
            return redirect("web:burger_zaak")
    return render(request, "web/burger_volgen.html", {"form": form}, status=400 if form.is_bound else 200)


def _zaak(request: HttpRequest) -> Noodrem | None:
    uuid = request.session.get(SESSION_ZAAK)
    if not uuid:
        return None
    return (
        Noodrem.objects.filter(uuid=uuid)
        .exclude(ontvangstcode_hash="")
        .select_related("ontvanger_organisatie")
        .prefetch_related("beginselen", "antwoorden", "berichten")
        .first()
    )


def _zaak_page(
    request: HttpRequest, n: Noodrem, form: BerichtForm | None = None, status: int = 200
) -> HttpResponse:
    namen = {b.code: b.naam for b in n.beginselen.all()}
    antwoorden = [
        (a, [(namen.get(code, code), tekst) for code, tekst in (a.per_beginsel or {}).items()])
        for a in n.antwoorden.all()
    ]
    context = {"n": n, "antwoorden": antwoorden, "form": form or BerichtForm()}
    return render(request, "web/burger_zaak.html", context, status=status)


@never_cache
def burger_zaak(request: HttpRequest) -> HttpResponse:
    n = _zaak(request)
    if n is None:
        return redirect("web:burger_volgen")
    return _zaak_page(request, n)


@never_cache
@require_POST
def burger_bericht(request: HttpRequest) -> HttpResponse:
    n = _zaak(request)
    if n is None:
        return redirect("web:burger_volgen")
    form = BerichtForm(request.POST)
    if form.is_valid():
        try:
            bericht_add(noodrem=n, tekst=form.cleaned_data["tekst"])
        except SchakelError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Uw bericht is verstuurd."))
            return redirect("web:burger_zaak")
    return _zaak_page(request, n, form, status=400)


@require_POST
def burger_sluiten(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_ZAAK, None)
    messages.success(
        request, _("Uw zaak is gesloten op dit apparaat. Met uw ontvangstcode opent u hem opnieuw.")
    )
    return redirect("web:burger")

"""Logging in and out (django.contrib.auth with our templates) and choosing the membership to act as."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme

from schakel.beveiliging.inloggen import inlog_gelukt, inlog_mislukt, inlog_wachttijd, te_vaak_tekst
from schakel.beveiliging.pogingen import client_adres
from schakel.organisaties.selectors import leden_van
from schakel.web.forms import KiesLidForm
from schakel.web.views.common import SESSION_LID, current_lid


class _InlogForm(AuthenticationForm):
    """Carries the view's refusal: once the limit is reached the password is not even checked, so
    guessing on learns nothing."""

    wacht = 0

    def clean(self) -> dict[str, Any]:
        if self.wacht:
            raise ValidationError(te_vaak_tekst(self.wacht), code="te_vaak")
        return super().clean()


class _Inloggen(auth_views.LoginView):
    form_class = _InlogForm
    template_name = "web/inloggen.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The organisation's own login service when SSO is configured; the password form stays for
        # accounts the identity provider does not know (beheer, test organisations).
        return super().get_context_data(sso=settings.OIDC_ENABLED, **kwargs)

    def _naam(self) -> str:
        return str(self.request.POST.get("username", ""))

    def get_form(self, form_class: Any = None) -> AuthenticationForm:
        form = super().get_form(form_class)
        if isinstance(form, _InlogForm) and self.request.method == "POST":
            form.wacht = inlog_wachttijd(gebruikersnaam=self._naam(), adres=client_adres(self.request))
        return form

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        inlog_gelukt(gebruikersnaam=self._naam())
        return super().form_valid(form)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        if isinstance(form, _InlogForm) and form.has_error(NON_FIELD_ERRORS, "te_vaak"):
            response.status_code = 429
            response["Retry-After"] = str(form.wacht)
        elif any(form.has_error(NON_FIELD_ERRORS, code) for code in ("invalid_login", "inactive")):
            inlog_mislukt(gebruikersnaam=self._naam(), adres=client_adres(self.request))
        return response


inloggen = _Inloggen.as_view(next_page=reverse_lazy("web:werkvoorraad"))
uitloggen = auth_views.LogoutView.as_view(next_page=reverse_lazy("web:start"))


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(reverse_lazy("web:werkvoorraad"))


@login_required(login_url=reverse_lazy("web:inloggen"))
def kies_lid(request: HttpRequest) -> HttpResponse:
    leden = list(leden_van(request.user))
    if not leden:
        return render(request, "web/geen_lid.html", status=403)
    huidig = current_lid(request)
    form = KiesLidForm(
        request.POST or None, leden=leden, initial={"lid": str(huidig.uuid) if huidig else None}
    )
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_LID] = form.cleaned_data["lid"]
        return redirect(_next(request))
    status = 400 if form.is_bound else 200
    return render(request, "web/kies_lid.html", {"form": form, "next": _next(request)}, status=status)

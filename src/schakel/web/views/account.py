"""Logging in and out (django.contrib.auth with our templates) and choosing the membership to act as."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme

from schakel.organisaties.selectors import leden_van
from schakel.web.forms import KiesLidForm
from schakel.web.views.common import SESSION_LID, current_lid

inloggen = auth_views.LoginView.as_view(
    template_name="web/inloggen.html",
    redirect_authenticated_user=True,
    next_page=reverse_lazy("web:werkvoorraad"),
)
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

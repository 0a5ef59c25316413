from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from schakel.core.errors import NietGevonden
from schakel.organisaties.models import Lid, Organisatie


def organisatie_by_code(code: str, *, field: str = "organisatie") -> Organisatie:
    try:
        return Organisatie.objects.get(code=code)
    except Organisatie.DoesNotExist as exc:
        raise NietGevonden(f"Geen organisatie met code {code!r}.", field=field) from exc


def leden_met_rol(organisatie: Organisatie, rol: str) -> QuerySet[Lid]:
    return Lid.objects.filter(organisatie=organisatie, rol=rol, actief=True).select_related("gebruiker")


def lid_for(username: str, *, organisatie_code: str | None = None, rol: str | None = None) -> Lid:
    leden = Lid.objects.filter(gebruiker__username=username, actief=True).select_related(
        "organisatie", "gebruiker"
    )
    if organisatie_code:
        leden = leden.filter(organisatie__code=organisatie_code)
    if rol:
        leden = leden.filter(rol=rol)
    lid = leden.order_by("pk").first()
    if lid is None:
        raise NietGevonden(f"Geen actief lidmaatschap gevonden voor {username!r}.", field="gebruiker")
    return lid


def leden_van(user: Any) -> QuerySet[Lid]:
    """The active memberships of a (logged-in) user."""
    return Lid.objects.filter(gebruiker_id=user.pk, actief=True).select_related("organisatie", "gebruiker")

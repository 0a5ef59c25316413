from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from schakel.core.errors import NietGevonden
from schakel.organisaties.models import Lid, Organisatie


def organisatie_by_code(code: str, *, field: str = "organisatie") -> Organisatie:
    try:
        return Organisatie.objects.get(code=code)
    except Organisatie.DoesNotExist as exc:
        raise NietGevonden(f"Geen organisatie met code {code!r}.", field=field) from exc


def adressen_per_rol(rollen: Iterable[tuple[int, str]]) -> dict[tuple[int, str], list[str]]:
    """The e-mail addresses of the active holders of each (organisation pk, role), in one query; a role
    whose holders have no address is absent."""
    rollen = set(rollen)
    adressen: dict[tuple[int, str], list[str]] = {}
    for org, rol, email in Lid.objects.filter(
        organisatie_id__in={org for org, _ in rollen}, rol__in={rol for _, rol in rollen}, actief=True
    ).values_list("organisatie_id", "rol", "gebruiker__email"):
        if email and (org, rol) in rollen:
            adressen.setdefault((org, rol), []).append(email)
    return adressen


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

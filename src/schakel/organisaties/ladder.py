"""Escalation ladders: within an organisation (its LadderTrede rows) and between organisations
(`Organisatie.hoger`: executive organisation → ministry → parliament). Citizens' brakes go from the
organisation's top to the Nationale ombudsman instead of the ministry."""

from __future__ import annotations

from dataclasses import dataclass

from schakel.organisaties.models import LadderTrede, Lid, Organisatie, Rol, Soort

DEFAULT_LADDERS: dict[str, list[str]] = {
    Soort.UITVOERINGSORGANISATIE: [Rol.TEAMLEIDER, Rol.BESTUUR],
    Soort.GEMEENTE: [Rol.TEAMLEIDER, Rol.BESTUUR],
    Soort.PROVINCIE: [Rol.TEAMLEIDER, Rol.BESTUUR],
    Soort.WATERSCHAP: [Rol.TEAMLEIDER, Rol.BESTUUR],
    Soort.MINISTERIE: [Rol.BELEIDSDIRECTIE, Rol.BEWINDSPERSOON],
    Soort.PARLEMENT: [Rol.GRIFFIE],
    Soort.OMBUDSMAN: [Rol.BESTUUR],
}


@dataclass(frozen=True)
class Ontvanger:
    organisatie: Organisatie
    rol: str

    def __str__(self) -> str:
        return f"{self.organisatie.naam} ({Rol(self.rol).label})"


def roles(organisatie: Organisatie) -> list[str]:
    return list(
        LadderTrede.objects.filter(organisatie=organisatie).order_by("positie").values_list("rol", flat=True)
    )


def first_step(organisatie: Organisatie) -> Ontvanger:
    ladder = roles(organisatie)
    return Ontvanger(organisatie, ladder[0] if ladder else Rol.BESTUUR)


def next_step(current: Ontvanger, *, via_ombudsman: bool = False) -> Ontvanger | None:
    """One step up; None at the very top (parliament, or the ombudsman for citizens)."""
    ladder = roles(current.organisatie)
    if current.rol in ladder:
        index = ladder.index(current.rol)
        if index + 1 < len(ladder):
            return Ontvanger(current.organisatie, ladder[index + 1])
    if via_ombudsman and current.organisatie.soort != Soort.OMBUDSMAN:
        ombudsman = Organisatie.objects.filter(soort=Soort.OMBUDSMAN).order_by("pk").first()
        return first_step(ombudsman) if ombudsman else None
    if current.organisatie.hoger_id is None:
        return None
    return first_step(current.organisatie.hoger)  # type: ignore[arg-type]


def may_act_for(lid: Lid, ontvanger: Ontvanger) -> bool:
    """A member may act for a recipient when in that organisation with that role or one above it."""
    if not lid.actief or lid.organisatie_id != ontvanger.organisatie.pk:
        return False
    if lid.rol == ontvanger.rol:
        return True
    ladder = roles(ontvanger.organisatie)
    return (
        ontvanger.rol in ladder and lid.rol in ladder and ladder.index(lid.rol) > ladder.index(ontvanger.rol)
    )


def roles_acted_for(lid: Lid) -> list[str]:
    """The recipient roles a member may act for in their own organisation: their own and those below it."""
    ladder = roles(lid.organisatie)
    if lid.rol in ladder:
        return ladder[: ladder.index(lid.rol) + 1]
    return [lid.rol]

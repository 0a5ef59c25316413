from __future__ import annotations

from django.db import transaction

from schakel.core import ledger
from schakel.core.errors import GeenToegang, ValidatieFout, require
from schakel.organisaties.models import Lid, Organisatie, Rol, Soort
from schakel.regels.models import Regel, RegelSoort

# Who owns a rule by default: a work instruction its team lead, a policy rule the organisation's board,
# a law or regulation the policy directorate of the ministry above the executor.
DEFAULT_OWNER_ROLE = {
    RegelSoort.WERKINSTRUCTIE: Rol.TEAMLEIDER,
    RegelSoort.BELEIDSREGEL: Rol.BESTUUR,
    RegelSoort.AMVB: Rol.BELEIDSDIRECTIE,
    RegelSoort.WET: Rol.BELEIDSDIRECTIE,
}


def default_owner(*, soort: str, uitvoerder: Organisatie) -> Organisatie:
    if soort in (RegelSoort.WET, RegelSoort.AMVB) and uitvoerder.soort != Soort.MINISTERIE:
        if uitvoerder.hoger is None:
            raise ValidatieFout(
                "Voor een wet of regeling is een eigenaar nodig: de uitvoerder heeft geen ministerie.",
                field="eigenaar_organisatie",
            )
        return uitvoerder.hoger
    return uitvoerder


def regel_create(
    *,
    titel: str,
    soort: str,
    uitvoerder: Organisatie,
    bwb_id: str = "",
    artikel: str = "",
    omschrijving: str = "",
    eigenaar_organisatie: Organisatie | None = None,
    eigenaar_rol: str | None = None,
    actor: str,
) -> Regel:
    titel = titel.strip()
    require(bool(titel), "Geef de titel van de regel.", field="titel")
    require(len(titel) <= 200, "De titel is te lang (hoogstens 200 tekens).", field="titel")
    require(len(artikel) <= 60, "Het artikel is te lang (hoogstens 60 tekens).", field="artikel")
    require(len(bwb_id) <= 20, "Een BWB-id ziet eruit als BWBR0015703.", field="bwb_id")
    require(soort in RegelSoort.values, f"Onbekende soort regel: {soort!r}.", field="soort")
    require(
        not bwb_id or (bwb_id.startswith("BWBR") and bwb_id[4:].isdigit()),
        "Een BWB-id ziet eruit als BWBR0015703.",
        field="bwb_id",
    )
    owner = eigenaar_organisatie or default_owner(soort=soort, uitvoerder=uitvoerder)
    rol = eigenaar_rol or str(DEFAULT_OWNER_ROLE[RegelSoort(soort)])
    require(rol in Rol.values, f"Onbekende rol: {rol!r}.", field="eigenaar_rol")
    with transaction.atomic():
        regel = Regel.objects.create(
            titel=titel,
            soort=soort,
            bwb_id=bwb_id,
            artikel=artikel,
            omschrijving=omschrijving,
            uitvoerder=uitvoerder,
            eigenaar_organisatie=owner,
            eigenaar_rol=rol,
        )
        ledger.append(
            "regel.aangemaakt",
            subject=regel,
            actor=actor,
            data={
                "titel": titel,
                "soort": soort,
                "bwb_id": bwb_id,
                "artikel": artikel,
                "uitvoerder": str(uitvoerder.uuid),
                "eigenaar": str(owner.uuid),
                "eigenaar_rol": rol,
            },
        )
    return regel


REGISTRARS = frozenset({Rol.BEHEERDER, Rol.BELEIDSDIRECTIE})


def regel_register(
    *,
    door: Lid,
    titel: str,
    soort: str,
    uitvoerder: Organisatie,
    bwb_id: str = "",
    artikel: str = "",
    omschrijving: str = "",
    eigenaar_organisatie: Organisatie | None = None,
    eigenaar_rol: str | None = None,
) -> Regel:
    """A member registers a rule: the functional administrator or policy directorate of the executing
    or the owning organisation."""
    require(soort in RegelSoort.values, f"Onbekende soort regel: {soort!r}.", field="soort")
    owner = eigenaar_organisatie or default_owner(soort=soort, uitvoerder=uitvoerder)
    if door.rol not in REGISTRARS or door.organisatie_id not in {uitvoerder.pk, owner.pk}:
        raise GeenToegang(
            "Alleen functioneel beheer of de beleidsdirectie van de uitvoerder of de eigenaar legt regels vast.",
            field="door",
        )
    return regel_create(
        titel=titel,
        soort=soort,
        uitvoerder=uitvoerder,
        bwb_id=bwb_id,
        artikel=artikel,
        omschrijving=omschrijving,
        eigenaar_organisatie=eigenaar_organisatie,
        eigenaar_rol=eigenaar_rol,
        actor=door.ledger_ref,
    )

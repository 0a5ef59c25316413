from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from schakel.core import ledger
from schakel.core.errors import ValidatieFout, require
from schakel.organisaties.ladder import DEFAULT_LADDERS
from schakel.organisaties.models import LadderTrede, Lid, Organisatie, Rol, Soort


def organisatie_create(
    *,
    naam: str,
    code: str,
    soort: str,
    hoger: Organisatie | None = None,
    ladder: list[str] | None = None,
    actor: str,
) -> Organisatie:
    naam = naam.strip()
    require(bool(naam), "Geef de naam van de organisatie.", field="naam")
    require(soort in Soort.values, f"Onbekende soort organisatie: {soort!r}.", field="soort")
    require(
        bool(code) and code.replace("-", "").isalnum(),
        "De code bestaat uit letters, cijfers en '-'.",
        field="code",
    )
    steps = ladder if ladder is not None else [str(r) for r in DEFAULT_LADDERS[soort]]
    for rol in steps:
        require(rol in Rol.values, f"Onbekende rol in de ladder: {rol!r}.", field="ladder")
    require(len(set(steps)) == len(steps), "Een rol staat maar één keer in de ladder.", field="ladder")
    with transaction.atomic():
        if Organisatie.objects.filter(code=code).exists():
            raise ValidatieFout(f"Er is al een organisatie met code {code!r}.", field="code")
        organisatie = Organisatie.objects.create(naam=naam, code=code, soort=soort, hoger=hoger)
        LadderTrede.objects.bulk_create(
            LadderTrede(organisatie=organisatie, positie=i, rol=rol) for i, rol in enumerate(steps, start=1)
        )
        ledger.append(
            "organisatie.aangemaakt",
            subject=organisatie,
            actor=actor,
            data={
                "naam": naam,
                "code": code,
                "soort": soort,
                "hoger": str(hoger.uuid) if hoger else None,
                "ladder": steps,
            },
        )
    return organisatie


def lid_add(
    *, organisatie: Organisatie, gebruikersnaam: str, rol: str, email: str = "", naam: str = "", actor: str
) -> Lid:
    require(rol in Rol.values, f"Onbekende rol: {rol!r}.", field="rol")
    gebruikersnaam = gebruikersnaam.strip()
    require(bool(gebruikersnaam), "Geef een gebruikersnaam.", field="gebruikersnaam")
    User = get_user_model()
    with transaction.atomic():
        user, _ = User.objects.get_or_create(
            username=gebruikersnaam, defaults={"email": email, "first_name": naam[:150]}
        )
        if Lid.objects.filter(gebruiker=user, organisatie=organisatie, rol=rol).exists():
            raise ValidatieFout("Deze persoon heeft deze rol al in deze organisatie.", field="rol")
        lid = Lid.objects.create(gebruiker=user, organisatie=organisatie, rol=rol)
        ledger.append(
            "lid.toegevoegd",
            subject=lid,
            actor=actor,
            data={"organisatie": str(organisatie.uuid), "rol": rol},
        )
    return lid

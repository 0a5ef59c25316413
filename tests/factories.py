"""Factories. Every domain record is made through its service, so factories can never produce a state the
services would refuse, and the ledger stays a complete chain. Each factory has a trait per state."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

import factory
from django.utils import timezone

from schakel.casussen.models import Casus, Maatwerkbesluit
from schakel.casussen.services import casus_create, maatwerkbesluit_take
from schakel.noodremmen.models import Anonimiteit, BurgerSoort, Niveau, Noodrem, TeruggaveKeuze
from schakel.noodremmen.services import noodrem_answer, noodrem_pull
from schakel.opdrachten.models import BesluitKeuze, Opdracht, Uitvoerbaar
from schakel.opdrachten.services import opdracht_create, opdracht_decide, opdracht_request_toets, toets_submit
from schakel.organisaties.models import Lid, Organisatie, Rol, Soort
from schakel.organisaties.services import lid_add, organisatie_create
from schakel.regels.models import Regel, RegelSoort
from schakel.regels.services import regel_create
from schakel.signalen.models import Signaal
from schakel.signalen.services import signaal_afronden, signaal_answer, signaal_raise

MOTIVERING = "Deze regel pakt in dit geval onrechtvaardig uit voor de burger en dat is niet de bedoeling."
TOELICHTING = "Wij hebben dit zorgvuldig bekeken en leggen hier uit wat wij doen en waarom wij dat doen."
_counter = itertools.count(1)


def _next(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


class OrganisatieFactory(factory.Factory):
    class Meta:
        model = Organisatie

    naam = factory.LazyFunction(lambda: _next("Organisatie "))
    code = factory.LazyFunction(lambda: _next("org-"))
    soort = Soort.UITVOERINGSORGANISATIE
    hoger = None

    class Params:
        ministerie = factory.Trait(soort=Soort.MINISTERIE)
        parlement = factory.Trait(soort=Soort.PARLEMENT)
        gemeente = factory.Trait(soort=Soort.GEMEENTE)
        ombudsman = factory.Trait(soort=Soort.OMBUDSMAN)

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Organisatie:
        return organisatie_create(actor="test", **kwargs)


class LidFactory(factory.Factory):
    class Meta:
        model = Lid

    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.PROFESSIONAL
    gebruikersnaam = factory.LazyFunction(lambda: _next("gebruiker"))

    class Params:
        teamleider = factory.Trait(rol=Rol.TEAMLEIDER)
        bestuur = factory.Trait(rol=Rol.BESTUUR)
        coordinator = factory.Trait(rol=Rol.MAATWERKCOORDINATOR)
        vertrouwenspersoon = factory.Trait(rol=Rol.VERTROUWENSPERSOON)

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Lid:
        return lid_add(actor="test", email=f"{kwargs['gebruikersnaam']}@test.invalid", **kwargs)


@dataclass
class World:
    """A small public sector: parliament ← ministry ← executive (+ municipality, ombudsman), one member per role."""

    parlement: Organisatie
    ministerie: Organisatie
    uitvoerder: Organisatie
    gemeente: Organisatie
    ombudsman: Organisatie
    leden: dict[str, Lid] = field(default_factory=dict)

    @classmethod
    def build(cls) -> World:
        parlement = OrganisatieFactory(parlement=True, naam="Tweede Kamer", code="tk")
        ministerie = OrganisatieFactory(ministerie=True, naam="Ministerie", code="min", hoger=parlement)
        uitvoerder = OrganisatieFactory(naam="Uitvoerder", code="uo", hoger=ministerie)
        gemeente = OrganisatieFactory(gemeente=True, naam="Gemeente", code="gem", hoger=ministerie)
        ombudsman = OrganisatieFactory(ombudsman=True, naam="Nationale ombudsman", code="no")
        world = cls(parlement, ministerie, uitvoerder, gemeente, ombudsman)
        for org, rollen in [
            (
                uitvoerder,
                [
                    Rol.PROFESSIONAL,
                    Rol.TEAMLEIDER,
                    Rol.MAATWERKCOORDINATOR,
                    Rol.VERTROUWENSPERSOON,
                    Rol.BESTUUR,
                    Rol.BEHEERDER,
                ],
            ),
            (gemeente, [Rol.PROFESSIONAL, Rol.TEAMLEIDER, Rol.BESTUUR, Rol.VERTROUWENSPERSOON]),
            (ministerie, [Rol.BELEIDSDIRECTIE, Rol.BEWINDSPERSOON]),
            (parlement, [Rol.GRIFFIE]),
            (ombudsman, [Rol.BESTUUR]),
        ]:
            for rol in rollen:
                world.leden[f"{org.code}.{rol}"] = LidFactory(
                    organisatie=org, rol=rol, gebruikersnaam=f"{org.code}-{rol}"
                )
        return world

    def lid(self, key: str) -> Lid:
        return self.leden[key]

    @property
    def professional(self) -> Lid:
        return self.leden["uo.professional"]


class RegelFactory(factory.Factory):
    class Meta:
        model = Regel

    titel = factory.LazyFunction(lambda: _next("Regel "))
    soort = RegelSoort.WERKINSTRUCTIE
    uitvoerder: Any = None

    class Params:
        wet = factory.Trait(soort=RegelSoort.WET, bwb_id="BWBR0019057", artikel="art. 77")
        beleidsregel = factory.Trait(soort=RegelSoort.BELEIDSREGEL)

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Regel:
        return regel_create(actor="test", **kwargs)


def casus(
    world: World, *, regels: list[Regel] | None = None, door: Lid | None = None, **kwargs: Any
) -> Casus:
    regels = regels or [RegelFactory(uitvoerder=world.uitvoerder)]
    return casus_create(
        door=door or world.professional,
        titel=kwargs.pop("titel", "Casus"),
        omschrijving=kwargs.pop("omschrijving", "Een burger komt door deze regel onterecht in de schulden."),
        regels=regels,
        beginsel_codes=kwargs.pop("beginsel_codes", ["AWB-EVENREDIGHEID"]),
        **kwargs,
    )


def maatwerkbesluit(world: World, c: Casus | None = None, **kwargs: Any) -> Maatwerkbesluit:
    c = c or casus(world)
    return maatwerkbesluit_take(
        casus=c,
        door=kwargs.pop("door", world.professional),
        regel=kwargs.pop("regel", c.regels.first()),
        beginsel_codes=kwargs.pop("beginsel_codes", ["AWB-EVENREDIGHEID"]),
        besluit=kwargs.pop("besluit", "Afzien van terugvordering."),
        motivering=MOTIVERING,
        **kwargs,
    )


def signaal(
    world: World,
    *,
    state: str = "open",
    regel: Regel | None = None,
    now: dt.datetime | None = None,
    **kwargs: Any,
) -> Signaal:
    """A signaal in one of its states: open, beantwoord_comply, beantwoord_explain, opgelost, afgewezen."""
    regel = regel or RegelFactory(uitvoerder=world.uitvoerder)
    s = signaal_raise(
        door=kwargs.pop("door", world.professional),
        regel=regel,
        titel="Knelpunt",
        knelpunt=MOTIVERING,
        beginsel_codes=kwargs.pop("beginsel_codes", ["AWB-EVENREDIGHEID"]),
        now=now,
        **kwargs,
    )
    if state == "open":
        return s
    owner = Lid.objects.get(organisatie=regel.eigenaar_organisatie, rol=regel.eigenaar_rol)
    comply = state in ("beantwoord_comply", "opgelost")
    signaal_answer(
        signaal=s,
        door=owner,
        soort="comply" if comply else "explain",
        toelichting=TOELICHTING,
        maatregel="De regel wordt aangepast." if comply else "",
        gereed_op=(timezone.now() + dt.timedelta(days=30)).date() if comply else None,
        per_beginsel={} if comply else {"AWB-EVENREDIGHEID": TOELICHTING},
        now=now,
    )
    if state in ("opgelost", "afgewezen"):
        signaal_afronden(signaal=s, door=owner, toelichting=TOELICHTING, now=now)
    s.refresh_from_db()
    return s


def noodrem(
    world: World,
    *,
    state: str = "getrokken",
    niveau: str = Niveau.PROFESSIONAL,
    now: dt.datetime | None = None,
    **kwargs: Any,
) -> Noodrem:
    """A brake in one of its states: getrokken, opgevolgd, uitgelegd."""
    if niveau == Niveau.BURGER:
        kwargs.setdefault("zaak_organisatie", world.gemeente)
        kwargs.setdefault("burger_soort", BurgerSoort.KLACHT)
    elif niveau == Niveau.ORGANISATIE:
        kwargs.setdefault("opdracht", opdracht(world, state="vastgesteld"))
        kwargs.setdefault("door", world.lid("uo.bestuur"))
    elif not any(k in kwargs for k in ("casus", "regel", "maatwerkbesluit", "opdracht")):
        kwargs["regel"] = RegelFactory(uitvoerder=world.uitvoerder)
    if niveau != Niveau.BURGER:
        kwargs.setdefault("door", world.professional)
    kwargs.setdefault("anonimiteit", Anonimiteit.GENOEMD)
    result = noodrem_pull(
        niveau=niveau,
        beginsel_codes=kwargs.pop("beginsel_codes", ["AWB-EVENREDIGHEID"]),
        motivering=MOTIVERING,
        now=now,
        **kwargs,
    )
    n = result.noodrem
    n.ontvangstcode = result.ontvangstcode  # type: ignore[attr-defined]
    if state == "getrokken":
        return n
    recipient = Lid.objects.get(organisatie=n.ontvanger_organisatie, rol=n.ontvanger_rol)
    if state == "opgevolgd":
        extra = {"teruggave_keuze": TeruggaveKeuze.INTREKKEN} if niveau == Niveau.ORGANISATIE else {}
        noodrem_answer(
            noodrem=n,
            door=recipient,
            soort="comply",
            toelichting=TOELICHTING,
            maatregel="Het besluit is teruggedraaid.",
            now=now,
            **extra,
        )
    else:
        noodrem_answer(
            noodrem=n,
            door=recipient,
            soort="explain",
            toelichting=TOELICHTING,
            per_beginsel={c: TOELICHTING for c in n.beginselen.values_list("code", flat=True)},
            now=now,
        )
    n.refresh_from_db()
    n.ontvangstcode = result.ontvangstcode  # type: ignore[attr-defined]
    return n


TOETS = {
    "kosten": "Tien miljoen euro.",
    "doorlooptijd": "Twee jaar.",
    "ict": "Nieuwe koppeling nodig.",
    "effect_burgers": "Meer terugvorderingen.",
    "ondergrenzen": "Beslistermijnen komen in gevaar.",
    "waardenafweging": "Rechtmatigheid tegenover bestaanszekerheid.",
}


def opdracht(
    world: World, *, state: str = "ontwerp", uitvoerbaar: str = Uitvoerbaar.NEE, titel: str = "Nieuwe toets"
) -> Opdracht:
    """An opdracht in one of its states: ontwerp, toets_gevraagd, getoetst, vastgesteld."""
    dg = world.lid("min.beleidsdirectie")
    o = opdracht_create(
        door=dg,
        uitvoerder=world.uitvoerder,
        titel=titel,
        omschrijving="Voer per volgend jaar een maandelijkse inkomenstoets in voor alle gerechtigden.",
    )
    if state == "ontwerp":
        return o
    opdracht_request_toets(opdracht=o, door=dg)
    if state == "toets_gevraagd":
        return o
    toets = toets_submit(
        opdracht=o,
        door=world.lid("uo.bestuur"),
        uitvoerbaar=uitvoerbaar,
        voorwaarden="Alleen met extra budget." if uitvoerbaar == Uitvoerbaar.ONDER_VOORWAARDEN else "",
        **TOETS,
    )
    if state == "getoetst":
        o.refresh_from_db()
        return o
    opdracht_decide(
        opdracht=o,
        door=dg,
        keuze=BesluitKeuze.VASTSTELLEN,
        motivering=MOTIVERING,
        gewogen_toets=toets if toets.negatief else None,
        weging_toets=TOELICHTING if toets.negatief else "",
    )
    o.refresh_from_db()
    return o

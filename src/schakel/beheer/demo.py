"""A realistic demo: UWV, the police, a municipality, two ministries, a parliament committee and the
ombudsman, their people, rules, and the two cases from the ROB advice (the WIA advance repayment and the
senior who cannot file a digital police report), with signals, brakes and an opdracht whose toets says
'nee'. Everything goes through the services, so the ledger tells the whole story."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from schakel.beginselen.services import beginselen_load_default
from schakel.casussen.models import Perspectief, Uitkomst
from schakel.casussen.services import (
    beraad_conclude,
    beraad_start,
    bijdrage_add,
    casus_create,
    maatwerkbesluit_take,
)
from schakel.noodremmen.models import Anonimiteit, BurgerSoort, Niveau
from schakel.noodremmen.services import noodrem_answer, noodrem_pull
from schakel.opdrachten.models import BesluitKeuze, Uitvoerbaar
from schakel.opdrachten.services import opdracht_create, opdracht_decide, opdracht_request_toets, toets_submit
from schakel.organisaties.models import Lid, Organisatie, Rol, Soort
from schakel.organisaties.services import lid_add, organisatie_create
from schakel.regels.models import RegelSoort
from schakel.regels.services import regel_create
from schakel.signalen.services import signaal_answer, signaal_raise

DEMO_PASSWORD = "schakel-demo"
ACTOR = "demo"

ORGANISATIES = [
    # code, naam, soort, hoger
    ("tk-szw", "Tweede Kamer, vaste commissie SZW", Soort.PARLEMENT, None),
    ("tk-jenv", "Tweede Kamer, vaste commissie JenV", Soort.PARLEMENT, None),
    ("szw", "Ministerie van Sociale Zaken en Werkgelegenheid", Soort.MINISTERIE, "tk-szw"),
    ("jenv", "Ministerie van Justitie en Veiligheid", Soort.MINISTERIE, "tk-jenv"),
    ("uwv", "UWV", Soort.UITVOERINGSORGANISATIE, "szw"),
    ("politie", "Politie", Soort.UITVOERINGSORGANISATIE, "jenv"),
    ("utrecht", "Gemeente Utrecht", Soort.GEMEENTE, "szw"),
    ("ombudsman", "Nationale ombudsman", Soort.OMBUDSMAN, None),
]

LEDEN = [
    # gebruikersnaam, naam, organisatie, rol
    ("petra", "Petra de Vries", "uwv", Rol.PROFESSIONAL),
    ("jan", "Jan Bakker", "uwv", Rol.PROFESSIONAL),
    ("tom", "Tom Jansen", "uwv", Rol.TEAMLEIDER),
    ("mira", "Mira El Idrissi", "uwv", Rol.MAATWERKCOORDINATOR),
    ("vera", "Vera Smit", "uwv", Rol.VERTROUWENSPERSOON),
    ("bestuur-uwv", "Raad van bestuur UWV", "uwv", Rol.BESTUUR),
    ("agent-kees", "Kees Mulder", "politie", Rol.PROFESSIONAL),
    ("tl-politie", "Sanne Visser", "politie", Rol.TEAMLEIDER),
    ("korpsleiding", "Korpsleiding", "politie", Rol.BESTUUR),
    ("consulent-ayla", "Ayla Demir", "utrecht", Rol.PROFESSIONAL),
    ("tl-utrecht", "Bas Hendriks", "utrecht", Rol.TEAMLEIDER),
    ("college-utrecht", "College van B en W", "utrecht", Rol.BESTUUR),
    ("dg-szw", "DG Werk en Inkomen", "szw", Rol.BELEIDSDIRECTIE),
    ("minister-szw", "Minister van SZW (staf)", "szw", Rol.BEWINDSPERSOON),
    ("dg-jenv", "DG Politie en Veiligheidsregio's", "jenv", Rol.BELEIDSDIRECTIE),
    ("minister-jenv", "Minister van JenV (staf)", "jenv", Rol.BEWINDSPERSOON),
    ("griffie-szw", "Griffier commissie SZW", "tk-szw", Rol.GRIFFIE),
    ("griffie-jenv", "Griffier commissie JenV", "tk-jenv", Rol.GRIFFIE),
    ("ombudsman", "Bureau Nationale ombudsman", "ombudsman", Rol.BESTUUR),
    ("beheer", "Functioneel beheer", "uwv", Rol.BEHEERDER),
]


def demo_present() -> bool:
    return Organisatie.objects.filter(code="uwv").exists()


@transaction.atomic
def load_demo(*, now: dt.datetime | None = None) -> bool:
    """Load the demo once; returns False when it is already there."""
    if demo_present():
        return False
    now = now or timezone.now()
    beginselen_load_default(actor=ACTOR)
    orgs: dict[str, Organisatie] = {}
    for code, naam, soort, hoger in ORGANISATIES:
        orgs[code] = organisatie_create(
            naam=naam, code=code, soort=soort, hoger=orgs.get(hoger or ""), actor=ACTOR
        )
    leden: dict[str, Lid] = {}
    User = get_user_model()
    for username, naam, org, rol in LEDEN:
        leden[username] = lid_add(
            organisatie=orgs[org],
            gebruikersnaam=username,
            rol=rol,
            naam=naam,
            email=f"{username}@demo.schakel.invalid",
            actor=ACTOR,
        )
        user = User.objects.get(username=username)
        user.set_password(DEMO_PASSWORD)
        # The functional administrator may look through the (read-only) admin.
        user.is_staff = user.is_superuser = rol == Rol.BEHEERDER
        user.save(update_fields=["password", "is_staff", "is_superuser"])

    # Rules and their owners.
    wia_voorschot = regel_create(
        titel="Terugvordering van te veel betaald WIA-voorschot",
        soort=RegelSoort.WET,
        uitvoerder=orgs["uwv"],
        bwb_id="BWBR0019057",
        artikel="art. 77",
        actor=ACTOR,
        omschrijving="Wat als voorschot te veel is betaald, wordt teruggevorderd.",
    )
    wi_terugvordering = regel_create(
        titel="Werkinstructie terugvordering voorschotten",
        soort=RegelSoort.WERKINSTRUCTIE,
        uitvoerder=orgs["uwv"],
        actor=ACTOR,
        omschrijving="Vorder het volledige verschil terug binnen 6 weken na het WIA-besluit.",
    )
    digitale_aangifte = regel_create(
        titel="Aangifte van eenvoudige delicten alleen digitaal",
        soort=RegelSoort.BELEIDSREGEL,
        uitvoerder=orgs["politie"],
        actor=ACTOR,
        omschrijving="Burgers doen aangifte van eenvoudige delicten via het digitale formulier.",
    )
    regel_create(
        titel="Terugvordering bijstand bij onverschuldigde betaling",
        soort=RegelSoort.WET,
        uitvoerder=orgs["utrecht"],
        bwb_id="BWBR0015703",
        artikel="art. 58",
        actor=ACTOR,
    )

    # The WIA advance: a casus, a deliberation with the whole system in the room, a fix and a solve.
    petra, mira = leden["petra"], leden["mira"]
    simon = casus_create(
        door=petra,
        titel="Terugvordering WIA-voorschot na te laat besluit",
        omschrijving=(
            "Cliënt kreeg na faillissement van zijn werkgever WW, werd ziek en kwam in de Ziektewet. Hij vroeg "
            "tijdig WIA aan. Omdat UWV vijf maanden te laat besloot, ontving hij al die tijd een voorschot gelijk "
            "aan zijn Ziektewetuitkering. De WIA-uitkering bleek veel lager: nu moet hij duizenden euro's "
            "terugbetalen, terwijl het voorschot juist schulden moest voorkomen."
        ),
        regels=[wia_voorschot, wi_terugvordering],
        beginsel_codes=["AWB-EVENREDIGHEID", "ABBB-VERTROUWEN"],
        now=now - dt.timedelta(days=60),
    )
    beraad = beraad_start(
        casus=simon,
        door=mira,
        vraag="Mag UWV afzien van terugvordering als de vertraging aan UWV zelf te wijten is?",
        deelnemers=[petra, leden["tom"], leden["jan"]],
    )
    for perspectief, door, tekst in [
        (
            Perspectief.JURIDISCH,
            leden["jan"],
            "De wet verplicht tot terugvordering, maar de evenredigheid van "
            "artikel 3:4 Awb laat ruimte om in dit geval af te zien van invordering.",
        ),
        (
            Perspectief.FINANCIEEL,
            leden["tom"],
            "Het bedrag is voor de cliënt onbetaalbaar en de kosten van "
            "invordering wegen niet op tegen de opbrengst.",
        ),
        (
            Perspectief.PROFESSIONEEL,
            petra,
            "De vertraging lag bij UWV; de cliënt kon niet weten dat het voorschot "
            "te hoog was en heeft te goeder trouw gehandeld.",
        ),
        (
            Perspectief.BURGER,
            mira,
            "De cliëntenraad ziet dit vaker: mensen raken in de schulden door een voorschot "
            "dat juist bedoeld was om schulden te voorkomen.",
        ),
    ]:
        bijdrage_add(beraad=beraad, door=door, perspectief=perspectief, tekst=tekst)
    beraad_conclude(
        beraad=beraad,
        door=mira,
        uitkomst=Uitkomst.SOLVE,
        regel=wia_voorschot,
        now=now - dt.timedelta(days=50),
        signaal_titel="Terugvordering WIA-voorschot bij vertraging door UWV",
        motivering="Vergelijkbare gevallen stapelen zich op; individuele kwijtschelding is onhoudbaar en leidt tot "
        "rechtsongelijkheid. De regel moet veranderen: geen terugvordering als UWV te laat besloot.",
    )
    maatwerkbesluit_take(
        casus=simon,
        door=petra,
        regel=wi_terugvordering,
        beginsel_codes=["AWB-EVENREDIGHEID"],
        besluit="Afzien van invordering van het te veel betaalde voorschot.",
        motivering="De vertraging is aan UWV te wijten en terugvordering zou de cliënt onevenredig hard treffen, "
        "terwijl het voorschot juist bedoeld was om schulden te voorkomen.",
        beraad=beraad,
        now=now - dt.timedelta(days=49),
    )

    # The senior and the digital police report: a fix by the agent and a signal to the owner.
    kees = leden["agent-kees"]
    senior = casus_create(
        door=kees,
        titel="Senior kan geen digitale aangifte doen",
        omschrijving=(
            "Een oudere vrouw van wie de fiets is gestolen heeft geen computer en kan het digitale "
            "aangifteformulier niet invullen. Zij komt naar het bureau en wordt teruggestuurd naar de website."
        ),
        regels=[digitale_aangifte],
        beginsel_codes=["ROB-DOENVERMOGEN", "NO-MAATWERK"],
        now=now - dt.timedelta(days=20),
    )
    maatwerkbesluit_take(
        casus=senior,
        door=kees,
        regel=digitale_aangifte,
        beginsel_codes=["ROB-DOENVERMOGEN"],
        besluit="De agent neemt de aangifte in een gesprek op en vult het formulier namens haar in.",
        motivering="Zij kan het digitale formulier redelijkerwijs niet zelf invullen; de regel is bedoeld om "
        "aangifte eenvoudiger te maken, niet om haar de toegang tot de politie te ontnemen.",
        now=now - dt.timedelta(days=20),
    )
    signaal = signaal_raise(
        door=kees,
        regel=digitale_aangifte,
        titel="Senioren kunnen niet digitaal aangifte doen",
        knelpunt="Veel agenten werken om de regel heen door aangiftes namens senioren in te vullen, zonder dat daar "
        "capaciteit voor is. Leg vast dat analoge aangifte voor senioren altijd mogelijk is.",
        casussen=[senior],
        beginsel_codes=["ROB-DOENVERMOGEN"],
        now=now - dt.timedelta(days=19),
    )
    signaal_answer(
        signaal=signaal,
        door=leden["korpsleiding"],
        soort="comply",
        gereed_op=(now + dt.timedelta(days=90)).date(),
        toelichting="Wij passen de beleidsregel aan zodat senioren altijd op het bureau aangifte kunnen doen, en "
        "ruimen daarvoor capaciteit in.",
        maatregel="Beleidsregel aangepast: analoge aangifte blijft mogelijk; capaciteit per basisteam ingepland.",
        now=now - dt.timedelta(days=5),
    )

    # A confidential professional brake on the work instruction; answered too late, so it escalated.
    noodrem_pull(
        niveau=Niveau.PROFESSIONAL,
        door=leden["jan"],
        anonimiteit=Anonimiteit.VERTROUWELIJK,
        regel=wi_terugvordering,
        beginsel_codes=["AWB-EVENREDIGHEID", "ABBB-VERTROUWEN"],
        motivering="Deze werkinstructie dwingt ons om ook terug te vorderen als UWV zelf te laat besloot; dat "
        "treft mensen onevenredig en schendt het vertrouwen dat het voorschot wekte.",
        now=now - dt.timedelta(days=14),
    )
    # A professional from another organisation pulls the brake on the police rule (platform button).
    getrokken = noodrem_pull(
        niveau=Niveau.PROFESSIONAL,
        door=leden["consulent-ayla"],
        anonimiteit=Anonimiteit.GENOEMD,
        regel=digitale_aangifte,
        beginsel_codes=["NO-SAMENWERKING"],
        motivering="Cliënten van de gemeente worden bij de politie weggestuurd omdat ze niet digitaal aangifte "
        "kunnen doen; wij verwijzen ze door en ze komen nergens terecht.",
        now=now - dt.timedelta(days=3),
    )
    noodrem_answer(
        noodrem=getrokken.noodrem,
        door=leden["korpsleiding"],
        soort="comply",
        toelichting="Terecht: de balies krijgen per direct de instructie om aangifte van deze cliënten op te nemen.",
        maatregel="Instructie aan alle balies verstuurd; analoge aangifte weer mogelijk.",
        now=now - dt.timedelta(days=2),
    )
    # A citizen's complaint at the municipality, without an account.
    noodrem_pull(
        niveau=Niveau.BURGER,
        burger_soort=BurgerSoort.KLACHT,
        zaak_organisatie=orgs["utrecht"],
        zaak_kenmerk="BIJ-2026-0412",
        beginsel_codes=["NO-LUISTEREN", "AWB-EVENREDIGHEID"],
        motivering="Ik moet de hele bijstand over drie maanden terugbetalen omdat ik een formulier te laat "
        "inleverde, terwijl ik toen in het ziekenhuis lag. Niemand heeft naar mij geluisterd.",
        now=now - dt.timedelta(days=10),
    )

    # An opdracht with a negative toets, decided with explicit weighing, then returned by UWV.
    opdracht = opdracht_create(
        door=leden["dg-szw"],
        uitvoerder=orgs["uwv"],
        titel="Nieuwe inkomenstoets WIA per 1 januari 2027",
        omschrijving="Voer per 1 januari 2027 een maandelijkse inkomenstoets in voor alle WIA-gerechtigden, "
        "met automatische verrekening.",
        regel=wia_voorschot,
        now=now - dt.timedelta(days=120),
    )
    opdracht_request_toets(opdracht=opdracht, door=leden["dg-szw"], now=now - dt.timedelta(days=118))
    toets = toets_submit(
        opdracht=opdracht,
        door=leden["bestuur-uwv"],
        uitvoerbaar=Uitvoerbaar.NEE,
        kosten="Circa 45 miljoen euro eenmalig en 12 miljoen euro per jaar.",
        doorlooptijd="Minimaal 30 maanden na vaststelling.",
        ict="Vergt een nieuwe koppeling met de polisadministratie; de huidige systemen kunnen dit niet.",
        effect_burgers="Maandelijks wisselende uitkeringen en terugvorderingen; grote kans op schulden.",
        ondergrenzen="Bij invoering per 2027 kan UWV de wettelijke beslistermijnen niet meer halen.",
        waardenafweging="Rechtmatigheid weegt hier niet op tegen bestaanszekerheid en doenvermogen.",
        now=now - dt.timedelta(days=90),
    )
    opdracht_decide(
        opdracht=opdracht,
        door=leden["minister-szw"],
        keuze=BesluitKeuze.VASTSTELLEN,
        gewogen_toets=toets,
        motivering="De inkomenstoets is nodig om onterechte uitkeringen te voorkomen en is politiek afgesproken.",
        weging_toets="Wij hebben de negatieve toets gewogen en accepteren het risico; UWV krijgt extra budget voor "
        "de ICT-aanpassing en de invoering blijft op 2027.",
        now=now - dt.timedelta(days=80),
    )
    noodrem_pull(
        niveau=Niveau.ORGANISATIE,
        door=leden["bestuur-uwv"],
        opdracht=opdracht,
        beginsel_codes=["ROB-UITVOERBAARHEID", "ROB-DOENVERMOGEN"],
        motivering="De opdracht is niet uitvoerbaar binnen de ondergrenzen van onze dienstverlening en zal burgers "
        "in de schulden brengen; wij geven haar terug tot zij is gewijzigd of opnieuw gewogen.",
        now=now - dt.timedelta(days=40),
    )
    return True

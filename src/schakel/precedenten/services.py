"""Writes of the precedent work: keeping the search index in step with the casussen (inside the same
transaction as the change, so search never shows a state the record does not have), sharing with the
learning network, and the fix → solve proposals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from schakel.casussen.models import Casus, Maatwerkbesluit
from schakel.casussen.workflow import CasusStatus
from schakel.core import ledger
from schakel.core.errors import GeenToegang, OngeldigeOvergang
from schakel.core.obligations import notify, require_motivering
from schakel.core.workflow import lock
from schakel.organisaties.ladder import Ontvanger
from schakel.organisaties.models import Lid, Organisatie, Rol
from schakel.precedenten import index
from schakel.precedenten.analyse import stems
from schakel.precedenten.models import (
    Uitkomst,
    Voorstel,
    VoorstelStatus,
    Zoekdocument,
    Zoekstatistiek,
    Zoekterm,
)
from schakel.precedenten.workflow import voorstel_transition
from schakel.regels.models import Regel
from schakel.signalen.models import SignaalBron
from schakel.signalen.services import signaal_raise

DELERS = frozenset({Rol.MAATWERKCOORDINATOR, Rol.TEAMLEIDER, Rol.BESTUUR})


def _uitkomst(casus: Casus, besluiten: list[Maatwerkbesluit]) -> str:
    if besluiten:
        return Uitkomst.AFGEWEKEN
    if casus.status == CasusStatus.AFGEROND:
        return Uitkomst.NIET_AFGEWEKEN
    return Uitkomst.OPEN


def _adjust_df(terms: Iterable[str], delta: int) -> None:
    terms = list(terms)
    if not terms:
        return
    with connection.cursor() as cursor:
        if delta > 0:
            cursor.executemany(
                "INSERT INTO precedenten_zoekterm (term, df) VALUES (%s, %s) "
                "ON CONFLICT (term) DO UPDATE SET df = precedenten_zoekterm.df + excluded.df",
                [(t, delta) for t in terms],
            )
        else:
            # An upsert would check the negative candidate row against df >= 0 before resolving.
            cursor.executemany(
                "UPDATE precedenten_zoekterm SET df = df - %s WHERE term = %s AND df >= %s",
                [(-delta, t, -delta) for t in terms],
            )


def casus_indexeren(casus: Casus) -> Zoekdocument:
    """Bring the casus's search document up to date. Call inside the transaction that changed it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("casus_indexeren hoort in de transactie van de wijziging")
    besluiten = list(casus.maatwerkbesluiten.select_related("regel").order_by("genomen_op"))
    tekst = f"{casus.titel}\n{casus.omschrijving}"
    new_stems = stems(tekst)
    fields = {
        "organisatie": casus.organisatie,
        "gedeeld": casus.gedeeld,
        "tekst": tekst,
        "stemmen": " ".join(new_stems),
        "lengte": len(new_stems),
        "regels": " ".join(str(r.uuid) for r in casus.regels.all()),
        "beginselen": " ".join(b.code for b in casus.beginselen.all()),
        "uitkomst": _uitkomst(casus, besluiten),
        "besluiten": [{"regel": str(b.regel.uuid), "besluit": b.besluit[:300]} for b in besluiten],
        "datum": casus.aangemaakt_op,
    }
    stats, _ = Zoekstatistiek.objects.select_for_update().get_or_create(pk=1)
    doc = Zoekdocument.objects.filter(casus=casus).first()
    if doc is None:
        doc = Zoekdocument.objects.create(casus=casus, **fields)
        _adjust_df(set(new_stems), +1)
        stats.documenten += 1
        stats.totale_lengte += len(new_stems)
    else:
        old_stems = doc.stemmen.split()
        index.remove(doc.pk, doc.stemmen)
        for name, value in fields.items():
            setattr(doc, name, value)
        doc.save()
        _adjust_df(set(new_stems) - set(old_stems), +1)
        _adjust_df(set(old_stems) - set(new_stems), -1)
        stats.totale_lengte += len(new_stems) - len(old_stems)
    index.add(doc.pk, doc.stemmen)
    stats.save()
    return doc


def casus_delen(*, casus: Casus, door: Lid) -> Casus:
    """Share a (pseudonymised) casus and its decisions with the learning network: precedent search and
    pattern detection then include it for every participating organisation."""
    if not door.actief or door.organisatie_id != casus.organisatie_id or door.rol not in DELERS:
        raise GeenToegang(
            "Alleen de maatwerkcoördinator, teamleider of het bestuur van de behandelende organisatie deelt.",
            field="door",
        )
    with transaction.atomic():
        casus = lock(casus)
        if casus.gedeeld:
            raise OngeldigeOvergang("Deze casus is al gedeeld met het leernetwerk.", field="gedeeld")
        Casus.objects.filter(pk=casus.pk).update(gedeeld=True)
        casus.gedeeld = True
        ledger.append("casus.gedeeld", subject=casus, actor=door.ledger_ref, data={"gedeeld": True})
        casus_indexeren(casus)
    return casus


def _deviations(regel: Regel, organisatie: Organisatie, since: dt.datetime) -> list[Casus]:
    """Casussen with a maatwerkbesluit on this rule in the window: the organisation's own, and — when it
    takes part in the learning network — those shared by others."""
    in_network = Casus.objects.filter(organisatie=organisatie, gedeeld=True).exists()
    scope = Q(organisatie=organisatie) | (Q(gedeeld=True) if in_network else Q(pk__in=[]))
    return list(
        Casus.objects.filter(scope)
        .filter(maatwerkbesluiten__regel=regel, maatwerkbesluiten__genomen_op__gte=since)
        .distinct()
        .order_by("pk")
    )


def patroon_check(
    *, regel: Regel, organisatie: Organisatie, now: dt.datetime | None = None
) -> Voorstel | None:
    """Propose a structural signaal when deviations from one rule pile up (default 5 in 12 months). A
    dismissed proposal comes back when the count has doubled. Call inside the deciding transaction."""
    now = now or timezone.now()
    casussen = _deviations(regel, organisatie, now - relativedelta(months=settings.SCHAKEL_PATROON_MAANDEN))
    if len(casussen) < settings.SCHAKEL_PATROON_DREMPEL:
        return None
    earlier = Voorstel.objects.filter(regel=regel, organisatie=organisatie).order_by("-aangemaakt_op").first()
    if earlier is not None and (earlier.status == VoorstelStatus.OPEN or len(casussen) < 2 * earlier.aantal):
        return None
    voorstel = Voorstel.objects.create(regel=regel, organisatie=organisatie, aantal=len(casussen))
    voorstel.casussen.set(casussen)
    ledger.append(
        "voorstel.gedaan",
        subject=voorstel,
        actor="systeem",
        data={
            "regel": str(regel.uuid),
            "organisatie": str(organisatie.uuid),
            "aantal": len(casussen),
            "casussen": [str(c.uuid) for c in casussen],
            "eerder_afgewezen": str(earlier.uuid) if earlier else None,
        },
    )
    notify(
        Ontvanger(organisatie, Rol.MAATWERKCOORDINATOR),
        soort="voorstel",
        item=voorstel,
        now=now,
        tekst=f"{len(casussen)} keer maatwerk op '{regel.titel}': Schakel stelt een signaal aan de eigenaar voor.",
    )
    return voorstel


def _require_coordinator(door: Lid, voorstel: Voorstel) -> None:
    if (
        not door.actief
        or door.organisatie_id != voorstel.organisatie_id
        or door.rol != Rol.MAATWERKCOORDINATOR
    ):
        raise GeenToegang(
            "Alleen de maatwerkcoördinator van deze organisatie beslist over dit voorstel.", field="door"
        )


def voorstel_bevestigen(
    *, voorstel: Voorstel, door: Lid, titel: str, knelpunt: str, beginsel_codes: Iterable[str] = ()
) -> Voorstel:
    """Confirm: the structural signaal goes to the rule's owner with the casussen attached."""
    _require_coordinator(door, voorstel)
    with transaction.atomic():
        voorstel = lock(voorstel)
        if voorstel.status != VoorstelStatus.OPEN:
            raise OngeldigeOvergang("Over dit voorstel is al beslist.", field="status")
        signaal = signaal_raise(
            door=door,
            regel=voorstel.regel,
            titel=titel,
            knelpunt=knelpunt,
            casussen=list(voorstel.casussen.all()),
            beginsel_codes=list(beginsel_codes),
            bron=SignaalBron.PATROON,
        )
        Voorstel.objects.filter(pk=voorstel.pk).update(
            signaal=signaal, besloten_door=door, besloten_op=timezone.now()
        )
        voorstel.signaal = signaal
        voorstel_transition(
            voorstel, to=VoorstelStatus.BEVESTIGD, actor=door.ledger_ref, data={"signaal": str(signaal.uuid)}
        )
    return voorstel


def voorstel_afwijzen(*, voorstel: Voorstel, door: Lid, motivering: str) -> Voorstel:
    _require_coordinator(door, voorstel)
    motivering = require_motivering(motivering, field="motivering")
    with transaction.atomic():
        voorstel = lock(voorstel)
        if voorstel.status != VoorstelStatus.OPEN:
            raise OngeldigeOvergang("Over dit voorstel is al beslist.", field="status")
        Voorstel.objects.filter(pk=voorstel.pk).update(
            motivering=motivering, besloten_door=door, besloten_op=timezone.now()
        )
        voorstel.motivering = motivering
        voorstel_transition(
            voorstel, to=VoorstelStatus.AFGEWEZEN, actor=door.ledger_ref, data={"motivering": motivering}
        )
    return voorstel


def herindexeren() -> int:
    """Rebuild the whole search index from the casussen (derived data; the record is not touched)."""
    with transaction.atomic():
        Zoekdocument.objects.all().delete()
        Zoekterm.objects.all().delete()
        Zoekstatistiek.objects.all().delete()
        index.rebuild()
        count = 0
        for casus in Casus.objects.select_related("organisatie").order_by("pk").iterator(chunk_size=500):
            casus_indexeren(casus)
            count += 1
        return count

"""Finding precedents (casusprudentie): similar earlier casussen with their decisions and why they match.
A member searches their own organisation's casussen and those shared with the learning network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from schakel.casussen.models import Casus
from schakel.organisaties.models import Organisatie
from schakel.precedenten import index, ranking
from schakel.precedenten.analyse import stem, words
from schakel.precedenten.models import Zoekdocument, Zoekstatistiek, Zoekterm


@dataclass(frozen=True)
class Precedent:
    casus: Casus
    document: Zoekdocument
    score: float
    gelijkenis: float
    gedeelde_termen: list[str]
    gedeelde_regels: list[str]
    gedeelde_beginselen: list[str]

    @property
    def waarom(self) -> str:
        parts = []
        if self.gedeelde_regels:
            parts.append(f"zelfde regel ({len(self.gedeelde_regels)})")
        if self.gedeelde_beginselen:
            parts.append("zelfde beginselen: " + ", ".join(self.gedeelde_beginselen))
        if self.gedeelde_termen:
            parts.append("gedeelde woorden: " + ", ".join(self.gedeelde_termen[:5]))
        return "; ".join(parts) or "overeenkomende tekst"


def _terms(tekst: str) -> tuple[list[str], dict[str, str]]:
    stems: list[str] = []
    word_for: dict[str, str] = {}
    for w in words(tekst):
        s = stem(w)
        stems.append(s)
        word_for.setdefault(s, w)
    return stems, word_for


def vergelijkbaar(
    *,
    organisatie: Organisatie,
    tekst: str,
    regels: Iterable[str] = (),
    beginselen: Iterable[str] = (),
    zonder: Casus | None = None,
    uitkomst: str | None = None,
    regel: str | None = None,
    beginsel: str | None = None,
    van_organisatie: str | None = None,
    periode: tuple[dt.datetime | None, dt.datetime | None] = (None, None),
    limit: int = 10,
) -> list[Precedent]:
    """The `limit` most similar casussen visible to `organisatie` (its own and shared ones)."""
    stems, word_for = _terms(tekst)
    vraag = ranking.vraag_uit(stems, regels, beginselen)
    df = dict(Zoekterm.objects.filter(term__in=list(vraag.termen)).values_list("term", "df"))
    van_org_id = None
    if van_organisatie:
        van_org_id = (
            Organisatie.objects.filter(code=van_organisatie).values_list("pk", flat=True).first() or -1
        )
    bereik = index.Bereik(
        organisatie_id=organisatie.pk,
        zonder_casus_id=zonder.pk if zonder is not None else None,
        uitkomst=uitkomst,
        van_organisatie_id=van_org_id,
        van=periode[0],
        tot=periode[1],
    )
    rare = [(t, word_for[t]) for t in ranking.zeldzaamste(df)]
    rows = index.candidate_rows(rare, limit=ranking.MAX_KANDIDATEN, pairs=True, bereik=bereik)
    if len(rows) < ranking.MIN_KANDIDATEN:  # few precise matches: widen with the rarest single terms
        seen = {r[0] for r in rows}
        wider = [(t, word_for[t]) for t in ranking.kies_termen(df)]
        rows += [
            r
            for r in index.candidate_rows(wider, limit=ranking.MAX_KANDIDATEN, pairs=False, bereik=bereik)
            if r[0] not in seen
        ]
    kandidaten = [
        ranking.Kandidaat(i, s, n, frozenset(r.split()), frozenset(b.split()))
        for i, s, n, r, b in rows
        if (not regel or regel in r.split()) and (not beginsel or beginsel in b.split())
    ]
    stats = Zoekstatistiek.objects.filter(pk=1).first()
    n = stats.documenten if stats else 0
    avgdl = stats.totale_lengte / n if stats and n else 1.0
    scores = ranking.rangschik(vraag, kandidaten, df=df, documenten=n, gemiddelde_lengte=avgdl, limit=limit)
    found = {
        d.id: d
        for d in Zoekdocument.objects.filter(id__in=[s.id for s in scores]).select_related(
            "casus__organisatie"
        )
    }
    return [
        Precedent(
            casus=found[s.id].casus,
            document=found[s.id],
            score=round(s.score, 4),
            gelijkenis=round(s.gelijkenis, 4),
            gedeelde_termen=[word_for.get(t, t) for t in s.gedeelde_termen],
            gedeelde_regels=s.gedeelde_regels,
            gedeelde_beginselen=s.gedeelde_beginselen,
        )
        for s in scores
        if s.id in found
    ]


def vergelijkbaar_met(
    casus: Casus, *, organisatie: Organisatie | None = None, limit: int = 10
) -> list[Precedent]:
    return vergelijkbaar(
        organisatie=organisatie or casus.organisatie,
        tekst=f"{casus.titel}\n{casus.omschrijving}",
        regels=[str(r.uuid) for r in casus.regels.all()],
        beginselen=[b.code for b in casus.beginselen.all()],
        zonder=casus,
        limit=limit,
    )


def tegengestelde_precedenten(casus: Casus, *, regel_uuid: str, organisatie: Organisatie) -> list[Precedent]:
    """Highly similar casussen on the same rule that were closed without deviating from it: a new
    maatwerkbesluit must then say why this casus is different (equal cases are treated equally)."""
    from django.conf import settings

    drempel = settings.SCHAKEL_PRECEDENT_GELIJKENIS / 100
    return [
        p
        for p in vergelijkbaar_met(casus, organisatie=organisatie)
        if p.gelijkenis >= drempel
        and regel_uuid in p.document.regels.split()
        and p.document.uitkomst != "open"
        and all(b["regel"] != regel_uuid for b in p.document.besluiten)
    ]

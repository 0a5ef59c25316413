"""Ranking of candidate precedents: BM25 over the casus text, plus what the casussen share beyond words —
the rules involved and the principles at stake. Pure functions, so the benchmark ranks exactly as the
application does.

Score = BM25 / best BM25 among the candidates (0–1)
      + REGEL_GEWICHT × Jaccard(rules) + BEGINSEL_GEWICHT × Jaccard(principles).
`gelijkenis` is an absolute measure (0–1) for thresholds: the share of the query's distinct terms that
the candidate contains. Unweighted on purpose: idf weights swing with the size of the collection, and a
threshold must mean the same for a pilot with ten casussen as for the national index."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

K1 = 1.2
B = 0.75
REGEL_GEWICHT = 0.15
BEGINSEL_GEWICHT = 0.075
# Candidate generation, first pass: documents containing at least two of the query's RARE_TERMS rarest
# terms (a precise net: a precedent shares several specific words). When that yields fewer than
# MIN_KANDIDATEN, a second pass adds documents containing any of the rarest terms whose postings fit the
# budget.
RARE_TERMS = 6
MIN_KANDIDATEN = 5
POSTINGS_BUDGET = 1_000
MIN_TERMEN = 2
MAX_KANDIDATEN = 1_000


@dataclass(frozen=True)
class Vraag:
    termen: Counter[str]
    regels: frozenset[str] = frozenset()
    beginselen: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Kandidaat:
    id: int
    stemmen: str
    lengte: int
    regels: frozenset[str]
    beginselen: frozenset[str]


@dataclass
class Score:
    id: int
    score: float
    bm25: float
    gelijkenis: float
    overlap: float
    gedeelde_termen: list[str] = field(default_factory=list)
    gedeelde_regels: list[str] = field(default_factory=list)
    gedeelde_beginselen: list[str] = field(default_factory=list)


def idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def zeldzaamste(df: Mapping[str, int], n: int = RARE_TERMS) -> list[str]:
    """The n rarest query terms that occur in the collection at all."""
    return [t for t, _ in sorted(((t, f) for t, f in df.items() if f > 0), key=lambda x: (x[1], x[0]))[:n]]


def kies_termen(df: Mapping[str, int]) -> list[str]:
    """The rarest query terms whose postings fit the budget (at least MIN_TERMEN of them)."""
    chosen: list[str] = []
    total = 0
    for term, freq in sorted(((t, f) for t, f in df.items() if f > 0), key=lambda x: (x[1], x[0])):
        if len(chosen) >= MIN_TERMEN and total + freq > POSTINGS_BUDGET:
            break
        chosen.append(term)
        total += freq
    return chosen


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def rangschik(
    vraag: Vraag,
    kandidaten: Iterable[Kandidaat],
    *,
    df: Mapping[str, int],
    documenten: int,
    gemiddelde_lengte: float,
    limit: int = 10,
) -> list[Score]:
    weights = {t: idf(df.get(t, 0), max(documenten, 1)) for t in vraag.termen}
    distinct = len(weights) or 1
    avgdl = gemiddelde_lengte or 1.0
    k1b = K1 * (1 - B)
    k1b_avg = K1 * B / avgdl
    # First pass: BM25 and overlap only, as cheaply as possible for every candidate.
    first: list[tuple[float, float, Kandidaat, dict[str, int]]] = []
    for k in kandidaten:
        tf: dict[str, int] = {}
        for t in k.stemmen.split():
            if t in weights:
                tf[t] = tf.get(t, 0) + 1
        if not tf and not (vraag.regels & k.regels):
            continue
        norm = k1b + k1b_avg * k.lengte
        bm25 = sum(weights[t] * f * (K1 + 1) / (f + norm) for t, f in tf.items())
        overlap = REGEL_GEWICHT * _jaccard(vraag.regels, k.regels) + BEGINSEL_GEWICHT * _jaccard(
            vraag.beginselen, k.beginselen
        )
        first.append((bm25, overlap, k, tf))
    best = max((b for b, _, _, _ in first), default=0.0) or 1.0
    top = sorted(first, key=lambda x: (-(x[0] / best + x[1]), x[2].id))[:limit]
    # Second pass: the explanation, only for what is shown.
    return [
        Score(
            id=k.id,
            score=bm25 / best + overlap,
            bm25=bm25,
            gelijkenis=len(tf) / distinct,
            overlap=overlap,
            gedeelde_termen=sorted(tf, key=lambda t: -weights[t])[:8],
            gedeelde_regels=sorted(vraag.regels & k.regels),
            gedeelde_beginselen=sorted(vraag.beginselen & k.beginselen),
        )
        for bm25, overlap, k, tf in top
    ]


def vraag_uit(stemmen: Sequence[str], regels: Iterable[str] = (), beginselen: Iterable[str] = ()) -> Vraag:
    return Vraag(Counter(stemmen), frozenset(regels), frozenset(beginselen))

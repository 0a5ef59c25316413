"""Dutch text analysis for precedent search: lower-case words, Snowball's Dutch stop words removed,
Snowball Dutch stems. The same analysis indexes and queries, and the benchmark hands it to bm25s too,
so comparisons measure ranking, not tokenisation."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Snowball's Dutch stop-word list (the one PostgreSQL's 'dutch' configuration uses as well).
STOPWOORDEN = frozenset(
    [
        "de",
        "en",
        "van",
        "ik",
        "te",
        "dat",
        "die",
        "in",
        "een",
        "hij",
        "het",
        "niet",
        "zijn",
        "is",
        "was",
        "op",
        "aan",
        "met",
        "als",
        "voor",
        "had",
        "er",
        "maar",
        "om",
        "hem",
        "dan",
        "zou",
        "of",
        "wat",
        "mijn",
        "men",
        "dit",
        "zo",
        "door",
        "over",
        "ze",
        "zich",
        "bij",
        "ook",
        "tot",
        "je",
        "mij",
        "uit",
        "der",
        "daar",
        "haar",
        "naar",
        "heb",
        "hoe",
        "heeft",
        "hebben",
        "deze",
        "u",
        "want",
        "nog",
        "zal",
        "me",
        "zij",
        "nu",
        "ge",
        "geen",
        "omdat",
        "iets",
        "worden",
        "toch",
        "al",
        "waren",
        "veel",
        "meer",
        "doen",
        "toen",
        "moet",
        "ben",
        "zonder",
        "kan",
        "hun",
        "dus",
        "alles",
        "onder",
        "ja",
        "eens",
        "hier",
        "wie",
        "werd",
        "altijd",
        "doch",
        "wordt",
        "wezen",
        "kunnen",
        "ons",
        "zelf",
        "tegen",
        "na",
        "reeds",
        "wil",
        "kon",
        "niets",
        "uw",
        "iemand",
        "geweest",
        "andere",
    ]
)
# Pseudonymisation tags ([PERSOON-1]) carry no meaning for similarity.
_TAG = re.compile(r"\[[A-Z_-]+(?:-\d+)?\]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """The content words of a text, lower-cased, in order."""
    return [w for w in _WORD.findall(_TAG.sub(" ", text).lower()) if w not in STOPWOORDEN and len(w) > 1]


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]

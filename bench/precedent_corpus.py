"""A labelled collection of synthetic Dutch case narratives with known similar pairs, for the precedent
benchmark. Deterministic (seeded), built for this purpose; how it is built:

* Twelve TOPICS (WIA-voorschot, bijstand, toeslagen, aangifte, schuldhulp, Wmo, …), each with its own
  vocabulary of real Dutch words, three rules and typical principles.
* A *situation* is a topic, one of its rules, two or three principles, six topic words and six *facets*:
  specific circumstances (pseudo-words drawn from a pool of 4,000, e.g. "kordalen", "mispetuur") that
  make one citizen's case recognisable — the role names, places and details play in real narratives.
* A narrative of about 60 words is written from a situation with sentence templates and general filler
  words. Background casussen are one narrative each of a fresh random situation.
* A labelled similar pair is two narratives of the *same* situation written independently: different
  templates and filler, five of the six facets each, topic words replaced by a synonym 30 % of the time,
  and in 20 % of pairs a different rule of the same topic (a colleague may cite another article).
  The first of a pair is the query, the second the one relevant answer.

So "similar" means: the same specific circumstances under the same kind of rule, phrased differently —
what a professional means by an earlier comparable casus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

TOPICS: dict[str, tuple[list[str], list[str]]] = {
    # topic: (vocabulary, typical principles)
    "wia": (
        [
            "wia",
            "voorschot",
            "terugvordering",
            "uitkering",
            "arbeidsongeschiktheid",
            "keuring",
            "verzekeringsarts",
            "beslistermijn",
            "herbeoordeling",
            "loonwaarde",
            "restverdiencapaciteit",
            "dagloon",
            "uitbetaling",
            "inkomensverlies",
        ],
        ["AWB-EVENREDIGHEID", "AWB-ZORGVULDIGHEID", "NO-MAATWERK"],
    ),
    "bijstand": (
        [
            "bijstand",
            "participatiewet",
            "inlichtingenplicht",
            "gift",
            "vermogen",
            "kostendeler",
            "woonsituatie",
            "maandbedrag",
            "terugvordering",
            "boete",
            "bankafschriften",
            "huisbezoek",
            "alleenstaande",
            "norm",
        ],
        ["AWB-EVENREDIGHEID", "NO-MAATWERK", "ABBB-GELIJKHEID"],
    ),
    "toeslagen": (
        [
            "toeslag",
            "kinderopvangtoeslag",
            "huurtoeslag",
            "zorgtoeslag",
            "voorschot",
            "definitieve",
            "berekening",
            "partner",
            "inkomen",
            "toetsingsinkomen",
            "terugbetaling",
            "betalingsregeling",
            "jaaropgave",
        ],
        ["AWB-EVENREDIGHEID", "ABBB-RECHTSZEKERHEID", "NO-MAATWERK"],
    ),
    "aangifte": (
        [
            "aangifte",
            "politie",
            "digitaal",
            "balie",
            "verzekeraar",
            "schade",
            "diefstal",
            "inbraak",
            "formulier",
            "digid",
            "afspraak",
            "bureau",
            "proces-verbaal",
        ],
        ["NO-TOEGANKELIJKHEID", "NO-MAATWERK", "AWB-ZORGVULDIGHEID"],
    ),
    "schuldhulp": (
        [
            "schuldhulp",
            "schuldsanering",
            "beslag",
            "beslagvrije",
            "voet",
            "incasso",
            "deurwaarder",
            "aflossing",
            "budgetbeheer",
            "schuldeiser",
            "moratorium",
            "wsnp",
            "minnelijk",
        ],
        ["AWB-EVENREDIGHEID", "NO-MAATWERK", "AWB-ZORGVULDIGHEID"],
    ),
    "wmo": (
        [
            "wmo",
            "maatwerkvoorziening",
            "huishoudelijke",
            "ondersteuning",
            "indicatie",
            "keukentafelgesprek",
            "eigen",
            "bijdrage",
            "traplift",
            "rolstoel",
            "woningaanpassing",
            "mantelzorger",
        ],
        ["NO-MAATWERK", "AWB-ZORGVULDIGHEID", "NO-BETROKKENHEID"],
    ),
    "jeugd": (
        [
            "jeugdhulp",
            "jeugdwet",
            "wachtlijst",
            "zorgaanbieder",
            "beschikking",
            "indicatie",
            "pleegzorg",
            "gezinshuis",
            "ggz",
            "behandeling",
            "verlenging",
        ],
        ["NO-MAATWERK", "AWB-ZORGVULDIGHEID", "ABBB-RECHTSZEKERHEID"],
    ),
    "aow": (
        [
            "aow",
            "pensioen",
            "partner",
            "samenwonen",
            "gezamenlijke",
            "huishouding",
            "korting",
            "buitenland",
            "woonland",
            "verzekerde",
            "jaren",
            "aanvulling",
        ],
        ["AWB-EVENREDIGHEID", "ABBB-RECHTSZEKERHEID", "ABBB-GELIJKHEID"],
    ),
    "ww": (
        [
            "ww",
            "werkloosheid",
            "sollicitatieplicht",
            "maatregel",
            "verlaging",
            "werkgever",
            "ontslag",
            "transitievergoeding",
            "referte-eis",
            "wekeneis",
            "inkomstenopgave",
        ],
        ["AWB-EVENREDIGHEID", "AWB-ZORGVULDIGHEID", "NO-MAATWERK"],
    ),
    "studie": (
        [
            "studiefinanciering",
            "duo",
            "uitwonendenbeurs",
            "controle",
            "adres",
            "inschrijving",
            "terugvordering",
            "lening",
            "prestatiebeurs",
            "aanvullende",
            "beurs",
        ],
        ["AWB-EVENREDIGHEID", "ABBB-GELIJKHEID", "AWB-ZORGVULDIGHEID"],
    ),
    "belasting": (
        [
            "belastingdienst",
            "aanslag",
            "inkomstenbelasting",
            "aangiftetermijn",
            "verzuimboete",
            "naheffing",
            "betalingsregeling",
            "invordering",
            "kwijtschelding",
        ],
        ["AWB-EVENREDIGHEID", "ABBB-RECHTSZEKERHEID", "NO-MAATWERK"],
    ),
    "parkeren": (
        [
            "parkeervergunning",
            "gehandicaptenparkeerkaart",
            "naheffingsaanslag",
            "boete",
            "wachtlijst",
            "zone",
            "bezoekersregeling",
            "medische",
            "keuring",
        ],
        ["NO-MAATWERK", "ABBB-GELIJKHEID", "AWB-EVENREDIGHEID"],
    ),
}
GENERAL = [
    "klant",
    "burger",
    "mevrouw",
    "meneer",
    "brief",
    "maanden",
    "weken",
    "jaren",
    "kinderen",
    "gezin",
    "werk",
    "geld",
    "schuld",
    "schulden",
    "huis",
    "woning",
    "gemeente",
    "instantie",
    "medewerker",
    "regel",
    "regels",
    "besluit",
    "bezwaar",
    "termijn",
    "telefoon",
    "gesprek",
    "uitleg",
    "hulp",
    "situatie",
    "probleem",
    "oplossing",
    "gevolg",
    "gevolgen",
    "zorgen",
    "stress",
    "onzekerheid",
    "kosten",
    "inkomen",
    "betalen",
    "rekening",
    "formulier",
    "systeem",
    "loket",
    "afspraak",
    "wachttijd",
    "dossier",
    "contact",
    "reactie",
    "antwoord",
    "vraag",
    "vragen",
    "mogelijkheid",
    "uitzondering",
    "omstandigheden",
    "familie",
    "ziekte",
    "ziekenhuis",
    "dochter",
    "zoon",
    "moeder",
    "vader",
    "partner",
    "buurvrouw",
    "werkgever",
    "school",
    "verhuizing",
    "ontslag",
    "scheiding",
    "overlijden",
    "afwijzing",
    "beslissing",
    "fout",
    "vertraging",
]
TEMPLATES = [
    "Een {t0} kwam in de problemen door {f0} en {f1}.",
    "Bij de {t1} speelde {f2} een grote rol, naast {g0} en {g1}.",
    "Door {f3} en de {t2} ontstond {g2} voor de {g3}.",
    "De {t3} hield geen rekening met {f4}.",
    "Volgens de {g4} was {f5} de oorzaak van de {t4}.",
    "Er was {g5} over de {t5} en {g6}.",
    "Uiteindelijk leidde de {t0} tot {g7} en {g8}.",
    "Het ging om {f0}, {f2} en {g9}.",
]
RULES_PER_TOPIC = 3


def _pseudo_words(rng: random.Random, n: int) -> list[str]:
    onsets = [
        "b",
        "d",
        "f",
        "g",
        "h",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "w",
        "z",
        "br",
        "dr",
        "gr",
        "kl",
        "kr",
        "pl",
        "pr",
        "sl",
        "sp",
        "st",
        "tr",
    ]
    vowels = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "oe", "ei", "ui"]
    codas = ["", "n", "r", "l", "k", "s", "t", "m"]
    out: set[str] = set()
    while len(out) < n:
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.choice([2, 3]))
        )
        if 6 <= len(word) <= 14:
            out.add(word)
    return sorted(out)


@dataclass(frozen=True)
class Situatie:
    topic: str
    regel: str
    beginselen: tuple[str, ...]
    topic_words: tuple[str, ...]
    facets: tuple[str, ...]


@dataclass(frozen=True)
class Verhaal:
    tekst: str
    regel: str
    beginselen: tuple[str, ...]


class Corpus:
    def __init__(self, seed: int = 2026) -> None:
        self.rng = random.Random(seed)
        self.facets = _pseudo_words(self.rng, 4000)
        self.synonyms: dict[str, str] = {}
        spare = _pseudo_words(random.Random(seed + 1), 400)
        i = 0
        for vocabulary, _ in TOPICS.values():
            for word in vocabulary:
                self.synonyms[word] = spare[i % len(spare)] + "regeling" if i % 3 == 0 else word + "en"
                i += 1

    def situatie(self) -> Situatie:
        rng = self.rng
        topic = rng.choice(sorted(TOPICS))
        vocabulary, principles = TOPICS[topic]
        return Situatie(
            topic=topic,
            regel=f"{topic}-{rng.randrange(RULES_PER_TOPIC)}",
            beginselen=tuple(sorted(rng.sample(principles, rng.choice([2, 3])))),
            topic_words=tuple(rng.sample(vocabulary, 6)),
            facets=tuple(rng.sample(self.facets, 6)),
        )

    def verhaal(self, s: Situatie, *, paraphrase: bool = False) -> Verhaal:
        rng = self.rng
        facets = list(s.facets)
        if paraphrase:
            facets.pop(rng.randrange(len(facets)))
            facets.insert(rng.randrange(len(facets) + 1), facets[rng.randrange(len(facets))])
        topic = [self.synonyms.get(w, w) if paraphrase and rng.random() < 0.3 else w for w in s.topic_words]
        fill = {f"t{i}": topic[i % len(topic)] for i in range(6)}
        fill.update({f"f{i}": facets[i % len(facets)] for i in range(6)})
        fill.update({f"g{i}": rng.choice(GENERAL) for i in range(10)})
        sentences = rng.sample(TEMPLATES, 6)
        tekst = " ".join(t.format(**fill) for t in sentences)
        regel = s.regel
        if paraphrase and rng.random() < 0.2:
            regel = f"{s.topic}-{(int(s.regel.rsplit('-', 1)[1]) + 1) % RULES_PER_TOPIC}"
        return Verhaal(tekst, regel, s.beginselen)

    def paren(self, n: int) -> Iterator[tuple[Verhaal, Verhaal]]:
        for _ in range(n):
            s = self.situatie()
            yield self.verhaal(s), self.verhaal(s, paraphrase=True)

    def achtergrond(self, n: int) -> Iterator[Verhaal]:
        for _ in range(n):
            yield self.verhaal(self.situatie())

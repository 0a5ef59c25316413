"""Precedent search: similar casussen first, with why they match; own and shared casussen only; the
index stays exactly in step with the casussen (document frequencies recounted by brute force)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schakel.casussen.services import casus_correct
from schakel.precedenten.analyse import stems, words
from schakel.precedenten.models import Zoekdocument, Zoekstatistiek, Zoekterm
from schakel.precedenten.selectors import vergelijkbaar, vergelijkbaar_met
from schakel.precedenten.services import casus_delen
from tests.factories import RegelFactory, casus

WIA = (
    "Het WIA-voorschot werd te hoog vastgesteld omdat het besluit maanden te laat kwam. "
    "Nu moet de klant het hele verschil in zes weken terugbetalen en raakt in de schulden."
)
WIA_2 = (
    "Door een laat WIA-besluit was het voorschot te hoog; de terugvordering van het verschil binnen "
    "zes weken duwt deze klant in de schulden."
)
AANGIFTE = (
    "Een oudere dame kan geen digitale aangifte doen bij de politie en krijgt aan de balie geen hulp; "
    "zonder aangifte vergoedt de verzekeraar de schade niet."
)
BIJSTAND = "De bijstandsuitkering werd stopgezet omdat een gift van familie als inkomen telde."


@pytest.fixture
def regels(world):
    return {
        "wia": RegelFactory(uitvoerder=world.uitvoerder),
        "aangifte": RegelFactory(uitvoerder=world.uitvoerder),
        "bijstand": RegelFactory(uitvoerder=world.gemeente),
    }


def test_analysis_drops_stop_words_and_tags_and_stems(world):
    assert words("De [PERSOON-1] en het voorschot") == ["voorschot"]
    assert stems("terugvorderingen") == stems("terugvordering")


def test_most_similar_casus_comes_first_with_reasons(world, regels):
    wia = casus(world, titel="Voorschot WIA", omschrijving=WIA, regels=[regels["wia"]])
    casus(world, titel="Aangifte", omschrijving=AANGIFTE, regels=[regels["aangifte"]])
    new = casus(world, titel="Terugvordering voorschot", omschrijving=WIA_2, regels=[regels["wia"]])
    found = vergelijkbaar_met(new)
    assert found[0].casus == wia
    assert found[0].gedeelde_regels == [str(regels["wia"].uuid)]
    assert "voorschot" in found[0].gedeelde_termen
    assert "zelfde regel" in found[0].waarom
    assert all(p.casus != new for p in found)


def test_other_organisations_see_only_what_is_shared(world, regels):
    gemeente = world.lid("gem.professional")
    bijstand = casus(world, door=gemeente, titel="Gift", omschrijving=BIJSTAND, regels=[regels["bijstand"]])
    query = {"organisatie": world.uitvoerder, "tekst": "bijstandsuitkering stopgezet gift familie inkomen"}
    assert vergelijkbaar(**query) == []
    casus_delen(casus=bijstand, door=world.lid("gem.teamleider"))
    assert [p.casus for p in vergelijkbaar(**query)] == [bijstand]


def test_filters_on_outcome_and_organisation(world, regels):
    wia = casus(world, titel="Voorschot", omschrijving=WIA, regels=[regels["wia"]])
    query = {"organisatie": world.uitvoerder, "tekst": WIA_2}
    assert [p.casus for p in vergelijkbaar(**query, uitkomst="open")] == [wia]
    assert vergelijkbaar(**query, uitkomst="afgeweken") == []
    assert vergelijkbaar(**query, van_organisatie="gem") == []


def brute_force(world):
    """Recount document frequencies and statistics from the casussen themselves."""
    df: Counter[str] = Counter()
    total = 0
    docs = Zoekdocument.objects.select_related("casus")
    for doc in docs:
        s = stems(f"{doc.casus.titel}\n{doc.casus.omschrijving}")
        df.update(set(s))
        total += len(s)
    return {t: n for t, n in df.items() if n}, docs.count(), total


TEKSTEN = [
    WIA,
    WIA_2,
    AANGIFTE,
    BIJSTAND,
    "Een korte maar volledige beschrijving van een knellende regel hier.",
]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(TEKSTEN)), min_size=1, max_size=6))
def test_index_statistics_equal_a_brute_force_recount(world, regels, steps):
    made = []
    for correct, tekst in steps:
        if correct and made:
            casus_correct(casus=made[-1], door=world.professional, titel="Gecorrigeerd", omschrijving=tekst)
        else:
            made.append(casus(world, omschrijving=tekst, regels=[regels["wia"]]))
    df, n, total = brute_force(world)
    stored = {t: f for t, f in Zoekterm.objects.values_list("term", "df") if f}
    assert stored == df
    stats = Zoekstatistiek.objects.get(pk=1)
    assert (stats.documenten, stats.totale_lengte) == (n, total)

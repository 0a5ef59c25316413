"""The search index is derived data: rebuilt by command, and after an import."""

from __future__ import annotations

import io

from django.core.management import call_command

from schakel.precedenten.models import Zoekterm
from schakel.precedenten.selectors import vergelijkbaar
from tests.factories import casus
from tests.precedenten.test_search import WIA, WIA_2


def test_reindex_gives_the_same_index_and_results(world):
    wia = casus(world, titel="Voorschot", omschrijving=WIA)
    before = dict(Zoekterm.objects.values_list("term", "df"))
    out = io.StringIO()
    call_command("precedenten", "--herindexeer", stdout=out)
    assert out.getvalue().strip() == "1 casussen geïndexeerd"
    assert dict(Zoekterm.objects.values_list("term", "df")) == before
    assert [p.casus for p in vergelijkbaar(organisatie=world.uitvoerder, tekst=WIA_2)] == [wia]

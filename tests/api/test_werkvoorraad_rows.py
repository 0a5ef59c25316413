"""A werkvoorraad row as the API renders it: the direct `to_representation` gives exactly what the
declared DRF fields give, for every kind and every subject a brake can name, and building the rows of
a page reads nothing more from the database than the page's own queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override
from rest_framework import serializers

from schakel.kamervragen.services import kamervraag_stellen
from schakel.noodremmen.models import Niveau
from schakel.organisaties.models import Lid
from schakel.werkvoorraad.api import TaakSerializer
from schakel.werkvoorraad.selectors import Taak, taak_titel, werkvoorraad_pagina
from tests.factories import RegelFactory, casus, maatwerkbesluit, noodrem, signaal

pytestmark = pytest.mark.django_db


def _every_kind(world: Any) -> None:
    signaal(world)
    noodrem(world, regel=RegelFactory(uitvoerder=world.uitvoerder, wet=True))
    noodrem(world, casus=casus(world))
    noodrem(world, maatwerkbesluit=maatwerkbesluit(world))
    noodrem(world, niveau=Niveau.ORGANISATIE)
    noodrem(world, niveau=Niveau.BURGER, zaak_kenmerk="Z-2026-17")
    kamervraag_stellen(
        door=world.lid("tk.griffie"),
        organisatie=world.uitvoerder,
        vraag="Hoeveel burgers wachtten in 2026 langer dan acht weken op hun besluit?",
    )


def _taken(now: Any) -> list[Taak]:
    taken: list[Taak] = []
    for lid in Lid.objects.filter(actief=True).select_related("organisatie"):
        taken += werkvoorraad_pagina(lid, now=now, aantal=50).taken
    return taken


@pytest.mark.parametrize("language", ["nl", "en"])
def test_direct_rendering_equals_the_declared_fields(world, language) -> None:  # type: ignore[no-untyped-def]
    _every_kind(world)
    now = timezone.now()
    taken = _taken(now)
    subjects = {
        (t.soort, type(getattr(t.item, "onderwerp", None)).__name__, getattr(t.item, "niveau", ""))
        for t in taken
    }
    assert {s[0] for s in subjects} == {"signaal", "noodrem", "kamervraag"}
    assert {s[1] for s in subjects} >= {"Regel", "Casus", "Maatwerkbesluit", "Opdracht", "NoneType"}
    with override(language):
        for taak in taken:
            serializer = TaakSerializer(context={"now": now})
            assert serializer.to_representation(taak) == serializers.Serializer.to_representation(
                serializer, taak
            )


def test_rows_of_a_page_need_no_further_queries(world) -> None:  # type: ignore[no-untyped-def]
    """The page reads only the columns a row shows: a title or term left out would cost a query per row."""
    _every_kind(world)
    now = timezone.now()
    for lid in Lid.objects.filter(actief=True).select_related("organisatie"):
        taken = werkvoorraad_pagina(lid, now=now, aantal=50).taken
        with CaptureQueriesContext(connection) as queries:
            TaakSerializer(taken, many=True, context={"now": now}).data  # noqa: B018
            for taak in taken:
                taak_titel(taak), taak.item.termijn, taak.item.is_te_laat(now)
        assert queries.captured_queries == [], lid

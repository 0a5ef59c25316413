"""`unchanged` counts every table of Schakel's apps: a refused call that wrote a Kamervraag, a proposal or
only a principle link would otherwise pass unseen."""

from __future__ import annotations

import pytest
from django.apps import apps

from schakel.kamervragen.services import kamervraag_stellen
from tests.domain.snapshot import NIET_GETELD, counts, unchanged
from tests.factories import RegelFactory, casus
from tests.scene import KAMERVRAAG


@pytest.mark.django_db
def test_every_table_of_every_schakel_app_is_counted() -> None:
    tabellen = {
        m._meta.label
        for c in apps.get_app_configs()
        if c.name.startswith("schakel.")
        for m in c.get_models(include_auto_created=True)
    }
    assert set(counts()) == tabellen - NIET_GETELD
    assert {"kamervragen.Kamervraag", "precedenten.Voorstel", "noodremmen.Noodrem_beginselen"} <= set(
        counts()
    )
    assert tabellen >= NIET_GETELD  # no stale name among the exclusions


def test_a_write_in_any_app_is_seen(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AssertionError, match="kamervragen.Kamervraag"), unchanged():
        kamervraag_stellen(door=world.lid("tk.griffie"), organisatie=world.uitvoerder, vraag=KAMERVRAAG)
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    with pytest.raises(AssertionError, match="casussen.Casus_beginselen"), unchanged():
        casus(world, regels=[regel])

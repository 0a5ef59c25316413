from __future__ import annotations

import pytest

from schakel.core.errors import GeenToegang, ValidatieFout
from schakel.opdrachten.models import BesluitKeuze, Uitvoerbaar
from schakel.opdrachten.services import opdracht_create, opdracht_decide, toets_submit
from schakel.opdrachten.workflow import OpdrachtStatus
from tests.domain.snapshot import unchanged
from tests.factories import MOTIVERING, TOELICHTING, TOETS, opdracht


@pytest.mark.parametrize("uitvoerbaar", [Uitvoerbaar.NEE, Uitvoerbaar.ONDER_VOORWAARDEN])
def test_noodsignaal_gate_a_negative_toets_must_be_weighed(world, uitvoerbaar):
    o = opdracht(world, state="getoetst", uitvoerbaar=uitvoerbaar)
    toets = o.toetsen.get()
    dg = world.lid("min.beleidsdirectie")
    with unchanged(), pytest.raises(ValidatieFout) as info:
        opdracht_decide(opdracht=o, door=dg, keuze=BesluitKeuze.VASTSTELLEN, motivering=MOTIVERING)
    assert info.value.field == "gewogen_toets"
    with unchanged(), pytest.raises(ValidatieFout) as info:
        opdracht_decide(
            opdracht=o,
            door=dg,
            keuze=BesluitKeuze.VASTSTELLEN,
            motivering=MOTIVERING,
            gewogen_toets=toets,
            weging_toets="Gezien.",
        )
    assert info.value.field == "weging_toets"
    besluit = opdracht_decide(
        opdracht=o,
        door=dg,
        keuze=BesluitKeuze.VASTSTELLEN,
        motivering=MOTIVERING,
        gewogen_toets=toets,
        weging_toets=TOELICHTING,
    )
    assert besluit.gewogen_toets == toets
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.VASTGESTELD


def test_positive_toets_needs_no_weighing(world):
    o = opdracht(world, state="getoetst", uitvoerbaar=Uitvoerbaar.JA)
    opdracht_decide(
        opdracht=o, door=world.lid("min.bewindspersoon"), keuze=BesluitKeuze.INTREKKEN, motivering=MOTIVERING
    )
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.INGETROKKEN


def test_only_the_principal_decides_and_only_the_executor_assesses(world):
    o = opdracht(world, state="toets_gevraagd")
    with unchanged(), pytest.raises(GeenToegang):
        toets_submit(opdracht=o, door=world.lid("min.beleidsdirectie"), uitvoerbaar=Uitvoerbaar.JA, **TOETS)
    with unchanged(), pytest.raises(ValidatieFout) as info:
        toets_submit(
            opdracht=o, door=world.lid("uo.bestuur"), uitvoerbaar=Uitvoerbaar.JA, **{**TOETS, "ict": ""}
        )
    assert info.value.field == "ict"
    toets_submit(opdracht=o, door=world.lid("uo.bestuur"), uitvoerbaar=Uitvoerbaar.JA, **TOETS)
    with unchanged(), pytest.raises(GeenToegang):
        opdracht_decide(
            opdracht=o, door=world.lid("uo.bestuur"), keuze=BesluitKeuze.VASTSTELLEN, motivering=MOTIVERING
        )


def test_only_a_ministry_gives_an_opdracht(world):
    with unchanged(), pytest.raises(GeenToegang) as info:
        opdracht_create(
            door=world.lid("uo.bestuur"), uitvoerder=world.gemeente, titel="X", omschrijving=MOTIVERING
        )
    assert info.value.field == "door"

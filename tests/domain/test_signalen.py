from __future__ import annotations

import datetime as dt

import pytest

from schakel.core.errors import GeenToegang, OngeldigeOvergang, ValidatieFout
from schakel.organisaties.models import Rol
from schakel.signalen.services import signaal_afronden, signaal_answer, signaal_raise
from schakel.signalen.workflow import SignaalStatus, signaal_transition
from tests.domain.snapshot import unchanged
from tests.factories import MOTIVERING, TOELICHTING, RegelFactory, signaal


@pytest.mark.parametrize(
    ("trait", "org", "rol"),
    [
        ({}, "uo", Rol.TEAMLEIDER),  # werkinstructie → team lead of the executor
        ({"beleidsregel": True}, "uo", Rol.BESTUUR),  # policy rule → the organisation's board
        ({"wet": True}, "min", Rol.BELEIDSDIRECTIE),  # law → the ministry above the executor
    ],
)
def test_signaal_goes_to_the_owner_of_the_rule(world, trait, org, rol):
    regel = RegelFactory(uitvoerder=world.uitvoerder, **trait)
    s = signaal(world, regel=regel)
    assert (s.ontvanger_organisatie.code, s.ontvanger_rol) == (org, rol)
    assert s.status == SignaalStatus.OPEN and s.uiterlijk > s.ingediend_op


def test_raise_refuses_thin_knelpunt_and_unknown_principle(world):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    with unchanged(), pytest.raises(ValidatieFout) as info:
        signaal_raise(door=world.professional, regel=regel, titel="T", knelpunt="Werkt niet.")
    assert info.value.field == "knelpunt"
    with unchanged(), pytest.raises(ValidatieFout) as info:
        signaal_raise(door=world.professional, regel=regel, titel=" ", knelpunt=MOTIVERING)
    assert info.value.field == "titel"
    with unchanged(), pytest.raises(ValidatieFout) as info:
        signaal_raise(
            door=world.professional, regel=regel, titel="T", knelpunt=MOTIVERING, beginsel_codes=["XX"]
        )
    assert info.value.field == "beginselen"


def test_comply_needs_measure_and_date_explain_needs_every_principle(world):
    s = signaal(world)
    owner = world.lid("uo.teamleider")
    with unchanged(), pytest.raises(ValidatieFout) as info:
        signaal_answer(signaal=s, door=owner, soort="comply", toelichting=TOELICHTING, maatregel="Aanpassen.")
    assert info.value.field == "gereed_op"
    with unchanged(), pytest.raises(ValidatieFout) as info:
        signaal_answer(signaal=s, door=owner, soort="explain", toelichting=TOELICHTING, per_beginsel={})
    assert info.value.field == "per_beginsel"
    with unchanged(), pytest.raises(ValidatieFout) as info:
        signaal_answer(signaal=s, door=owner, soort="misschien", toelichting=TOELICHTING)
    assert info.value.field == "soort"


def test_only_the_recipient_answers_and_only_once(world):
    s = signaal(world)
    with unchanged(), pytest.raises(GeenToegang):
        signaal_answer(
            signaal=s,
            door=world.professional,
            soort="explain",
            toelichting=TOELICHTING,
            per_beginsel={"AWB-EVENREDIGHEID": TOELICHTING},
        )
    signaal_answer(
        signaal=s,
        door=world.lid("uo.teamleider"),
        soort="explain",
        toelichting=TOELICHTING,
        per_beginsel={"AWB-EVENREDIGHEID": TOELICHTING},
    )
    with pytest.raises(OngeldigeOvergang):
        signaal_answer(
            signaal=s,
            door=world.lid("uo.teamleider"),
            soort="comply",
            toelichting=TOELICHTING,
            maatregel="x",
            gereed_op=dt.date(2027, 1, 1),
        )


@pytest.mark.parametrize(("state", "closed"), [("opgelost", "opgelost"), ("afgewezen", "afgewezen")])
def test_afronden_follows_the_answer(world, state, closed):
    assert signaal(world, state=state).status == closed


def test_cannot_close_without_an_answer(world):
    s = signaal(world)
    with unchanged(), pytest.raises(OngeldigeOvergang):
        signaal_afronden(signaal=s, door=world.lid("uo.teamleider"), toelichting=TOELICHTING)
    for closed in (SignaalStatus.OPGELOST, SignaalStatus.AFGEWEZEN):
        with unchanged(), pytest.raises(OngeldigeOvergang):
            signaal_transition(s, to=closed, actor="test")


@pytest.mark.parametrize("days", [-1, 10 * 366 + 30])
def test_comply_date_must_lie_between_raising_and_ten_years_ahead(world, days):
    item = signaal(world)
    owner = world.lid(f"{item.ontvanger_organisatie.code}.{item.ontvanger_rol}")
    with unchanged(), pytest.raises(ValidatieFout) as err:
        signaal_answer(
            signaal=item,
            door=owner,
            soort="comply",
            toelichting=TOELICHTING,
            maatregel="De regel wordt aangepast.",
            gereed_op=item.ingediend_op.date() + dt.timedelta(days=days),
        )
    assert err.value.field == "gereed_op"

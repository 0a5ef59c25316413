from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from schakel.core.errors import BudgetOp, GeenToegang, NietGevonden, OngeldigeOvergang, ValidatieFout
from schakel.core.mailuitgang import mail_verzenden
from schakel.core.models import LedgerEvent, Mailbericht, Notificatie
from schakel.noodremmen.models import Anonimiteit, BurgerSoort, Niveau, NoodremMelder, TeruggaveKeuze
from schakel.noodremmen.selectors import melder_zichtbaar_voor, noodrem_by_receipt, terugverwijzingsbudget
from schakel.noodremmen.services import bericht_add, noodrem_answer, noodrem_pull
from schakel.noodremmen.workflow import NoodremStatus, noodrem_transition
from schakel.opdrachten.models import Opdracht
from schakel.opdrachten.workflow import OpdrachtStatus, opdracht_transition
from schakel.organisaties.models import Rol
from tests.domain.snapshot import unchanged
from tests.factories import MOTIVERING, TOELICHTING, RegelFactory, casus, noodrem, opdracht


def pull(world, **kwargs):
    kwargs.setdefault("niveau", Niveau.PROFESSIONAL)
    kwargs.setdefault("door", world.professional)
    kwargs.setdefault("beginsel_codes", ["AWB-EVENREDIGHEID"])
    kwargs.setdefault("motivering", MOTIVERING)
    if not any(k in kwargs for k in ("casus", "regel", "maatwerkbesluit", "opdracht", "zaak_organisatie")):
        kwargs["regel"] = RegelFactory(uitvoerder=world.uitvoerder)
    return noodrem_pull(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"beginsel_codes": []}, "beginselen"),
        ({"beginsel_codes": ["BESTAAT-NIET"]}, "beginselen"),
        ({"motivering": "Dit klopt niet."}, "motivering"),
        ({"anonimiteit": "geheim"}, "anonimiteit"),
        ({"niveau": "iedereen"}, "niveau"),
    ],
)
def test_pulling_without_arguments_is_refused_naming_the_field(world, kwargs, field):
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    with unchanged(), pytest.raises(ValidatieFout) as info:
        pull(world, regel=regel, **kwargs)
    assert info.value.field == field
    assert info.value.message  # Dutch text for the user


def test_pulling_needs_exactly_one_subject(world):
    c = casus(world)
    with unchanged(), pytest.raises(ValidatieFout) as info:
        pull(world, casus=c, regel=c.regels.first())
    assert info.value.field == "onderwerp"


def test_anyone_from_any_participating_organisation_may_pull(world):
    c = casus(world)  # handled by the executive organisation
    result = pull(world, casus=c, door=world.lid("gem.professional"))
    assert result.noodrem.ontvanger_organisatie == world.uitvoerder
    assert result.noodrem.status == NoodremStatus.GETROKKEN


def test_recipient_must_comply_or_explain_and_only_the_recipient(world):
    n = noodrem(world)
    with unchanged(), pytest.raises(GeenToegang):
        noodrem_answer(
            noodrem=n, door=world.professional, soort="comply", toelichting=TOELICHTING, maatregel="x"
        )
    with unchanged(), pytest.raises(GeenToegang):  # same role, other organisation
        noodrem_answer(
            noodrem=n,
            door=world.lid("gem.teamleider"),
            soort="comply",
            toelichting=TOELICHTING,
            maatregel="x",
        )
    # explain must address every principle invoked
    with unchanged(), pytest.raises(ValidatieFout) as info:
        noodrem_answer(noodrem=n, door=world.lid("uo.teamleider"), soort="explain", toelichting=TOELICHTING)
    assert info.value.field == "per_beginsel"
    # a role higher on the same ladder may act for the recipient
    noodrem_answer(
        noodrem=n,
        door=world.lid("uo.bestuur"),
        soort="explain",
        toelichting=TOELICHTING,
        per_beginsel={"AWB-EVENREDIGHEID": TOELICHTING},
    )
    n.refresh_from_db()
    assert n.status == NoodremStatus.UITGELEGD and n.beantwoord_op is not None
    with pytest.raises(OngeldigeOvergang):
        noodrem_answer(
            noodrem=n, door=world.lid("uo.teamleider"), soort="comply", toelichting=TOELICHTING, maatregel="x"
        )


def test_comply_must_say_what_was_done(world):
    n = noodrem(world)
    with unchanged(), pytest.raises(ValidatieFout) as info:
        noodrem_answer(noodrem=n, door=world.lid("uo.teamleider"), soort="comply", toelichting=TOELICHTING)
    assert info.value.field == "maatregel"


def _leaks(lid) -> list[str]:
    """Every place where a confidential puller could surface, searched for their identity."""
    needles = [str(lid.uuid), lid.gebruiker.username, str(lid.pk) + '"']
    haystacks = [e.actor + e.body for e in LedgerEvent.objects.all()]
    haystacks += [n.tekst for n in Notificatie.objects.all()]
    haystacks += [m.onderwerp + m.tekst for m in Mailbericht.objects.all()]
    mail_verzenden(now=timezone.now())
    haystacks += [m.subject + m.body + " ".join(m.to) for m in mail.outbox]
    return [h for h in haystacks for needle in needles[:2] if needle in h]


@pytest.mark.parametrize("anonimiteit", [Anonimiteit.VERTROUWELIJK, Anonimiteit.ANONIEM])
def test_confidential_and_anonymous_pullers_are_never_revealed(world, anonimiteit):
    puller = world.lid("gem.professional")
    result = pull(world, door=puller, anonimiteit=anonimiteit)
    n = result.noodrem
    assert n.getrokken_door is None
    assert result.ontvangstcode and len(result.ontvangstcode.replace("-", "")) == 25
    assert n.ontvangstcode_hash and result.ontvangstcode not in n.ontvangstcode_hash
    assert not _leaks(puller)
    assert NoodremMelder.objects.filter(noodrem=n).exists() == (anonimiteit == Anonimiteit.VERTROUWELIJK)
    if anonimiteit == Anonimiteit.ANONIEM:
        assert n.van_organisatie is None


def test_only_the_vertrouwenspersoon_of_the_pullers_organisation_sees_the_puller(world):
    n = pull(world, door=world.lid("gem.professional"), anonimiteit=Anonimiteit.VERTROUWELIJK).noodrem
    assert list(melder_zichtbaar_voor(world.lid("gem.vertrouwenspersoon"))) == [n]
    assert not melder_zichtbaar_voor(world.lid("uo.vertrouwenspersoon")).exists()
    assert not melder_zichtbaar_voor(world.lid("gem.teamleider")).exists()


def test_named_puller_is_stored(world):
    n = pull(world, anonimiteit=Anonimiteit.GENOEMD).noodrem
    assert n.getrokken_door == world.professional
    assert not n.ontvangstcode_hash


def test_citizen_pulls_without_account_and_follows_with_receipt_code(world):
    result = noodrem_pull(
        niveau=Niveau.BURGER,
        burger_soort=BurgerSoort.BEZWAAR,
        zaak_organisatie=world.gemeente,
        zaak_kenmerk="Z-1",
        beginsel_codes=["NO-LUISTEREN"],
        motivering=MOTIVERING,
    )
    code = result.ontvangstcode
    assert code is not None
    assert noodrem_by_receipt(code.lower()) == result.noodrem
    assert noodrem_by_receipt(code.replace("-", "")) == result.noodrem
    with pytest.raises(NietGevonden):
        noodrem_by_receipt("A" * 25)
    with pytest.raises(NietGevonden):
        noodrem_by_receipt("kort")
    bericht_add(noodrem=result.noodrem, tekst="Ik heb nog een vraag over mijn zaak.")
    bericht_add(noodrem=result.noodrem, tekst="Wij bellen u morgen.", door=world.lid("gem.teamleider"))
    with pytest.raises(GeenToegang):
        bericht_add(noodrem=result.noodrem, tekst="Bemoeienis.", door=world.professional)
    assert result.noodrem.berichten.count() == 2


def test_citizen_cannot_pass_an_account_and_must_choose_bezwaar_or_klacht(world):
    with unchanged(), pytest.raises(ValidatieFout) as info:
        noodrem_pull(
            niveau=Niveau.BURGER,
            zaak_organisatie=world.gemeente,
            beginsel_codes=["NO-LUISTEREN"],
            motivering=MOTIVERING,
        )
    assert info.value.field == "burger_soort"
    with unchanged(), pytest.raises(ValidatieFout):
        noodrem_pull(
            niveau=Niveau.BURGER,
            door=world.professional,
            burger_soort=BurgerSoort.KLACHT,
            zaak_organisatie=world.gemeente,
            beginsel_codes=["NO-LUISTEREN"],
            motivering=MOTIVERING,
        )


def test_organisation_brake_returns_the_opdracht(world):
    o = opdracht(world, state="vastgesteld")
    with unchanged(), pytest.raises(GeenToegang):
        pull(world, niveau=Niveau.ORGANISATIE, opdracht=o, door=world.lid("uo.teamleider"))
    n = pull(world, niveau=Niveau.ORGANISATIE, opdracht=o, door=world.lid("uo.bestuur")).noodrem
    o.refresh_from_db()
    assert o.status == OpdrachtStatus.TERUGGEGEVEN
    assert (n.ontvanger_organisatie, n.ontvanger_rol) == (world.ministerie, Rol.BELEIDSDIRECTIE)


def test_only_a_vastgesteld_opdracht_can_be_returned(world):
    o = opdracht(world, state="getoetst")
    with unchanged(), pytest.raises(OngeldigeOvergang):
        pull(world, niveau=Niveau.ORGANISATIE, opdracht=o, door=world.lid("uo.bestuur"))


@pytest.mark.parametrize(
    ("keuze", "soort", "status"),
    [
        (TeruggaveKeuze.INTREKKEN, "comply", OpdrachtStatus.INGETROKKEN),
        (TeruggaveKeuze.WIJZIGEN, "comply", OpdrachtStatus.TOETS_GEVRAAGD),
    ],
)
def test_principal_withdraws_or_amends(world, keuze, soort, status):
    n = noodrem(world, niveau=Niveau.ORGANISATIE)
    noodrem_answer(
        noodrem=n,
        door=world.lid("min.beleidsdirectie"),
        soort=soort,
        toelichting=TOELICHTING,
        maatregel="De opdracht wordt gefaseerd ingevoerd vanaf 2029 met extra budget.",
        teruggave_keuze=keuze,
    )
    n.opdracht.refresh_from_db()
    assert n.opdracht.status == status
    if keuze == TeruggaveKeuze.WIJZIGEN:
        assert n.opdracht.versie == 2 and n.opdracht.versies.count() == 2


def test_rejustification_is_for_the_minister_with_a_letter_to_parliament(world):
    n = noodrem(world, niveau=Niveau.ORGANISATIE)
    explain = {
        "soort": "explain",
        "toelichting": TOELICHTING,
        "teruggave_keuze": TeruggaveKeuze.HERBEVESTIGEN,
        "per_beginsel": {"AWB-EVENREDIGHEID": TOELICHTING},
    }
    with unchanged(), pytest.raises(GeenToegang):
        noodrem_answer(noodrem=n, door=world.lid("min.beleidsdirectie"), kamerbrief="KST-1", **explain)
    with unchanged(), pytest.raises(ValidatieFout) as info:
        noodrem_answer(noodrem=n, door=world.lid("min.bewindspersoon"), **explain)
    assert info.value.field == "kamerbrief"
    noodrem_answer(noodrem=n, door=world.lid("min.bewindspersoon"), kamerbrief="Kamerstuk 12345-6", **explain)
    n.opdracht.refresh_from_db()
    assert n.opdracht.status == OpdrachtStatus.VASTGESTELD


def test_referral_budget_upheld_returns_are_not_spent(world, settings):
    settings.SCHAKEL_TERUGVERWIJZINGEN_PER_PERIODE = 1
    now = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    first = noodrem(world, niveau=Niveau.ORGANISATIE, now=now, state="opgevolgd")  # withdrawn: upheld
    assert terugverwijzingsbudget(world.uitvoerder, now).over == 1
    second = noodrem(world, niveau=Niveau.ORGANISATIE, now=now)  # pending: spent
    assert terugverwijzingsbudget(world.uitvoerder, now).over == 0
    o = opdracht(world, state="vastgesteld")
    with unchanged(), pytest.raises(BudgetOp):
        pull(world, niveau=Niveau.ORGANISATIE, opdracht=o, door=world.lid("uo.bestuur"), now=now)
    # a new period brings a new budget
    next_year = now.replace(year=2027)
    assert terugverwijzingsbudget(world.uitvoerder, next_year).over == 1
    assert first.pk != second.pk


def test_the_state_machine_itself_refuses_to_close_an_unanswered_brake(world):
    """Guarantee 1 holds below the services too: a direct transition without an answer is refused."""
    item = noodrem(world, niveau=Niveau.ORGANISATIE)
    for to in (NoodremStatus.OPGEVOLGD, NoodremStatus.UITGELEGD):
        with unchanged(), pytest.raises(OngeldigeOvergang, match="antwoord"), transaction.atomic():
            noodrem_transition(item, to=to, actor="test")
    with unchanged(), pytest.raises(OngeldigeOvergang, match="teruggegeven"), transaction.atomic():
        opdracht_transition(
            Opdracht.objects.get(pk=item.opdracht_id), to=OpdrachtStatus.VASTGESTELD, actor="test"
        )

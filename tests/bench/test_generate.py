"""The national dataset generator at a tiny scale on SQLite: what it writes in bulk must be what the
services would have written — a verifying ledger, states the workflows allow, answers where the state
says answered, silences where the ladder was climbed, and a search index that finds precedents."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import generate  # noqa: E402

from schakel.casussen.models import Casus, CasusVersie, Maatwerkbesluit  # noqa: E402
from schakel.core import ledger  # noqa: E402
from schakel.core.models import LedgerEvent  # noqa: E402
from schakel.core.obligations import Stilte  # noqa: E402
from schakel.noodremmen import workflow as nr_workflow  # noqa: E402
from schakel.noodremmen.models import Noodrem  # noqa: E402
from schakel.organisaties.models import Lid, Organisatie  # noqa: E402
from schakel.precedenten.models import Zoekdocument  # noqa: E402
from schakel.precedenten.selectors import vergelijkbaar  # noqa: E402
from schakel.signalen import workflow as sig_workflow  # noqa: E402
from schakel.signalen.models import Signaal  # noqa: E402

SCALE = 0.002

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="kleine schaal op SQLite; PostgreSQL draait in make bench"
)


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        result = generate.generate(scale=SCALE, seed=7, out=lambda _: None)
        yield result
        from django.core.management import call_command

        call_command("flush", "--noinput", verbosity=0)


@pytest.mark.django_db
def test_ledger_verifies_and_counts_are_proportional(dataset) -> None:  # type: ignore[no-untyped-def]
    result = ledger.verify()
    assert result.ok, result
    assert Casus.objects.count() == round(1_000_000 * SCALE)
    assert Signaal.objects.count() == round(200_000 * SCALE)
    assert Noodrem.objects.count() == round(50_000 * SCALE)
    assert Lid.objects.count() == round(100_000 * SCALE)
    assert Organisatie.objects.count() >= 16
    assert 0.8 * 5_000_000 * SCALE < LedgerEvent.objects.count() < 1.25 * 5_000_000 * SCALE
    # Every casus has its versions and its search document; the version count matches the ledger.
    assert Zoekdocument.objects.count() == Casus.objects.count()
    assert CasusVersie.objects.count() == (
        LedgerEvent.objects.filter(kind__in=["casus.vastgelegd", "casus.gecorrigeerd"]).count()
    )
    assert (
        Maatwerkbesluit.objects.count() == LedgerEvent.objects.filter(kind="maatwerkbesluit.genomen").count()
    )


def _check_items(model, guards, open_state, label) -> Counter[str]:  # type: ignore[no-untyped-def]
    seen: Counter[str] = Counter()
    stilten = Counter(Stilte.objects.filter(onderwerp_type=label).values_list("onderwerp_id", flat=True))
    for item in model.objects.prefetch_related("antwoorden", "beginselen"):
        seen[item.status] += 1
        antwoorden = list(item.antwoorden.all())
        if item.status == open_state:
            assert item.beantwoord_op is None and not antwoorden
            seen["te laat open"] += item.is_te_laat(generate.NOW)
        else:
            # The workflow's own guard: answered, of the right kind, by someone who may act for the recipient.
            assert guards[item.status](item) is None, (item.status, guards[item.status](item))
            antwoord = antwoorden[0]
            if antwoord.soort == "explain":
                assert set(antwoord.per_beginsel) == {b.code for b in item.beginselen.all()}
            else:
                assert antwoord.maatregel
            seen["te laat beantwoord"] += item.te_laat_beantwoord() or item.escalatieniveau > 0
        # One silence per level climbed (plus one at the top when the ladder ran out).
        assert stilten[str(item.uuid)] in (item.escalatieniveau, item.escalatieniveau + 1)
    return seen


@pytest.mark.django_db
def test_states_answers_and_escalations_are_consistent(dataset) -> None:  # type: ignore[no-untyped-def]
    sig = _check_items(Signaal, sig_workflow.GUARDS, "open", "signalen.signaal")
    assert set(sig) - {"te laat open", "te laat beantwoord"} <= set(sig_workflow.TRANSITIONS)
    assert sig["opgelost"] and sig["afgewezen"] and sig["beantwoord"] and sig["open"]
    assert sig["te laat beantwoord"] > 0
    nr = _check_items(Noodrem, nr_workflow.GUARDS, "getrokken", "noodremmen.noodrem")
    assert nr["opgevolgd"] and nr["uitgelegd"]
    assert Noodrem.objects.filter(escalatieniveau__gt=0).exists()


@pytest.mark.django_db
def test_precedent_search_finds_earlier_casussen(dataset) -> None:  # type: ignore[no-untyped-def]
    casus = Casus.objects.select_related("organisatie").order_by("pk")[5]
    doc = casus.zoekdocument
    found = vergelijkbaar(
        organisatie=casus.organisatie,
        tekst=doc.tekst,
        regels=doc.regels.split(),
        beginselen=doc.beginselen.split(),
        zonder=casus,
        limit=5,
    )
    assert found

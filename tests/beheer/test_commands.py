from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from schakel.beheer.demo import load_demo
from schakel.cli import main as cli_main
from schakel.core import ledger
from schakel.core.models import LedgerEvent
from schakel.noodremmen.models import Noodrem, NoodremMelder
from schakel.opdrachten.models import Opdracht
from schakel.organisaties.models import Organisatie
from schakel.signalen.models import Signaal


def test_demo_is_idempotent_and_tells_the_story(beginselen, capsys):
    call_command("demo")
    count = LedgerEvent.objects.count()
    call_command("demo")
    assert LedgerEvent.objects.count() == count
    assert "al geladen" in capsys.readouterr().out
    assert Signaal.objects.count() >= 2
    assert Noodrem.objects.filter(niveau="burger").exists()
    assert NoodremMelder.objects.exists()
    assert Opdracht.objects.filter(status="teruggegeven", toetsen__uitvoerbaar="nee").exists()
    assert ledger.verify().ok


def test_demo_if_empty_skips_a_filled_database(world, capsys):
    call_command("demo", "--if-empty")
    assert "niet geladen" in capsys.readouterr().out
    assert not Organisatie.objects.filter(code="uwv").exists()


def test_tick_rejects_a_bad_moment_in_dutch(db):
    with pytest.raises(CommandError, match="geen geldig ISO-8601"):
        call_command("tick", "--now", "morgen")


def test_tick_rejects_zero_workers_in_dutch(db):
    with pytest.raises(CommandError, match="--werkers"):
        call_command("tick", "--werkers", "0")


def test_tick_with_now_after_demo(beginselen, capsys):
    load_demo()
    call_command("tick", "--now", "2027-06-01T10:00:00+02:00", "--werkers", "1")
    assert "geëscaleerd" in capsys.readouterr().out
    call_command("tick", "--now", "2027-06-01T10:00:00+02:00")
    assert capsys.readouterr().out.startswith("0 geëscaleerd")


def test_cli_renders_service_refusals_in_dutch_with_exit_2(db, capsys):
    with pytest.raises(SystemExit) as info:
        cli_main(["import", "/bestaat/niet.jsonl"])
    assert info.value.code == 1  # CommandError from the import command
    assert "bestaat niet" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_empty_database_is_lossless(tmp_path):
    from schakel.beginselen.services import beginselen_load_default

    beginselen_load_default()
    load_demo()
    path = tmp_path / "export.jsonl"
    call_command("export", "--format", "jsonl", "-o", str(path))
    before = path.read_text(encoding="utf-8").splitlines()
    rows_before = sorted(before)
    events = LedgerEvent.objects.count()
    assert any('"model": "core.ledgerevent"' in line for line in before)
    for line in before[:5]:
        json.loads(line)

    with pytest.raises(CommandError, match="lege database"):
        call_command("import", str(path))

    call_command("flush", "--noinput")
    out = io.StringIO()
    call_command("import", str(path), stdout=out)
    assert f"OK {events} events" in out.getvalue()
    again = tmp_path / "again.jsonl"
    call_command("export", "--format", "jsonl", "-o", str(again))
    assert sorted(again.read_text(encoding="utf-8").splitlines()) == rows_before

    # The full-text index (not a model) is rebuilt on import, so precedent search works at once.
    from schakel.organisaties.models import Organisatie
    from schakel.precedenten.selectors import vergelijkbaar

    uwv = Organisatie.objects.get(code="uwv")
    assert vergelijkbaar(organisatie=uwv, tekst="terugvordering van het WIA-voorschot na een laat besluit")

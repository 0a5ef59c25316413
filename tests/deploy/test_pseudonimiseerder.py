"""deduce in its own process (`schakel pseudonimiseer`, ADR 0019): texts make a real round trip through
the Unix socket; the fixed forms never leave the web process; when the service is down, slow or refuses,
nothing is stored and API and web say so in Dutch; messages above the size bound are refused; gunicorn
does not load deduce when the socket is configured."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from schakel.casussen import pseudonimiseerder as p
from schakel.casussen.models import Casus
from schakel.casussen.pseudonymise import deduce_pass, pseudonymise
from schakel.core.errors import ValidatieFout
from schakel.core.models import LedgerEvent
from schakel.signalen.models import Signaal
from tests.factories import RegelFactory

SCHAKEL = Path(sys.executable).with_name("schakel")
NIET_BESCHIKBAAR = "Pseudonimiseren is tijdelijk niet beschikbaar"
KNELPUNT = "De werkinstructie laat ons het hele voorschot in één keer terugvorderen, ook bij schulden."


@pytest.fixture
def socket_dir() -> Iterator[Path]:
    # A Unix socket path may be at most 107 bytes; pytest's tmp_path can be longer.
    path = Path(tempfile.mkdtemp(prefix="pz-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def serve(path: Path, deidentify: Callable[[str], str]) -> p.Pseudonimiseerder:
    server = p.Pseudonimiseerder(str(path), deidentify)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def stub(socket_dir: Path) -> Iterator[tuple[Path, list[str]]]:
    """A service whose 'model' replaces the name Jansen and remembers what it was sent."""
    received: list[str] = []

    def model(text: str) -> str:
        received.append(text)
        return text.replace("Jansen", "[PERSOON-1]")

    path = socket_dir / "p.sock"
    server = serve(path, model)
    yield path, received
    server.shutdown()
    server.server_close()


def test_round_trip_through_the_socket_and_fixed_forms_stay_in_process(stub, settings):
    path, received = stub
    settings.SCHAKEL_DEDUCE = True
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = str(path)
    tekst = "Mevrouw Jansen (BSN 123456782, jansen@example.nl) belde over haar voorschot. ë ✓"
    result = pseudonymise(tekst)
    assert result == "Mevrouw [PERSOON-1] (BSN [BSN], [E-MAIL]) belde over haar voorschot. ë ✓"
    assert len(received) == 1 and "123456782" not in received[0] and "@" not in received[0]
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"  # only the same user may connect


def test_one_connection_carries_several_requests(stub):
    path, _ = stub
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(str(path))
        for n in range(3):
            p.send_message(sock, {"tekst": f"Jansen {n}"})
            assert p.read_payload(sock, p.read_length(sock)) == {"tekst": f"[PERSOON-1] {n}"}


def test_without_deduce_the_service_is_not_asked(settings, socket_dir):
    settings.SCHAKEL_DEDUCE = False
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = str(socket_dir / "bestaat-niet.sock")
    assert pseudonymise("BSN 123456782") == "BSN [BSN]"


def test_service_down_raises_a_dutch_503(settings, socket_dir):
    settings.SCHAKEL_DEDUCE = True
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = str(socket_dir / "bestaat-niet.sock")
    with pytest.raises(p.PseudonimiserenNietBeschikbaar) as error:
        pseudonymise("Mevrouw Jansen belde.")
    assert error.value.status == 503 and error.value.title == NIET_BESCHIKBAAR
    assert "Jansen" not in error.value.message


def test_a_slow_service_times_out(settings, socket_dir):
    release = threading.Event()
    server = serve(socket_dir / "traag.sock", lambda text: (release.wait(5), text)[1])
    settings.SCHAKEL_DEDUCE = True
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = str(socket_dir / "traag.sock")
    settings.SCHAKEL_PSEUDONIMISEER_TIMEOUT = 0.2
    t0 = time.monotonic()
    try:
        with pytest.raises(p.PseudonimiserenNietBeschikbaar):
            pseudonymise("Mevrouw Jansen belde.")
        assert time.monotonic() - t0 < 3
    finally:
        release.set()
        server.shutdown()
        server.server_close()


def test_a_model_failure_is_refused_and_the_service_keeps_serving(socket_dir):
    def model(text: str) -> str:
        if "kapot" in text:
            raise RuntimeError("model stuk")
        return text

    server = serve(socket_dir / "k.sock", model)
    try:
        with pytest.raises(p.PseudonimiserenNietBeschikbaar):
            p.vraag(str(socket_dir / "k.sock"), "kapot", timeout=5)
        assert p.vraag(str(socket_dir / "k.sock"), "heel", timeout=5) == "heel"
    finally:
        server.shutdown()
        server.server_close()


def test_size_limit_client_side_in_dutch(stub):
    path, received = stub
    with pytest.raises(ValidatieFout) as error:
        p.vraag(str(path), "a" * (p.MAX_BYTES + 1), timeout=5)
    assert error.value.message == "De tekst is te lang om te pseudonimiseren (meer dan 1 MB)."
    assert received == []


def test_size_limit_server_side_refuses_without_reading(stub):
    path, received = stub
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(str(path))
        sock.sendall(p._HEADER.pack(p.MAX_BYTES + 1) + b"{")  # announces more than it may send
        assert p.read_payload(sock, p.read_length(sock)) == {"fout": p.TE_LANG}
        # and hangs up (a reset, since the announced rest was never read)
        with contextlib.suppress(ConnectionResetError):
            assert sock.recv(1) == b""
    assert received == []


def test_garbage_is_refused_in_dutch(stub):
    path, received = stub
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(str(path))
        body = json.dumps(["geen object"]).encode()
        sock.sendall(p._HEADER.pack(len(body)) + body)
        assert p.read_payload(sock, p.read_length(sock))["fout"].startswith("Ongeldig verzoek")
    assert received == []


def test_api_refuses_with_503_and_stores_nothing_when_the_service_is_down(
    world, client_for, settings, socket_dir
):
    settings.SCHAKEL_DEDUCE = True
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = str(socket_dir / "weg.sock")
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    events = LedgerEvent.objects.count()
    body = {"titel": "Jansen", "omschrijving": "Mevrouw Jansen belde.", "regels": [str(regel.uuid)]}
    response = client_for("uo.professional").post("/api/v1/casussen/", body, format="json")
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert response.json()["title"] == NIET_BESCHIKBAAR
    assert not Casus.objects.exists() and LedgerEvent.objects.count() == events


def test_api_stores_the_service_answer(world, client_for, settings, stub):
    path, _ = stub
    settings.SCHAKEL_DEDUCE = True
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = str(path)
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    body = {"titel": "Voorschot", "omschrijving": "Mevrouw Jansen belde.", "regels": [str(regel.uuid)]}
    response = client_for("uo.professional").post("/api/v1/casussen/", body, format="json")
    assert response.status_code == 201
    assert Casus.objects.get().omschrijving == "Mevrouw [PERSOON-1] belde."


def test_web_form_shows_the_dutch_message_and_stores_nothing(world, client, settings, socket_dir):
    settings.SCHAKEL_DEDUCE = True
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = str(socket_dir / "weg.sock")
    regel = RegelFactory(uitvoerder=world.uitvoerder)
    client.force_login(world.lid("uo.professional").gebruiker)
    response = client.post(
        f"/regels/{regel.uuid}/signaal-indienen/",
        {
            "titel": "Terugvordering in één keer",
            "knelpunt": KNELPUNT,
            "beginselen": ["AWB-EVENREDIGHEID"],
        },
    )
    assert NIET_BESCHIKBAAR in response.content.decode()
    assert response.status_code != 302 and not Signaal.objects.exists()


def test_gunicorn_does_not_load_deduce_when_the_socket_is_set(settings, monkeypatch):
    from schakel import gunicorn_conf
    from schakel.casussen import pseudonymise as module

    loaded: list[bool] = []
    monkeypatch.setattr(module, "warm", lambda: loaded.append(True))
    settings.SCHAKEL_DEDUCE = True
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = "/run/schakel/pseudonimiseer.sock"
    gunicorn_conf.when_ready(None)
    assert loaded == []
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = ""
    gunicorn_conf.when_ready(None)
    assert loaded == [True]


def test_the_command_serves_until_sigterm(socket_dir):
    path = socket_dir / "cmd.sock"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCHAKEL_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "SCHAKEL_DATA_DIR": str(socket_dir),
            "SCHAKEL_DEDUCE": "false",
            "SCHAKEL_SECRET_KEY": "k7Qp2-vX9mZr4tLw8nYc3bHs6dFj1gKa5eUo0iPq_RzTxVyNmBl",
        }
    )
    process = subprocess.Popen(
        [str(SCHAKEL), "pseudonimiseer", "--socket", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == f"Klaar: pseudonimiseert op {path}"
        assert p.vraag(str(path), "Mevrouw Jansen belde.", timeout=5) == "Mevrouw Jansen belde."
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        assert not path.exists()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_command_needs_a_socket():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Geef --socket PAD"):
        call_command("pseudonimiseer", "--socket", "")


def test_real_deduce_through_the_socket(socket_dir, settings):
    """The model the service really runs: names and places do not come back."""
    settings.SCHAKEL_DEDUCE = True
    server = serve(socket_dir / "echt.sock", deduce_pass)
    settings.SCHAKEL_PSEUDONIMISEER_SOCKET = str(socket_dir / "echt.sock")
    settings.SCHAKEL_PSEUDONIMISEER_TIMEOUT = 120  # the first call loads the tables in this process
    try:
        result = pseudonymise("Jan Jansen uit Amersfoort belde op 12 maart 2026 over zijn voorschot.")
    finally:
        server.shutdown()
        server.server_close()
    assert "Jansen" not in result and "Amersfoort" not in result and "voorschot" in result

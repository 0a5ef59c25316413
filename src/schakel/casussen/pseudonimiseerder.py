"""deduce in its own process: `schakel pseudonimiseer --socket PATH` answers over a Unix domain socket.

deduce's lookup tables take about 1 GB; loaded in every web worker (or even once in the gunicorn master)
they make each worker's RSS about 1.1 GB. With SCHAKEL_PSEUDONIMISEER_SOCKET set, the web processes send
each text here instead and never load deduce themselves (ADR 0019).

The protocol, both ways: a 4-byte big-endian length, then that many bytes of UTF-8 JSON. A request
is `{"tekst": "…"}`; the answer `{"tekst": "…"}` or `{"fout": "…"}` (Dutch, without the text). One
connection may carry several requests. A message longer than MAX_BYTES is refused without being read.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import socketserver
import struct
import threading
from collections.abc import Callable
from typing import Any

from schakel.core.errors import SchakelError, ValidatieFout

# Far above any text a form or the API accepts; a bound so one bad client cannot make the service
# allocate without limit.
MAX_BYTES = 1024 * 1024
_HEADER = struct.Struct(">I")


class PseudonimiserenNietBeschikbaar(SchakelError):
    """The pseudonymisation service did not answer. Nothing is stored: raw text never goes in instead."""

    status = 503
    code = "pseudonimiseren-niet-beschikbaar"
    title = "Pseudonimiseren is tijdelijk niet beschikbaar"
    wacht = 10  # Retry-After in the API: about the time the service needs to restart and load deduce


NIET_BESCHIKBAAR = (
    "Pseudonimiseren is tijdelijk niet beschikbaar. Er is niets opgeslagen; probeer het over een paar "
    "minuten opnieuw."
)
TE_LANG = "De tekst is te lang om te pseudonimiseren (meer dan 1 MB)."


class _Gesloten(Exception):
    """The other side closed the connection between messages."""


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    chunks: list[bytes] = []
    while n:
        chunk = sock.recv(min(n, 65536))
        if not chunk:
            raise _Gesloten
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def send_message(sock: socket.socket, message: dict[str, str]) -> None:
    payload = json.dumps(message, ensure_ascii=False).encode()
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def read_length(sock: socket.socket) -> int:
    (length,) = _HEADER.unpack(_recv_exact(sock, _HEADER.size))
    return int(length)


def read_payload(sock: socket.socket, length: int) -> dict[str, Any]:
    message = json.loads(_recv_exact(sock, length).decode())
    if not isinstance(message, dict):
        raise ValueError("geen JSON-object")
    return message


# --- client (in the web and tick processes) ------------------------------------------------------------


def vraag(path: str, text: str, *, timeout: float) -> str:
    """deduce's answer for text from the service at path. Raises PseudonimiserenNietBeschikbaar when the
    service is down, slow or answers nonsense, ValidatieFout when the text is too long to send."""
    if len(json.dumps({"tekst": text}, ensure_ascii=False).encode()) > MAX_BYTES:
        raise ValidatieFout(TE_LANG)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(path)
            send_message(sock, {"tekst": text})
            length = read_length(sock)
            if length > MAX_BYTES:
                raise ValueError("antwoord te groot")
            answer = read_payload(sock, length)
    except (OSError, ValueError, _Gesloten) as exc:
        raise PseudonimiserenNietBeschikbaar(NIET_BESCHIKBAAR) from exc
    if "fout" in answer:
        if answer["fout"] == TE_LANG:
            raise ValidatieFout(TE_LANG)
        raise PseudonimiserenNietBeschikbaar(NIET_BESCHIKBAAR)
    result = answer.get("tekst")
    if not isinstance(result, str):
        raise PseudonimiserenNietBeschikbaar(NIET_BESCHIKBAAR)
    return result


# --- server (the `schakel pseudonimiseer` process) -----------------------------------------------------


class _Verbinding(socketserver.BaseRequestHandler):
    server: Pseudonimiseerder

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(self.server.idle_timeout)
        with contextlib.suppress(_Gesloten, OSError):
            while True:
                length = read_length(sock)
                if length > MAX_BYTES:
                    # The rest is not read: answer and hang up, so the stream cannot get out of step.
                    send_message(sock, {"fout": TE_LANG})
                    return
                try:
                    text = read_payload(sock, length)["tekst"]
                    if not isinstance(text, str):
                        raise TypeError
                except (ValueError, KeyError, TypeError):
                    send_message(sock, {"fout": 'Ongeldig verzoek: verwacht {"tekst": "…"} in UTF-8-JSON.'})
                    return
                try:
                    result = self.server.deidentify(text)
                except Exception:
                    self.server.log(
                        "Pseudonimiseren mislukte voor een tekst (de tekst zelf wordt niet gelogd)."
                    )
                    send_message(sock, {"fout": "Pseudonimiseren mislukte."})
                    continue
                send_message(sock, {"tekst": result})


class Pseudonimiseerder(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """One thread per connection (the web workers connect per text); deduce runs under one lock, since
    the GIL would serialise it anyway and its thread safety is not documented."""

    daemon_threads = True
    allow_reuse_address = False

    def __init__(
        self,
        path: str,
        deidentify: Callable[[str], str],
        *,
        idle_timeout: float = 60,
        log: Callable[[str], None] = lambda message: None,
    ) -> None:
        self._lock = threading.Lock()
        self._deidentify = deidentify
        self.idle_timeout = idle_timeout
        self.log = log
        # A socket file left by a stopped process would make bind fail; nothing else lives at this path.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        # Only the same user (web and this process run as `schakel`) may connect.
        old_umask = os.umask(0o177)
        try:
            super().__init__(path, _Verbinding)
        finally:
            os.umask(old_umask)

    def deidentify(self, text: str) -> str:
        with self._lock:
            return self._deidentify(text)

    def server_close(self) -> None:
        super().server_close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.server_address)  # type: ignore[arg-type]

"""Run the same work in several threads at once, each on its own database connection, for the tests that
check what two or more workers do side by side (ticks, mail senders)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connection

T = TypeVar("T")


def at_once(n: int, work: Callable[[], T]) -> list[T]:
    """Start `work` in n threads released together; return their results, or raise the first error."""
    gate = threading.Barrier(n)
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            gate.wait()
            results.append(work())
        except BaseException as exc:  # noqa: BLE001 - raised in the test's thread below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results

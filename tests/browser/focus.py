"""Where the keyboard focus is in a page, for the flows that check the error summary takes it."""

from __future__ import annotations

from typing import Any


def focused_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))

"""Everything a log record carries, as one text to search for secrets."""

from __future__ import annotations

import logging

import pytest

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__)


def all_logged(caplog: pytest.LogCaptureFixture) -> str:
    parts = []
    for record in caplog.records:
        parts += [record.name, record.getMessage(), repr(record.args), str(record.exc_text or "")]
        if record.exc_info and record.exc_info[1] is not None:
            parts.append(repr(record.exc_info[1]))
        # Whatever a handler could format besides the message: `extra` values such as the request.
        parts += [repr(v) for k, v in vars(record).items() if k not in _STANDARD]
    return "\n".join(parts)

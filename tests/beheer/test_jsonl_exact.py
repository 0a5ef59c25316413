"""The export keeps datetimes to the microsecond, so export → import → export is lossless."""

from __future__ import annotations

import datetime as dt
import json

from schakel.beheer.jsonl_exact import ExactEncoder


def test_microseconds_below_a_millisecond_survive():
    at = dt.datetime(2026, 11, 23, 14, 0, 34, 123, tzinfo=dt.UTC)
    text = json.loads(json.dumps(at, cls=ExactEncoder))
    assert text == "2026-11-23T14:00:34.000123Z"
    assert dt.datetime.fromisoformat(text) == at

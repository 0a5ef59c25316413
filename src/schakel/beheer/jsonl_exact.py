"""JSON Lines for `schakel export`/`import` that keeps datetimes to the microsecond.

Django's encoder cuts datetimes to milliseconds, so an export → import → export round trip was not
lossless (and the export test failed whenever a timestamp's microseconds were below 1000)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()  # type: ignore[misc]  # not in django-stubs


Deserializer = jsonl.Deserializer

"""Every route the site answers, read from the URL resolver, with the methods its view takes, and the
normalised pattern that test paths are compared on (parameters do not matter, only where they are)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.urls import URLPattern, URLResolver, get_resolver, resolve

# A regex group, a path converter or a test placeholder all stand for "some value here".
_PARAM = re.compile(r"\(\?P<[^>]+>[^)]*\)|<(?:[^>:]+:)?[^>]+>|\{[^}]*\}")
# DRF adds `casussen.json` next to `casussen/`: the same view, so it must not need a row of its own.
_FORMAT_SUFFIX = re.compile(r"\\\.\(\?P<format>[^)]*\)/\?")
_SAMPLE = str(UUID(int=0))


def normalise(pattern: str) -> str:
    """`api/v1/^casussen/(?P<uuid>[^/.]+)/$`, `casussen/<uuid:uuid>/` and `/casussen/{casus}/` all become
    `/casussen/{}/`-shaped strings."""
    p = _FORMAT_SUFFIX.sub("/", pattern)
    p = _PARAM.sub("{}", p)
    p = p.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + p.lstrip("/")


@dataclass(frozen=True)
class Route:
    pattern: str  # normalised
    methods: frozenset[str]
    view: str


def _unwrapped(view: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    while view is not None:
        yield view
        view = getattr(view, "__wrapped__", None)  # type: ignore[assignment]


def _declared(view: Callable[..., Any]) -> frozenset[str] | None:
    """The methods of django.views.decorators.http.require_http_methods (require_POST, require_safe)
    anywhere in the decorator chain."""
    for fn in _unwrapped(view):
        code = getattr(fn, "__code__", None)
        if code is None or not fn.__closure__:  # type: ignore[attr-defined]
            continue
        cells = dict(zip(code.co_freevars, fn.__closure__, strict=True))  # type: ignore[attr-defined]
        if "request_method_list" in cells:
            return frozenset(m.upper() for m in cells["request_method_list"].cell_contents) - {"HEAD"}
    return None


def methods_of(callback: Callable[..., Any]) -> frozenset[str]:
    actions = getattr(callback, "actions", None)
    if actions:  # a DRF viewset route: the mapped methods (DRF maps HEAD onto GET on the first request)
        return frozenset(m.upper() for m in actions) - {"HEAD"}
    cls = getattr(callback, "view_class", None)
    if cls is not None:
        names = set(cls.http_method_names) - {"options", "head", "trace"}
        return frozenset(m.upper() for m in names if hasattr(cls, m))
    declared = _declared(callback)
    if declared is not None:
        return declared
    # A plain function view takes any method; one that never reads a form body acts on GET only. The
    # check reads the source so that a new form view is held to a POST row without anybody declaring it.
    fns = [f for f in _unwrapped(callback) if inspect.isfunction(f)]
    source = inspect.getsource(fns[-1]) if fns else ""
    return frozenset({"GET", "POST"} if "request.POST" in source else {"GET"})


def _walk(patterns: list[Any], prefix: str) -> Iterator[Route]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            cb = p.callback
            target = getattr(cb, "view_class", None) or cb
            name = getattr(target, "__qualname__", type(target).__qualname__)
            yield Route(normalise(prefix + str(p.pattern)), methods_of(cb), f"{target.__module__}.{name}")


def all_routes() -> dict[str, Route]:
    """Per normalised pattern; a format-suffix twin adds nothing new."""
    routes: dict[str, Route] = {}
    for r in _walk(get_resolver().url_patterns, ""):
        routes.setdefault(r.pattern, r)
    return routes


def route_of(path: str) -> str | None:
    """The normalised pattern a test path (with `{item}` placeholders and maybe a query) resolves to."""
    concrete = _PARAM.sub(_SAMPLE, path.split("?", 1)[0])
    try:
        match = resolve(concrete)
    except Exception:  # Resolver404: a row about a route that no longer exists
        return None
    return normalise(match.route)

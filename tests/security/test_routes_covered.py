"""Every route of the site is in an authorisation matrix, or deliberately left out with a reason.

The resolver is the list of what the site answers; the matrices (tests/api/test_matrix.py for the API,
tests/web/test_page_matrix.py for the pages) say who may use what. A new endpoint or page that nobody
put in a matrix fails here by name, so a missing access check cannot go unnoticed."""

from __future__ import annotations

from tests.api.test_matrix import API, KNOWN_400_FOR_WRONG_ROLE, LISTS, ROWS
from tests.routes import Route, all_routes, normalise, route_of
from tests.web.test_page_matrix import PAGE_LISTS, PAGE_ROWS

# Routes that show no organisation's unshared data, or guard it in their own way. A pattern ending in
# `*` holds for everything under it.
NOT_IN_A_MATRIX = {
    "/": "public start page: national totals only, no item",
    "/inloggen/": "the login form itself",
    "/uitloggen/": "logging out: ends the caller's own session",
    "/lidmaatschap/": "choosing among the caller's own memberships (tests/web/test_layout_en_inloggen.py)",
    "/noodknop/": "public explanation of the noodrem, no data",
    "/i18n/setlang/": "language choice, kept in the caller's own session",
    "/burger/*": "citizen pages: access by receipt code (tests/web/test_burger.py, security/test_ontvangstcode)",
    "/api/v1/burger/*": "citizen API: access by receipt code (tests/security/test_ontvangstcode.py)",
    "/register/*": "the public register: published answers only (tests/register/)",
    "/api/v1/schema/*": "the OpenAPI description and its viewer: public, no data",
    "/beheer/*": "Django admin: staff accounts with its own permissions, not organisation members",
}


def _allowed(pattern: str) -> str | None:
    for key, reason in NOT_IN_A_MATRIX.items():
        if pattern == key or (key.endswith("*") and pattern.startswith(key[:-1])):
            return reason
    return None


def matrix_paths() -> list[tuple[str, str, str]]:
    """(where, method, path) for every path a matrix row requests."""
    found: list[tuple[str, str, str]] = []
    for row in [*ROWS, *KNOWN_400_FOR_WRONG_ROLE]:
        paths = (row.path,) if isinstance(row.path, str) else row.path
        found += [(f"api {row.id}", row.method.upper(), API + p) for p in paths]
    found += [(f"api lijst {path}", "GET", API + path) for path, *_ in LISTS]
    for page in PAGE_ROWS:
        found += [(f"pagina {page.id}", page.method.upper(), p) for p in page.paths]
    found += [(f"pagina lijst {lijst.id}", "GET", lijst.path) for lijst in PAGE_LISTS]
    return found


def covered() -> set[tuple[str, str]]:
    return {(pattern, method) for _, method, path in matrix_paths() if (pattern := route_of(path))}


def describe(route: Route, missing: set[str]) -> str:
    return f"{'/'.join(sorted(missing))} {route.pattern}  ({route.view})"


def test_every_route_is_in_a_matrix_or_deliberately_left_out():
    done = covered()
    missing = []
    for pattern, route in sorted(all_routes().items()):
        if _allowed(pattern):
            continue
        absent = {m for m in route.methods if (pattern, m) not in done}
        if absent:
            missing.append(describe(route, absent))
    assert not missing, "Routes in geen enkele autorisatiematrix:\n" + "\n".join(missing)


def test_every_matrix_row_names_a_route_and_a_method_it_takes():
    routes = all_routes()
    stale = []
    for where, method, path in matrix_paths():
        pattern = route_of(path)
        if pattern is None:
            stale.append(f"{where}: {path} bestaat niet")
        elif method not in routes[pattern].methods:
            stale.append(f"{where}: {method} {path} neemt de view niet aan")
    assert not stale, "\n".join(stale)


def test_the_allowlist_is_short_and_every_entry_still_exists():
    patterns = all_routes()
    assert len(NOT_IN_A_MATRIX) <= 12, "the allowlist grows: put the new route in a matrix instead"
    for key in NOT_IN_A_MATRIX:
        prefix = key.removesuffix("*")
        assert any(p == key or (key.endswith("*") and p.startswith(prefix)) for p in patterns), key


def test_patterns_compare_on_shape_not_on_names():
    assert normalise("api/v1/^casussen/(?P<uuid>[^/.]+)/$") == "/api/v1/casussen/{}/"
    assert normalise("api/v1/^casussen/(?P<uuid>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$") == "/api/v1/casussen/{}/"
    assert normalise("casussen/<uuid:uuid>/") == normalise("/casussen/{casus}/") == "/casussen/{}/"
    assert route_of("/noodrem-trekken/casus/{casus}/") == "/noodrem-trekken/{}/{}/"
    assert route_of("/zoeken/?q=woord") == "/zoeken/"

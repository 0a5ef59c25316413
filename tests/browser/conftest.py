"""Browser tests: Playwright (sync API) drives Debian's Chromium at /usr/bin/chromium against pytest-django's
live server. Without that binary, or without Playwright installed, every test here is skipped with a reason,
so `make test` still passes on a machine without a browser.

Screenshots of the main pages go to a temporary directory; with SCHAKEL_SCREENSHOTS=1 they are written to
docs/screenshots/ for the README."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WACHTWOORD = "browser-test-wachtwoord-42"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} ontbreekt: installeer Chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is niet geïnstalleerd")
    pytest.importorskip("axe_playwright_python", reason="axe-playwright-python is niet geïnstalleerd")
    # Playwright's sync API keeps an asyncio loop on this thread; Django would then refuse ORM calls made
    # by the test itself (the live server runs in its own thread). Only for the browser tests.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # deduce loads its tables once per process (15-20 s); do it before a page waits on it.
    from schakel.casussen.pseudonymise import warm

    warm()
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
    finally:
        pw.stop()
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings):  # type: ignore[no-untyped-def]
    """The live server speaks plain HTTP; secure-only cookies would never come back."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable[[], Any]]:  # type: ignore[no-untyped-def]
    """`new_page()`: a page in a fresh browser context (its own cookies), on the live server."""
    contexts = []

    def make() -> Any:
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):  # type: ignore[no-untyped-def]
    return new_page()


def assert_accessible(page: Any) -> None:
    """axe-core on the page as it is now: zero violations, or fail listing them."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    if results.violations_count:
        detail = [
            {
                "id": v["id"],
                "impact": v.get("impact"),
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:10],
            }
            for v in results.response["violations"]
        ]
        print(results.generate_report())
        pytest.fail(
            f"axe vond {results.violations_count} probleem(en) op {page.url}:\n"
            + json.dumps(detail, indent=2, ensure_ascii=False)
        )


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    if os.environ.get("SCHAKEL_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return Path(tmp_path_factory.mktemp("screenshots"))


@pytest.fixture
def visit(screenshot_dir) -> Callable[..., None]:  # type: ignore[no-untyped-def]
    """`visit(page, "naam")`: after every navigation: check with axe, and save a screenshot when named."""

    def check(page: Any, screenshot: str | None = None) -> None:
        page.wait_for_load_state("load")
        assert_accessible(page)
        if screenshot:
            page.screenshot(path=str(screenshot_dir / f"{screenshot}.png"), full_page=True)

    return check


def set_password(lid: Any) -> str:
    user = lid.gebruiker
    user.set_password(WACHTWOORD)
    user.save(update_fields=["password"])
    return str(user.get_username())


@pytest.fixture
def login(new_page, visit):  # type: ignore[no-untyped-def]
    """`login(lid)`: a fresh page, logged in as that member through the login page."""

    def make(lid: Any) -> Any:
        username = set_password(lid)
        page = new_page()
        page.goto("/inloggen/")
        visit(page)
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(re.compile(r"/werkvoorraad/$"))
        return page

    return make

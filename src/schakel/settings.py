"""Django settings for Schakel.

Every setting that differs between installations is read from a documented environment variable
with a safe default (see docs/configuration.md). DEBUG is off, hosts are explicit, no CORS.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "ja", "on"}:
        return True
    if value in {"0", "false", "no", "nee", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} moet true of false zijn, niet {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} moet een geheel getal zijn, niet {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# SCHAKEL_DEBUG: development mode. Never on in production.
DEBUG = env_bool("SCHAKEL_DEBUG", False)

# SCHAKEL_SECRET_KEY: required when DEBUG is off (a fixed development key is used otherwise). The web
# server refuses to start without a strong one (schakel/beveiliging/sleutel.py, called from wsgi.py).
_DEV_SECRET = "schakel-ontwikkelsleutel-niet-voor-productie"
SECRET_KEY = env_str("SCHAKEL_SECRET_KEY", _DEV_SECRET if DEBUG else "")
SCHAKEL_SLEUTEL_TIJDELIJK = not SECRET_KEY
if not SECRET_KEY:
    # Commands that never serve requests (tests, migrate, verify) still need a key; an ephemeral one
    # is safe there because nothing signed survives the process.
    SECRET_KEY = os.urandom(32).hex()

# SCHAKEL_ALLOWED_HOSTS: comma-separated host names; no wildcard by default.
ALLOWED_HOSTS = env_list("SCHAKEL_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# SCHAKEL_DATA_DIR: where the embedded SQLite database lives.
DATA_DIR = Path(env_str("SCHAKEL_DATA_DIR", str(Path.cwd() / "data")))

# DATABASE_URL: any database dj-database-url understands; default an SQLite file in DATA_DIR.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'schakel.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("SCHAKEL_DB_CONN_MAX_AGE", 0))
}
# SCHAKEL_DB_POOL_MIN / _MAX: PostgreSQL connection pool per process (psycopg_pool). MAX 0 switches it
# off, and then SCHAKEL_DB_CONN_MAX_AGE applies. The pool hands out only connections that pass a check,
# so after a database restart the service recovers by itself (SCHAKEL_DB_POOL_TIMEOUT: seconds a request
# waits for a free connection before it fails, and is answered with 503).
SCHAKEL_DB_POOL_MAX = env_int("SCHAKEL_DB_POOL_MAX", 4)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if SCHAKEL_DB_POOL_MAX > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # Django refuses persistent connections beside a pool
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": min(env_int("SCHAKEL_DB_POOL_MIN", 1), SCHAKEL_DB_POOL_MAX),
            "max_size": SCHAKEL_DB_POOL_MAX,
            "timeout": env_int("SCHAKEL_DB_POOL_TIMEOUT", 5),
        }
    # SCHAKEL_DB_JOIN_COLLAPSE_LIMIT: how many joined tables PostgreSQL reorders freely while planning. A
    # detail read joins nine (its subject, parties and the visibility rule): at PostgreSQL's default 8
    # planning took about 11 ms for a query that runs in 1 ms, at 4 about 2 ms. Django writes the joins
    # from the filtered table outwards, the order these reads want anyway. SCHAKEL_DB_JIT: compiling
    # costs more than it saves on the short queries of a request, so it is off unless switched on.
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options["options"] = " ".join(
        filter(
            None,
            [
                _pg_options.get("options", ""),
                f"-c join_collapse_limit={env_int('SCHAKEL_DB_JOIN_COLLAPSE_LIMIT', 4)}",
                f"-c jit={'on' if env_bool('SCHAKEL_DB_JIT', False) else 'off'}",
            ],
        )
    )
# SCHAKEL_VERIFY_WORK_MEM_MB: memory per PostgreSQL process for `schakel verify`'s join of every event
# with its predecessor (ADR 0021); the national ledger needs about 600 MB in all to stay off the disk.
SCHAKEL_VERIFY_WORK_MEM_MB = env_int("SCHAKEL_VERIFY_WORK_MEM_MB", 256)
# SCHAKEL_TICK_WORKERS: threads that escalate overdue items side by side in one `schakel tick` (PostgreSQL
# only; SQLite has one writer). Two fill two cores: while one batch is in the database the next is built.
SCHAKEL_TICK_WORKERS = env_int("SCHAKEL_TICK_WORKERS", 2)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two writers never deadlock on upgrade;
    # WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SCHAKEL_SQLITE_TIMEOUT", 30),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # Tests use a file too: an in-memory database has table locks instead of WAL, so concurrency tests
    # would measure the wrong thing.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-schakel-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# SCHAKEL_CACHE: "locmem" (default; one cache per process) or "database" (shared by every worker and node,
# needs `schakel createcachetable`). The API throttles count in this cache, so production with more than
# one worker must use "database": per-process counts would multiply the guessing limit by the workers.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "schakel_cache"}
        if env_str("SCHAKEL_CACHE", "locmem") == "database"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Redoc served from our static files, not a CDN
    "django_htmx",
    "schakel.core",
    "schakel.beveiliging",
    "schakel.organisaties",
    "schakel.beginselen",
    "schakel.regels",
    "schakel.casussen",
    "schakel.signalen",
    "schakel.opdrachten",
    "schakel.noodremmen",
    "schakel.precedenten",
    "schakel.kamervragen",
    "schakel.register",
    "schakel.api",
    "schakel.beheer",
    "schakel.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from each web node itself (collected into STATIC_ROOT at build time): no shared disk.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "schakel.beveiliging.koppen.BeveiligingsKoppen",
    "schakel.beveiliging.storing.DatabaseStoring",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "schakel.urls"
WSGI_APPLICATION = "schakel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Dutch is the source language (the msgids); English lives in locale/en (see ADR 0012).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

# SCHAKEL_EMAIL_BACKEND: Django e-mail backend; by default mails are printed on stderr, nothing leaves the machine.
EMAIL_BACKEND = env_str("SCHAKEL_EMAIL_BACKEND", "schakel.core.mail.StderrBackend")
DEFAULT_FROM_EMAIL = env_str("SCHAKEL_FROM_EMAIL", "schakel@localhost")

# --- Security headers and cookies (ADR 0013) -------------------------------------------------------
# Content-Security-Policy and Permissions-Policy come from schakel.beveiliging.koppen; the rest is Django's.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SCHAKEL_SECURE_COOKIES", True)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # no JavaScript reads it: forms carry the token in a hidden field
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# SCHAKEL_HTTPS: the site is reached over HTTPS only. Redirects http to https and sends HSTS
# (SCHAKEL_HSTS_SECONDS, a year by default; SCHAKEL_HSTS_SUBDOMAINS; SCHAKEL_HSTS_PRELOAD opts in to the
# browsers' preload list). Behind a TLS-terminating proxy (SCHAKEL_NUM_PROXIES > 0) the proxy's
# X-Forwarded-Proto tells Django the request came in over HTTPS.
SCHAKEL_HTTPS = env_bool("SCHAKEL_HTTPS", False)
if SCHAKEL_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("SCHAKEL_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SCHAKEL_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SCHAKEL_HSTS_PRELOAD", False)
    if env_int("SCHAKEL_NUM_PROXIES", 0) > 0:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole domain for months; the operator opts in, the check need not nag.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- Schakel domain settings ------------------------------------------------------------------
# SCHAKEL_TERMIJN_<SOORT>: answer term per kind, "<n> werkdagen" or "<n> kalenderdagen".
SCHAKEL_TERMIJNEN = {
    "signaal": env_str("SCHAKEL_TERMIJN_SIGNAAL", "30 werkdagen"),
    "noodrem_professional": env_str("SCHAKEL_TERMIJN_NOODREM_PROFESSIONAL", "5 werkdagen"),
    "noodrem_burger": env_str("SCHAKEL_TERMIJN_NOODREM_BURGER", "42 kalenderdagen"),
    "noodrem_organisatie": env_str("SCHAKEL_TERMIJN_NOODREM_ORGANISATIE", "20 werkdagen"),
    # Schriftelijke Kamervragen: three weeks (Reglement van Orde Tweede Kamer).
    "kamervraag": env_str("SCHAKEL_TERMIJN_KAMERVRAAG", "21 kalenderdagen"),
}
# SCHAKEL_TERUGVERWIJZINGEN_PER_PERIODE: how many opdrachten an organisation may return per period.
SCHAKEL_TERUGVERWIJZINGEN_PER_PERIODE = env_int("SCHAKEL_TERUGVERWIJZINGEN_PER_PERIODE", 2)
# SCHAKEL_TERUGVERWIJZING_PERIODE: "jaar" or "kwartaal".
SCHAKEL_TERUGVERWIJZING_PERIODE = env_str("SCHAKEL_TERUGVERWIJZING_PERIODE", "jaar")
# SCHAKEL_MIN_MOTIVERING: minimum number of words a motivation must have to count as one.
SCHAKEL_MIN_MOTIVERING_WOORDEN = env_int("SCHAKEL_MIN_MOTIVERING_WOORDEN", 8)
# SCHAKEL_PATROON_DREMPEL / _MAANDEN: fix → solve: this many maatwerkbesluiten on one rule within this
# many months make the system propose a structural signaal to the rule's owner.
SCHAKEL_PATROON_DREMPEL = env_int("SCHAKEL_PATROON_DREMPEL", 5)
SCHAKEL_PATROON_MAANDEN = env_int("SCHAKEL_PATROON_MAANDEN", 12)
# SCHAKEL_PRECEDENT_GELIJKENIS: from this similarity (0–100, share of the casus' distinct terms found in
# the earlier one) a casus on the same rule decided the other way demands a motivation of the difference.
SCHAKEL_PRECEDENT_GELIJKENIS = env_int("SCHAKEL_PRECEDENT_GELIJKENIS", 60)
# SCHAKEL_DEDUCE: pseudonymise free text with deduce (names, places, dates, …) after the fixed-form pass.
# Only for development machines without the model; never switch it off in production.
SCHAKEL_DEDUCE = env_bool("SCHAKEL_DEDUCE", True)
# SCHAKEL_PSEUDONIMISEER_SOCKET: Unix socket of `schakel pseudonimiseer`; when set, deduce runs there and
# not in this process (about 1 GB less per web node). Empty: deduce in-process (tests, `make run`).
# SCHAKEL_PSEUDONIMISEER_TIMEOUT: seconds to wait for it; no answer means nothing is stored (503).
SCHAKEL_PSEUDONIMISEER_SOCKET = env_str("SCHAKEL_PSEUDONIMISEER_SOCKET", "")
SCHAKEL_PSEUDONIMISEER_TIMEOUT = env_int("SCHAKEL_PSEUDONIMISEER_TIMEOUT", 10)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "schakel.api.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "schakel.api.pagination.Cursor",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "schakel.api.problems.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": {
        # failed receipt-code look-ups per client address
        "ontvangstcode": env_str("SCHAKEL_THROTTLE_ONTVANGSTCODE", "20/hour"),
        # citizens filing without an account, per client address
        "burger_indienen": env_str("SCHAKEL_THROTTLE_BURGER_INDIENEN", "20/hour"),
        # failed logins (web password, API token) per username and per client address
        "inloggen": env_str("SCHAKEL_THROTTLE_INLOGGEN", "10/hour"),
        "inloggen_adres": env_str("SCHAKEL_THROTTLE_INLOGGEN_ADRES", "100/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # SCHAKEL_NUM_PROXIES: how many trusted reverse proxies stand in front; throttles then read the client
    # address from X-Forwarded-For that far back. 0 (default): only the socket address counts, so a
    # client cannot dodge the receipt-code guessing limit with a forged header.
    "NUM_PROXIES": env_int("SCHAKEL_NUM_PROXIES", 0),
}
LOGIN_URL = "web:inloggen"
LOGIN_REDIRECT_URL = "web:werkvoorraad"
LOGOUT_REDIRECT_URL = "web:start"

# --- Single sign-on (OpenID Connect), off by default ----------------------------------------------
# SCHAKEL_OIDC_CLIENT_ID / _CLIENT_SECRET: the client registered at the identity provider; setting the
# id switches SSO on. SCHAKEL_OIDC_AUTHORIZATION_ENDPOINT, _TOKEN_ENDPOINT, _USER_ENDPOINT, _JWKS_ENDPOINT:
# the provider's endpoints. SCHAKEL_OIDC_SIGN_ALGO: RS256 by default. SCHAKEL_OIDC_USERNAME_CLAIM: the
# claim that holds the Schakel username (preferred_username).
OIDC_ENABLED = bool(env_str("SCHAKEL_OIDC_CLIENT_ID", ""))
SCHAKEL_OIDC_USERNAME_CLAIM = env_str("SCHAKEL_OIDC_USERNAME_CLAIM", "preferred_username")
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(0, "schakel.api.oidc.SchakelOIDCBackend")
    OIDC_RP_CLIENT_ID = env_str("SCHAKEL_OIDC_CLIENT_ID", "")
    OIDC_RP_CLIENT_SECRET = env_str("SCHAKEL_OIDC_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("SCHAKEL_OIDC_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = env_str("SCHAKEL_OIDC_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = env_str("SCHAKEL_OIDC_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = env_str("SCHAKEL_OIDC_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = env_str("SCHAKEL_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False
    # Case systems may also call the API with a bearer access token from the same provider.
    REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"].append(  # type: ignore[attr-defined]
        "mozilla_django_oidc.contrib.drf.OIDCAuthentication"
    )

# `schakel export` must be lossless: keep datetimes to the microsecond (Django cuts them to ms).
SERIALIZATION_MODULES = {"jsonl": "schakel.beheer.jsonl_exact"}

SPECTACULAR_SETTINGS = {
    "TITLE": "Schakel API",
    "DESCRIPTION": "Casussen, signalen, noodremmen en opdrachten van de schakelfunctie van uitvoerders.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AntwoordSoortEnum": "schakel.core.obligations.AntwoordSoort",
        "RegelSoortEnum": "schakel.regels.models.RegelSoort",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SCHAKEL_LOG_LEVEL", "WARNING")},
}

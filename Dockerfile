# syntax=docker/dockerfile:1
# Schakel in one image: the web server (gunicorn, the default command) and the tick worker
# (`schakel tick --elke 60`). Configuration comes from the environment: see docs/production.md.

# --- Stage 1: the NL Design System CSS from npm; postinstall copies it into the static files. ---------
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
COPY src/schakel/web/vendor.mjs src/schakel/web/vendor.mjs
RUN npm ci --no-audit --no-fund --loglevel=error

# --- Stage 2: the application. ------------------------------------------------------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SCHAKEL_DATA_DIR=/app/data \
    SCHAKEL_BIND=0.0.0.0:8000 \
    SCHAKEL_CACHE=database

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
COPY --from=assets /app/src/schakel/web/static/web/vendor ./src/schakel/web/static/web/vendor
# Install, then do at build time what would otherwise stall the first requests: deduce builds its lookup
# tables (about 2 minutes, once), and the static files are collected for WhiteNoise to serve.
RUN pip install . \
    && python -c "from schakel.casussen.pseudonymise import warm; warm()" \
    && schakel collectstatic --noinput -v0 \
    && rm -rf /app/src /app/build

# The processes run as an unprivileged user that owns nothing it could change in the image; all state
# lives in PostgreSQL.
RUN groupadd --system schakel \
    && useradd --system --gid schakel --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin schakel
USER schakel

EXPOSE 8000
# Any HTTP answer below 500 means a worker serves; a static file needs neither the database nor a host
# name from SCHAKEL_ALLOWED_HOSTS, so a database outage does not mark the web container unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import http.client as h, sys; c = h.HTTPConnection('127.0.0.1', 8000, timeout=4); c.request('GET', '/static/web/vendor/design-tokens.css'); sys.exit(c.getresponse().status >= 500)"]
# gunicorn stops gracefully on SIGTERM (docker stop): workers finish the request they serve.
STOPSIGNAL SIGTERM
CMD ["gunicorn", "-c", "python:schakel.gunicorn_conf", "schakel.wsgi"]

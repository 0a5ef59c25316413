"""gunicorn settings for production: `gunicorn -c python:schakel.gunicorn_conf schakel.wsgi`.

Everything that differs per installation comes from the environment (docs/production.md). The access log
leaves out the query string, the client address, the referrer and the user agent: a receipt code or an
address beside `POST /api/v1/burger/` could undo the anonymity of whoever pulled a brake.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Any


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


bind = [os.environ.get("SCHAKEL_BIND", "0.0.0.0:8000")]
# Sync workers by default: each holds one database connection; more workers (or more nodes) mean more
# requests in parallel. SCHAKEL_WEB_THREADS > 1 switches to threads within each worker.
workers = _int("SCHAKEL_WEB_WORKERS", 0) or multiprocessing.cpu_count() * 2 + 1
threads = _int("SCHAKEL_WEB_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
backlog = 2048
timeout = _int("SCHAKEL_WEB_TIMEOUT", 30)
# On SIGTERM a worker finishes the request it is serving (at most this long) before it exits.
graceful_timeout = _int("SCHAKEL_WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# A worker is replaced after this many requests (with jitter, so they do not all restart at once); the
# new one forks from the preloaded master, so this costs milliseconds.
max_requests = _int("SCHAKEL_WEB_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
# The application (and, without SCHAKEL_PSEUDONIMISEER_SOCKET, deduce's tables, about 1 GB) is loaded once
# in the master; workers share the pages copy-on-write instead of loading their own copy.
preload_app = True
# The heartbeat file on tmpfs: a container's overlay filesystem can stall a worker into a timeout.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Only these addresses may set X-Forwarded-Proto/-For (the TLS-terminating proxy); see SCHAKEL_NUM_PROXIES.
forwarded_allow_ips = os.environ.get("SCHAKEL_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("SCHAKEL_ACCESS_LOG", "-") or None
# %(U)s is the path without the query string; no %(h)s (address), %(f)s (referrer) or %(a)s (agent).
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("SCHAKEL_WEB_LOG_LEVEL", "info")


def when_ready(server: Any) -> None:
    """Load deduce in the master before the first fork (unless the pseudonimiseer service runs it), then
    freeze the heap so the garbage collector in the workers does not write to (and so copy) the shared
    pages."""
    from django.conf import settings

    if settings.SCHAKEL_DEDUCE and not settings.SCHAKEL_PSEUDONIMISEER_SOCKET:
        from schakel.casussen.pseudonymise import warm

        warm()
    gc.freeze()

"""gunicorn settings: `gunicorn -c gunicorn.conf.py 'app:create_app()'`.

Every setting comes from the environment with a default that suits one small host.
"""

import multiprocessing
import os

from config import Config, secret_key_problem, settings

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# gthread: each worker serves THREADS requests at once, so a slow one (the simulated SMS
# delay of the phone login) does not hold up the others.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", 8))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5
# Recycle workers now and then so that no slow leak can grow for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10_000))
max_requests_jitter = max_requests // 10
# The app is loaded once, in the master: a recycled worker is then a fork of it (milliseconds)
# instead of importing everything and building the app again (about 2 s of CPU, every 10,000
# requests per worker: a fifth of a millisecond a request, more than the guard's whole query).
# create_app opens no database connection (tests/test_app.py checks), so no worker inherits one.
preload_app = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "" switches it off
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# One line per request, key=value pairs a log shipper can parse; no query strings, no headers
# (they may carry tokens).
access_log_format = (
    'time=%(t)s remote=%(h)s method=%(m)s path="%(U)s" status=%(s)s '
    'bytes=%(B)s duration_us=%(D)s agent="%(a)s"'
)
proc_name = "storefront"


def on_starting(server):
    """The production server refuses to sign tokens with a key anyone could know."""
    problem = secret_key_problem(settings(Config)["SECRET_KEY"])
    if problem:
        raise SystemExit(f"storefront refuses to start: {problem}")

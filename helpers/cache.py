"""Microcaching of public GET answers, per process.

The catalog is read far more than it is written. A public list or item answer is kept for
PUBLIC_CACHE_SECONDS (default 1 s; 0 switches caching off), keyed by path and query string.
A write through this process empties the cache at once; other worker processes may serve an
answer up to that many seconds old. Only the data is cached: every answer is still serialised.
"""

import time
from functools import wraps

from flask import current_app, request

MAX_ENTRIES = 10_000


def _entries() -> dict:
    return current_app.extensions.setdefault("public_cache", {})


def cached_public(view):
    """Serve the view's answer from the cache while it is fresh."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        ttl = current_app.config["PUBLIC_CACHE_SECONDS"]
        if ttl <= 0:
            return view(*args, **kwargs)
        entries, key, now = _entries(), request.full_path, time.monotonic()
        hit = entries.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        answer = view(*args, **kwargs)
        if len(entries) >= MAX_ENTRIES:
            entries.clear()
        entries[key] = (now + ttl, answer)
        return answer

    return wrapper


def invalidates_public_cache(view):
    """Empty this process's cache after the (write) view has run."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        finally:
            _entries().clear()

    return wrapper

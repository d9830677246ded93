"""Microcaching of public GET answers, per process.

The catalog is read far more than it is written. A public list or item answer is kept for
PUBLIC_CACHE_SECONDS (default 1 s; 0 switches caching off), keyed by what the view read from
the request (the page asked for, the item's id), never by the raw URL: query parameters the
view ignores make no new entries. Each answer is kept as its JSON bytes, at most
PUBLIC_CACHE_MAX_BYTES of them per process; expired entries go first, then the oldest.
A write through this process empties the cache at once; other worker processes may serve an
answer up to that many seconds old.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import wraps

from flask import Response, current_app
from flask_restx.representations import output_json


@dataclass(frozen=True)
class Entry:
    expires_at: float
    body: bytes


class PublicCache:
    """Answers by key, oldest first; every entry lives the same time, so the oldest entries
    are also the first to expire."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._lock = threading.Lock()  # gthread workers serve several requests at once

    def get(self, key: Hashable, now: float) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.expires_at <= now:
                return None
            return entry.body

    def put(self, key: Hashable, body: bytes, expires_at: float, now: float) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            self._drop(key)
            self._evict(len(body), now)
            self._entries[key] = Entry(expires_at, body)
            self.size += len(body)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0

    def _evict(self, room: int, now: float) -> None:
        """Drop expired entries, then the oldest until `room` more bytes fit."""
        while self._entries:
            oldest_key, oldest = next(iter(self._entries.items()))
            if oldest.expires_at > now and self.size + room <= self.max_bytes:
                return
            self._drop(oldest_key)

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry.body)


def _cache() -> PublicCache:
    extensions = current_app.extensions
    if "public_cache" not in extensions:
        extensions["public_cache"] = PublicCache(current_app.config["PUBLIC_CACHE_MAX_BYTES"])
    return extensions["public_cache"]


def public_answer(key: Hashable, produce: Callable[[], object]) -> Response:
    """The JSON answer of `produce()`, served from the cache while a fresh one is kept under
    `key`, which names everything the answer depends on."""
    ttl, now = current_app.config["PUBLIC_CACHE_SECONDS"], time.monotonic()
    body = _cache().get(key, now) if ttl > 0 else None
    if body is None:
        body = output_json(produce(), 200).get_data()  # the bytes Flask-RESTX would send
        if ttl > 0:
            _cache().put(key, body, now + ttl, now)
    return Response(body, mimetype="application/json")


def invalidates_public_cache(view):
    """Empty this process's cache after the (write) view has run."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        finally:
            _cache().clear()

    return wrapper

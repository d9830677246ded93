"""Rate limits hold across worker processes when their counters live in Redis (`REDIS_URL`).

Two gunicorn workers serve one address. Each worker is paused (SIGSTOP) in turn, so the first
three sign-ups are served by one worker and the next ones by the other: with Redis the sixth
request is refused, although the worker answering it saw only two of the five before it.
Counted in each process's memory, the same sixth request would pass, and it does.
"""

import os
import signal
from contextlib import contextmanager

import pytest
import redis

from dao.model import db
from dao.model.accounts import User
from tests.conftest import PASSWORD, build_app
from tests.live import live_server

REDIS_URL = "redis://127.0.0.1:6379/15"  # a database number the app never uses by default
LIMIT = "5 per minute"


@pytest.fixture
def redis_db():
    """Redis database 15, flushed before and after; skips if no Redis is on 127.0.0.1:6379."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        client.close()
        pytest.skip("no Redis server at 127.0.0.1:6379 (CI runs one): the shared limit is untested")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@contextmanager
def paused(pid: int):
    """SIGSTOP the worker: it accepts nothing until the block ends, so the other one serves."""
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def register(server, n: int) -> tuple[int, object, dict]:
    return server.request(
        "POST", "/auth/register", {"email": f"u{n}@example.com", "password": PASSWORD}
    )


def sign_ups_through_both_workers(tmp_path, storage_url: str) -> tuple[list[int], tuple, int]:
    """Three sign-ups through one worker, then three through the other: their statuses, the
    sixth answer, and the number of users stored."""
    app = build_app(tmp_path)
    with app.app_context():
        db.engine.dispose()
    with live_server(
        tmp_path / "test.db", workers=2, REDIS_URL=storage_url, AUTH_RATE_LIMIT=LIMIT
    ) as server:
        first, second = server.worker_pids(2)
        with paused(second):
            statuses = [register(server, n)[0] for n in range(3)]
        with paused(first):
            statuses += [register(server, n)[0] for n in range(3, 5)]
            sixth = register(server, 5)
    with app.app_context():
        return statuses, sixth, db.session.query(User).count()


def test_a_limit_in_redis_holds_across_workers(tmp_path, redis_db):
    statuses, (status, body, headers), users = sign_ups_through_both_workers(tmp_path, REDIS_URL)

    assert statuses == [201] * 5
    assert status == 429
    assert body == {"message": "Too many requests. Try again later."}
    assert 0 < int(headers["Retry-After"]) <= 60
    assert users == 5
    assert any(key.startswith(b"LIMITS") for key in redis_db.keys())


def test_a_limit_in_memory_is_counted_per_worker(tmp_path):
    # What Redis prevents: each worker counts alone, so a script gets 5 tries per worker.
    statuses, (status, _, _), users = sign_ups_through_both_workers(tmp_path, "memory://")

    assert statuses == [201] * 5
    assert status == 201
    assert users == 6

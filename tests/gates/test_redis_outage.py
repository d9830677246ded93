"""Redis going away does not take the logins with it.

With REDIS_URL set and Redis down, every login, sign-up and code endpoint once answered 500
while /health said ok. Here a redis-server of the test's own (never the machine's) is stopped
in the middle: the credential endpoints keep answering as usual, each worker counts the limits
in its own memory meanwhile (and logs it), /health says so, and once Redis is back the shared
counters are used again.
"""

import shutil
import socket
import subprocess
import time

import pytest
import redis

from tests.conftest import PASSWORD, build_app

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
FALLBACK_SECONDS = 1
HEALTHY = {"status": "ok", "database": "ok", "rate_limits": "ok"}
DEGRADED = {"status": "degraded", "database": "ok", "rate_limits": "unreachable"}

pytestmark = pytest.mark.skipif(
    shutil.which(REDIS_SERVER) is None, reason="redis-server is not installed (Debian's redis)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test alone, on its own port, keeping nothing on disk."""

    def __init__(self, folder):
        self.port, self.folder, self.process = free_port(), folder, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                assert time.monotonic() < deadline, "the private redis-server did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def keys(self) -> list:
        return redis.Redis.from_url(self.url).keys()


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def test_logins_keep_working_while_redis_is_down(tmp_path, private_redis, caplog):
    app = build_app(
        tmp_path,
        RATELIMIT_STORAGE_URI=private_redis.url,
        RATELIMIT_FALLBACK_SECONDS=FALLBACK_SECONDS,
        LOGIN_FAILURE_LIMIT="3 per 15 minutes",
    )
    client = app.test_client()
    account = {"email": "ann@example.com", "password": PASSWORD}
    wrong = {**account, "password": "wrong"}
    assert client.post("/auth/register", json=account).status_code == 201
    assert (client.get("/health").status_code, client.get("/health").json) == (200, HEALTHY)
    assert private_redis.keys()  # the counters live in Redis

    private_redis.stop()
    assert client.post("/auth/login", json=wrong).status_code == 401
    assert client.post("/auth/login", json=account).status_code == 200
    new_account = {"email": "bob@example.com", "password": PASSWORD}
    assert client.post("/auth/register", json=new_account).status_code == 201
    assert (client.get("/health").status_code, client.get("/health").json) == (200, DEGRADED)
    assert "Rate-limit store unreachable" in caplog.text
    assert "redis://" not in caplog.text  # the URL may carry a password: never logged
    # The limits still hold, counted in this worker's memory meanwhile.
    statuses = [client.post("/auth/login", json=wrong).status_code for _ in range(3)]
    assert statuses == [401, 401, 429]

    private_redis.start()
    time.sleep(FALLBACK_SECONDS + 0.1)
    assert (client.get("/health").status_code, client.get("/health").json) == (200, HEALTHY)
    assert client.post("/auth/login", json=account).status_code == 200
    assert private_redis.keys()

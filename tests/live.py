"""A live server for tests that need real concurrency: gunicorn worker processes on a socket.

    with live_server(database_path, workers=4) as server:
        status, body, headers = server.request("GET", "/health")

The listening socket is opened here and handed to gunicorn (`fd://`), so connections queue in
its backlog from the start: the first request just waits for a worker, no polling needed.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import TestConfig

PROJECT_DIR = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT = 30  # seconds; only reached if the server hangs


@dataclass
class LiveServer:
    host: str
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(
        self, method: str, path: str, body=None, headers: dict | None = None
    ) -> tuple[int, object, dict]:
        """One HTTP request on its own connection: (status, JSON body or None, headers)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            payload = None if body is None else json.dumps(body)
            all_headers = {"Content-Type": "application/json", **(headers or {})}
            connection.request(method, path, body=payload, headers=all_headers)
            response = connection.getresponse()
            raw = response.read()
            data = json.loads(raw) if raw else None
            return response.status, data, dict(response.getheaders())
        finally:
            connection.close()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextmanager
def live_server(
    database_path: Path, workers: int = 4, database_url: str | None = None, **env: str
) -> Iterator[LiveServer]:
    """gunicorn with `workers` sync workers serving the app on the SQLite file `database_path`,
    or on `database_url` when given (the server log is then kept beside `database_path`).

    The app gets the test SECRET_KEY and fast password hashing; `env` adds to its environment.
    """
    listener = socket.create_server(("127.0.0.1", 0), backlog=128)
    host, port = listener.getsockname()
    log_path = database_path.with_suffix(".server.log")
    environment = {
        **os.environ,
        "DATABASE_URL": database_url or f"sqlite:///{database_path}",
        "SECRET_KEY": TestConfig.SECRET_KEY,
        "PASSWORD_HASH_METHOD": TestConfig.PASSWORD_HASH_METHOD,
        **env,
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"fd://{listener.fileno()}",
        "--chdir",
        str(PROJECT_DIR),
        "--log-level",
        "warning",
        "app:create_app()",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
        )
    listener.close()  # gunicorn holds its own copy
    server = LiveServer(host, port, log_path)
    try:
        status, body, _ = server.request("GET", "/health")
        assert (status, body) == (200, {"status": "ok", "database": "ok"}), server.log()
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=REQUEST_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

"""A live server for tests that need real concurrency: gunicorn worker processes on a socket.

    with live_server(database_path, workers=4) as server:
        status, body, headers = server.request("GET", "/health")

The listening socket is opened here and handed to gunicorn (`fd://`), so connections queue in
its backlog from the start: the first request just waits for a worker, no polling needed.
gunicorn runs in a process group of its own: `server.kill()` crashes it, workers and all, and a
new `live_server` on the same file is the restart (its log is appended to the same file).
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
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
    process: subprocess.Popen

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

    def kill(self) -> None:
        """SIGKILL the gunicorn master and every worker at once, as a crash or an OOM kill would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def worker_pids(self, count: int) -> list[int]:
        """The pids of the master's worker processes, once `count` of them are forked."""
        deadline = time.monotonic() + REQUEST_TIMEOUT
        while len(pids := _children(self.process.pid)) < count and time.monotonic() < deadline:
            time.sleep(0.01)  # gunicorn forks its workers moments after it starts
        return pids


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:  # the process ended meanwhile
            continue
        fields = stat.rpartition(")")[2].split()  # "pid (name) state ppid ..."
        if len(fields) > 1 and int(fields[1]) == pid:
            children.append(int(entry.name))
    return sorted(children)


@contextmanager
def live_server(
    database_path: Path,
    workers: int = 4,
    database_url: str | None = None,
    production: bool = False,
    **env: str,
) -> Iterator[LiveServer]:
    """gunicorn with `workers` sync workers serving the app on the SQLite file `database_path`,
    or on `database_url` when given (the server log is then kept beside `database_path`).
    `production` runs it with gunicorn.conf.py instead (gthread workers and threads).

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
        *(["--config", str(PROJECT_DIR / "gunicorn.conf.py")] if production else []),
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
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
            start_new_session=True,  # its own process group, for kill()
        )
    listener.close()  # gunicorn holds its own copy
    server = LiveServer(host, port, log_path, process)
    try:
        status, body, _ = server.request("GET", "/health")
        healthy = {"status": "ok", "database": "ok"}
        if not env.get("REDIS_URL", "memory://").startswith("memory://"):  # a shared store
            healthy["rate_limits"] = "ok"
        assert (status, body) == (200, healthy), server.log()
        yield server
    finally:
        process.send_signal(signal.SIGTERM)  # nothing if kill() already ended it
        try:
            process.wait(timeout=REQUEST_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

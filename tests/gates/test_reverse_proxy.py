"""The production entry point behind deploy/nginx/storefront.conf survives slow clients.

gunicorn's gthread workers read a request's body in a worker thread: 24 clients that announce
a body and then stall hold every thread of two workers, and nothing else is served. nginx in
front reads each request whole before gunicorn sees it, so the stalled bodies hold only nginx
connections. Here nginx (Debian's package) runs the shipped site file as it is, only its two
ports changed, in front of gunicorn with the production gunicorn.conf.py.
"""

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests.clients.live_demo import BUNDLED_DATABASE
from tests.live import PROJECT_DIR, REQUEST_TIMEOUT, LiveServer, live_server

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = PROJECT_DIR / "deploy" / "nginx" / "storefront.conf"
STALLED_CLIENTS = 24
HEALTHY = (200, {"status": "ok", "database": "ok"})

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists(), reason="nginx is not installed (.ci/run installs nginx-light)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_config(listen_port: int, upstream_port: int) -> str:
    """The shipped site file with only its two ports changed."""
    text = SITE.read_text(encoding="utf-8")
    for shipped, ours in (
        ("listen 80;", f"listen 127.0.0.1:{listen_port};"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};"),
    ):
        assert text.count(shipped) == 1, f"{SITE} no longer says {shipped!r}"
        text = text.replace(shipped, ours)
    return text


@contextmanager
def nginx_in_front(upstream: LiveServer, folder: Path) -> Iterator[LiveServer]:
    """nginx on a free port, proxying to `upstream`, its files and logs in `folder`."""
    port = free_port()
    (folder / "storefront.conf").write_text(site_config(port, upstream.port), encoding="utf-8")
    temp_paths = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"""{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
{temp_paths}
    include {folder / "storefront.conf"};
}}
""",
        encoding="utf-8",
    )
    log_path = folder / "nginx.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    proxy = LiveServer("127.0.0.1", port, log_path, process)
    try:
        wait_until_listening(proxy)
        yield proxy
    finally:
        process.terminate()
        process.wait(timeout=REQUEST_TIMEOUT)


def wait_until_listening(server: LiveServer) -> None:
    deadline = time.monotonic() + REQUEST_TIMEOUT
    while time.monotonic() < deadline:
        assert server.process.poll() is None, server.log()
        try:
            socket.create_connection((server.host, server.port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not start listening: {server.log()}")


def stalled_body(server: LiveServer) -> socket.socket:
    """A client that announces 100,000 bytes of body, sends ten, and then waits."""
    client = socket.create_connection((server.host, server.port), timeout=REQUEST_TIMEOUT)
    client.sendall(
        b"POST /auth/login HTTP/1.1\r\nHost: storefront\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100000\r\n\r\n" + b'{"email": '
    )
    return client


@pytest.fixture
def proxied(tmp_path):
    """gunicorn (production settings, two workers) on a copy of data.db, nginx in front."""
    database = tmp_path / "data.db"
    shutil.copy(BUNDLED_DATABASE, database)
    with (
        live_server(database, workers=2, production=True, TRUSTED_PROXIES="1") as server,
        nginx_in_front(server, tmp_path) as proxy,
    ):
        yield proxy


def test_stalled_bodies_do_not_hold_up_the_service(proxied):
    with ExitStack() as stack:
        for _ in range(STALLED_CLIENTS):
            stack.enter_context(stalled_body(proxied))
        time.sleep(0.5)  # let nginx accept every one of them
        started = time.monotonic()
        status, body, _ = proxied.request("GET", "/health")
        waited = time.monotonic() - started
    assert (status, body) == HEALTHY
    # A generous bound on the failure mode: without the proxy the call never returns at all.
    assert waited < 5, f"/health took {waited:.1f} s behind {STALLED_CLIENTS} stalled bodies"


def test_answers_pass_through_and_a_forged_address_does_not_dodge_a_limit(proxied):
    status, body, headers = proxied.request("GET", "/movies/1")
    assert (status, body["id"]) == (200, 1)
    assert headers["Server"] == "nginx"  # no version
    # nginx appends the address it saw; the app trusts one hop (TRUSTED_PROXIES=1), that one.
    for n in range(30):
        forged = {"X-Forwarded-For": f"203.0.113.{n}"}
        status, *_ = proxied.request("POST", "/auth/register", {"email": "bad"}, forged)
        assert status == 400
    status, body, headers = proxied.request("POST", "/auth/register", {"email": "bad"})
    assert (status, body) == (429, {"message": "Too many requests. Try again later."})


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "status", "answer"),
    [
        ("POST", "/api/cassetes/", "x" * (1024 * 1024 + 1), {}, 413,
         {"message": "The request body is too large (the limit is 1 MiB)."}),
        ("POST", "/register", "x" * (1024 * 1024 + 1), {}, 413,
         {"Error": "The request body is too large (the limit is 1 MiB)."}),
        ("GET", "/movies/?q=" + "x" * 9000, None, {}, 414, {"message": "The URL is too long."}),
        ("GET", "/movies/", None, {"X-Big": "x" * 9000}, 431,
         {"message": "The request headers are too large."}),
    ],
    ids=["body-413", "dealer-body-413", "uri-414", "headers-431"],
)  # fmt: skip
def test_the_proxys_own_refusals_are_json(proxied, method, path, body, headers, status, answer):
    connection = socket.create_connection((proxied.host, proxied.port), timeout=REQUEST_TIMEOUT)
    with connection:
        payload = (body or "").encode()
        head = f"{method} {path} HTTP/1.1\r\nHost: storefront\r\nConnection: close\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        connection.sendall(head.encode())
        try:
            connection.sendall(payload)
        except OSError:  # nginx may answer and close before reading a body it refuses
            pass
        raw = b"".join(iter(lambda: connection.recv(65536), b""))
    head_text, _, body_bytes = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head_text.decode("latin-1").split("\r\n")
    assert int(status_line.split()[1]) == status, raw[:300]
    assert "Content-Type: application/json" in header_lines
    assert json.loads(body_bytes) == answer

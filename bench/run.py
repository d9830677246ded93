"""Benchmarks of storefront against the ceiling of its stack; run by hand, prints figures.

    .venv/bin/python bench/run.py              # page 1, authenticated /user/, RSS
    .venv/bin/python bench/run.py --deep       # also page 50000 of 1,000,000 movies
    .venv/bin/python bench/run.py --orders     # also the POST /api/order storm

Each target is loaded with wrk (Debian package `wrk`) in alternation with the ceiling, and the
median of the rounds is reported. Needs nothing running: servers are started and stopped here.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKERS = "2"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(app_spec: str, env: dict, cwd: Path = ROOT, probe: str = "/health"):
    """Serve `app_spec` on a free port with the project's gunicorn.conf.py and 2 sync workers,
    access log off (the same settings for the service and the ceiling); yield its base URL
    and master pid."""
    port = free_port()
    settings = {
        "WEB_CONCURRENCY": WORKERS,
        "GUNICORN_WORKER_CLASS": "sync",
        "GUNICORN_THREADS": "1",  # gunicorn turns sync workers into gthread ones when threads > 1
        "GUNICORN_ACCESS_LOG": "",
        "LOG_LEVEL": "warning",
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"), app_spec],
        cwd=cwd,
        env={**os.environ, **env, **settings},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}{probe}")
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def wrk(url: str, headers: dict | None = None, *, seconds: int) -> dict:
    """Load `url` with wrk (2 threads, 16 connections); return req/s and p50/p99 in ms."""
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"non-2xx answers from {url}:\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": to_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
    }


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def compare(name: str, target: tuple, reference: tuple, floor: float, rounds: int, seconds: int):
    """Load target and reference in alternation; print both medians and the ratio.

    The ratio is the median of each round's ratio: a round's two runs follow each other, so
    a drift in the machine's speed between rounds (a shared VM's) changes both alike.
    """
    target_runs, reference_runs = [], []
    for _ in range(rounds):
        reference_runs.append(wrk(*reference, seconds=seconds))
        target_runs.append(wrk(*target, seconds=seconds))
    t, r = median_of(target_runs), median_of(reference_runs)
    ratios = [run["rps"] / ref["rps"] for run, ref in zip(target_runs, reference_runs, strict=True)]
    ratio = statistics.median(ratios)
    verdict = "PASS" if ratio >= floor else "FAIL"
    print(
        f"{name}\n  target    {fmt(t)}\n  reference {fmt(r)}\n"
        f"  ratio {ratio:.2f} (rounds {min(ratios):.2f}-{max(ratios):.2f}; target >= {floor}) "
        f"{verdict}",
        flush=True,
    )
    return ratio


def fmt(figures: dict) -> str:
    return (
        f"{figures['rps']:8.0f} req/s  p50 {figures['p50']:6.2f} ms  p99 {figures['p99']:6.2f} ms"
    )


def rss_mb(master_pid: int) -> list[float]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def api(base: str, method: str, path: str, body: dict | None = None, headers: dict | None = None):
    request = urllib.request.Request(
        f"{base}{path}",
        method=method,
        data=json.dumps(body).encode() if body else None,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def service_env(database: Path, cache_seconds: float = 1) -> dict:
    return {
        "DATABASE_URL": f"sqlite:///{database}",
        # Limits stay on, as in production (their check is part of every request's cost), but
        # loose enough for the order storm's 16 sign-ups from one address.
        "AUTH_RATE_LIMIT": "1000 per minute",
        "SECRET_KEY": "bench-secret-key-0123456789-0123456789",
        "PUBLIC_CACHE_SECONDS": str(cache_seconds),
    }


def flask_cli(env: dict, *args: str) -> None:
    subprocess.run(
        [str(BIN / "flask"), "--app", "app", *args], cwd=ROOT, env={**os.environ, **env}, check=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=5, help="alternations per comparison")
    parser.add_argument("--deep", action="store_true", help="page 50000 of 1,000,000 movies")
    parser.add_argument(
        "--deep-db",
        default="/tmp/storefront-bench-1m.db",
        help="where the 1,000,000-movie database is kept between runs",
    )
    parser.add_argument("--orders", action="store_true", help="POST /api/order from 16 clients")
    args = parser.parse_args()
    rounds, seconds = args.rounds, args.seconds

    work = Path(tempfile.mkdtemp(prefix="storefront-bench-"))
    try:
        database = work / "data.db"
        shutil.copy(ROOT / "data.db", database)
        env = service_env(database)
        with (
            gunicorn("app:create_app()", env) as (base, service_pid),
            gunicorn("ceiling:create_app()", {}, cwd=ROOT / "bench", probe="/movies/") as (
                ceiling,
                _,
            ),
        ):
            ceiling_page = (f"{ceiling}/movies/",)
            compare(
                "1. GET /movies/?page=1 vs ceiling",
                (f"{base}/movies/?page=1",),
                ceiling_page,
                0.75,
                rounds,
                seconds,
            )
            with gunicorn("app:create_app()", service_env(database, 0)) as (uncached, _):
                compare(
                    "1b. the same with the microcache off (PUBLIC_CACHE_SECONDS=0)",
                    (f"{uncached}/movies/?page=1",),
                    ceiling_page,
                    0.75,
                    rounds,
                    seconds,
                )
            api(
                base,
                "POST",
                "/auth/register",
                {"email": "bench@example.com", "password": "bench-pass-1"},
            )
            token = api(
                base,
                "POST",
                "/auth/login",
                {"email": "bench@example.com", "password": "bench-pass-1"},
            )["access_token"]
            compare(
                "3. GET /user/ (Bearer) vs ceiling",
                (f"{base}/user/", {"Authorization": f"Bearer {token}"}),
                ceiling_page,
                0.6,
                rounds,
                seconds,
            )
            sizes = rss_mb(service_pid)
            print(
                f"5. worker RSS after load: {', '.join(f'{s:.1f} MB' for s in sizes)} "
                f"(target < 100 MB) {'PASS' if max(sizes) < 100 else 'FAIL'}",
                flush=True,
            )
        if args.orders:
            order_storm(work)
        if args.deep:
            deep(Path(args.deep_db), rounds, seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


CLIENTS = 16
STORM_STOCK = 3000


def order_storm(work: Path) -> None:
    """16 clients order one unit each of a product until its stock runs out."""
    database = work / "orders.db"
    shutil.copy(ROOT / "data.db", database)
    env = service_env(database)
    with gunicorn("app:create_app()", env) as (base, service_pid):
        product = api(base, "GET", "/api/products?limit=1")["results"][0]["id"]
        set_stock(database, product, STORM_STOCK)
        tokens = []
        for n in range(CLIENTS):
            credentials = {"username": f"storm{n}", "password": "storm-pass-1"}
            api(base, "POST", "/register", credentials)
            tokens.append(api(base, "POST", "/api/auth", credentials)["access"])
        started = time.monotonic()
        with ThreadPoolExecutor(CLIENTS) as pool:
            outcomes = list(
                pool.map(lambda token: buy_until_sold_out(base, product, token), tokens)
            )
        elapsed = time.monotonic() - started
        statuses = Counter(status for outcome in outcomes for status in outcome)
        left = api(base, "GET", f"/api/products/{product}")["quantity_in_stock"]
        sold = statuses[201]
        server_errors = sum(n for status, n in statuses.items() if status >= 500)
        oversold = sold + left - STORM_STOCK
        verdict = "PASS" if server_errors == 0 and oversold == 0 and left == 0 else "FAIL"
        print(
            f"4. POST /api/order, {CLIENTS} clients, stock {STORM_STOCK}: {sold / elapsed:.0f} "
            f"orders/s; answers {dict(sorted(statuses.items()))}; 5xx {server_errors}; "
            f"stock left {left}; oversold {oversold} {verdict}",
            flush=True,
        )
        sizes = rss_mb(service_pid)
        print(
            f"5. worker RSS after the order storm: {', '.join(f'{s:.1f} MB' for s in sizes)}",
            flush=True,
        )


def set_stock(database: Path, product: int, stock: int) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE products SET quantity_in_stock = ? WHERE id = ?", (stock, product)
        )


def buy_until_sold_out(base: str, product: int, token: str) -> list[int]:
    """Order one unit at a time until the shop says there is no stock; return every status."""
    body = json.dumps({"parts": [{"product": product, "quantity_in_order": 1}]}).encode()
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    statuses = []
    while True:
        request = urllib.request.Request(f"{base}/api/order", data=body, headers=headers)
        try:
            with urllib.request.urlopen(request) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
            if error.code == 400:
                return statuses


def deep(database: Path, rounds: int, seconds: int) -> None:
    """Both pages uncached, so that the ratio measures the query plan alone."""
    env = service_env(database, cache_seconds=0)
    if not database.exists():
        print(f"building {database} with 1,000,000 movies (once)...", flush=True)
        flask_cli(env, "init-db", "--seed")
        flask_cli(env, "grow", "--movies", "1000000")
    with gunicorn("app:create_app()", env) as (base, service_pid):
        for label, query in [("storage order", ""), ("status=new", "&status=new")]:
            api(base, "GET", f"/movies/?page=50000{query}")  # build anchors before timing
            compare(
                f"2. GET /movies/?page=50000{query} vs page 1 ({label}, 1,000,000 movies)",
                (f"{base}/movies/?page=50000{query}",),
                (f"{base}/movies/?page=1{query}",),
                0.5,
                rounds,
                seconds,
            )
        sizes = rss_mb(service_pid)
        print(
            f"5. worker RSS after deep load: {', '.join(f'{s:.1f} MB' for s in sizes)}", flush=True
        )


if __name__ == "__main__":
    main()

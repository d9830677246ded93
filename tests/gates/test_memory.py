"""A worker's memory stays bounded whatever URLs it is sent.

The public microcache once keyed answers by the raw query string: 1,200 requests for
`/movies/?z=N` took a worker from 76 to 629 MB. Here one gunicorn worker, on a catalog of a
thousand movies (an unpaged list answers up to UNPAGED_LIMIT rows), serves 1,200 distinct query
strings of every kind (ignored parameters, real pages, pages past the end), and its resident
memory may not grow by more than a generous bound.
"""

import http.client
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.clients.live_demo import BUNDLED_DATABASE
from tests.live import PROJECT_DIR, live_server

REQUESTS = 1200
MAX_GROWTH_MB = 100  # a failure mode's bound, not a speed target: the bug grew by 550 MB


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for process {pid}")


def distinct_urls(count: int):
    for n in range(count):
        yield (f"/movies/?z={n}", f"/movies/?page={n + 1}", f"/movies/?limit=100&page={n}")[n % 3]


def test_distinct_query_strings_do_not_grow_a_worker(tmp_path):
    database = tmp_path / "data.db"
    shutil.copy(BUNDLED_DATABASE, database)
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "grow", "--movies", "1000"],
        cwd=PROJECT_DIR,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        check=True,
        capture_output=True,
    )
    with live_server(database, workers=1, production=True, GUNICORN_THREADS="2") as server:
        (worker,) = server.worker_pids(1)
        connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        connection.request("GET", "/movies/")
        connection.getresponse().read()
        before = resident_mb(worker)
        for url in distinct_urls(REQUESTS):
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            assert response.status in (200, 400), url
        grown = resident_mb(worker) - before
        connection.close()
    assert grown < MAX_GROWTH_MB, f"the worker grew by {grown:.0f} MB over {REQUESTS} URLs"

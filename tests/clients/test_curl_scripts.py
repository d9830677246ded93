"""The curl walkthroughs in scripts/curl/ run against a live server and meet every status.

Each script prints "> METHOD URL" before a request and "< STATUS" after it, and exits non-zero
on the first unexpected status; these tests run them as a user would and read that output.
"""

import hashlib
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from tests.clients.live_demo import BUNDLED_DATABASE, demo_server
from tests.live import PROJECT_DIR

SCRIPTS_DIR = PROJECT_DIR / "scripts" / "curl"
SCRIPT_TIMEOUT = 120  # seconds; only reached if something hangs

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")

# Calls each walkthrough must show: (method, path prefix, status).
EXPECTED_CALLS = {
    "000_cassettes.sh": [
        ("POST", "/api/auth/signup", 400),
        ("POST", "/api/auth/signup", 201),
        ("POST", "/api/auth/token", 200),
        ("GET", "/api/cassetes/?director=", 200),
        ("GET", "/api/cassetes/?state=NEW", 200),
        ("GET", "/api/cassetes/?state=old", 400),
        ("GET", "/api/cassetes/999999999", 404),
        ("POST", "/api/cassetes/", 401),
        ("POST", "/api/cassetes/", 201),
        ("POST", "/api/cassetes/", 400),
        ("PUT", "/api/cassetes/", 200),
        ("PATCH", "/api/cassettes/", 204),
        ("DELETE", "/api/cassetes/", 204),
        ("DELETE", "/api/auth/token", 204),
    ],
    "001_dealer.sh": [
        ("POST", "/register", 400),
        ("POST", "/register", 201),
        ("POST", "/auth", 401),
        ("POST", "/auth", 200),
        ("GET", "/stock", 401),
        ("GET", "/auto/", 404),
        ("POST", "/auto/", 201),
        ("POST", "/auto/", 400),
        ("PUT", "/auto/", 202),
        ("PATCH", "/auto/", 202),
        ("PATCH", "/auto/", 400),
        ("GET", "/auto/", 200),
        ("GET", "/stock", 200),
        ("DELETE", "/auto/", 202),
        ("DELETE", "/auto/", 404),
    ],
    "002_referral.sh": [
        ("POST", "/api/v1/auth/signup/", 200),
        ("POST", "/api/v1/auth/signup/", 429),
        ("POST", "/api/v1/auth/signup/", 400),
        ("POST", "/api/v1/auth/code/", 400),
        ("POST", "/api/v1/auth/code/", 200),
        ("GET", "/api/v1/users/", 401),
        ("GET", "/api/v1/users/", 200),
        ("GET", "/api/v1/users/nobody_", 404),
        ("GET", "/api/v1/users/?state=old", 400),
        ("POST", "/api/auth/signup", 201),
        ("GET", "/api/v1/users/nophone", 404),
        ("PATCH", "/api/v1/users/", 403),
        ("PATCH", "/api/v1/users/", 200),
        ("PATCH", "/api/v1/users/", 404),
        ("PATCH", "/api/v1/users/", 400),
        ("PATCH", "/api/v1/users/bob_", 200),
    ],
    "003_shop.sh": [
        ("GET", "/api/products?limit=5", 200),
        ("GET", "/api/products/", 200),
        ("GET", "/api/products/1", 200),
        ("GET", "/api/products/999999999", 404),
        ("GET", "/api/products?limit=101", 400),
        ("POST", "/auth/register", 201),
        ("POST", "/api/auth", 401),
        ("POST", "/api/auth", 200),
        ("GET", "/api/me", 200),
        ("PATCH", "/api/me", 200),
        ("GET", "/api/me", 200),
        ("PATCH", "/api/me", 200),
        ("GET", "/api/me", 200),
        ("POST", "/auth/register", 201),
        ("PATCH", "/api/me", 409),
        ("PATCH", "/api/me", 400),
        ("PATCH", "/api/me", 200),
        ("GET", "/api/me", 401),
        ("POST", "/api/order", 401),
        ("POST", "/api/order", 400),
        ("POST", "/api/order", 201),
        ("GET", "/api/my-orders", 200),
        ("POST", "/api/refresh", 200),
        ("POST", "/api/refresh", 401),
        ("GET", "/api/offers", 200),
        ("GET", "/api/offers/", 200),
        ("GET", "/api/offers/999999999", 404),
        ("GET", "/api/offers?all=true", 401),
        ("GET", "/api/offers?all=true", 403),
        ("POST", "/api/offers", 403),
        ("POST", "/api/products", 403),
        ("POST", "/api/products", 201),
        ("PATCH", "/api/products/", 200),
        ("PATCH", "/api/products/", 400),
        ("PUT", "/api/products/", 200),
        ("GET", "/api/products/", 200),
        ("POST", "/api/offers", 201),
        ("POST", "/api/offers", 400),
        ("GET", "/api/offers?all=true", 200),
        ("PATCH", "/api/offers/", 200),
        ("DELETE", "/api/offers/", 204),
        ("GET", "/api/offers/", 404),
        ("DELETE", "/api/products/", 204),
    ],
    "004_movies.sh": [
        ("GET", "/movies/", 200),
        ("GET", "/movies/?status=new", 200),
        ("GET", "/movies/999999999", 404),
        ("GET", "/movies/?page=0", 400),
        ("GET", "/movies/?state=old", 400),
        ("GET", "/movies/?status=new&state=old", 200),
        ("POST", "/auth/register", 201),
        ("POST", "/auth/register", 409),
        ("POST", "/auth/register", 400),
        ("POST", "/auth/login", 401),
        ("POST", "/auth/login", 200),
        ("GET", "/user/", 401),
        ("GET", "/user/", 200),
        ("PATCH", "/user/", 200),
        ("POST", "/favorites/movies/", 200),
        ("DELETE", "/favorites/movies/", 204),
        ("DELETE", "/favorites/movies/", 404),
        ("PUT", "/auth/login", 200),
        ("PUT", "/auth/login", 401),
        ("POST", "/movies/", 403),
        ("PUT", "/user/password", 400),
        ("PUT", "/user/password", 200),
        ("POST", "/genres/", 201),
        ("POST", "/movies/", 201),
        ("PUT", "/movies/", 200),
        ("DELETE", "/movies/", 204),
    ],
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    bundled = _digest(BUNDLED_DATABASE)
    with demo_server(tmp_path_factory.mktemp("curl")) as demo:
        yield demo
    assert _digest(BUNDLED_DATABASE) == bundled, "the bundled data.db was written"


def run_script(name: str, base_url: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "BASE_URL": base_url, **env}
    for key in ("ADMIN_EMAIL", "ADMIN_PASSWORD"):
        if key not in env:
            environment.pop(key, None)
    return subprocess.run(
        [str(SCRIPTS_DIR / name)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT,
    )


def calls(output: str, base_url: str) -> list[tuple[str, str, int]]:
    """(method, path, status) of every request the script printed."""
    pattern = re.compile(r"^> (\w+) (\S+)\n(?:.*\n)*?< (\d{3})$", re.MULTILINE)
    found = []
    for method, url, status in pattern.findall(output):
        assert url.startswith(base_url), url
        found.append((method, url.removeprefix(base_url), int(status)))
    return found


def shows(found: list[tuple[str, str, int]], method: str, prefix: str, status: int) -> bool:
    return any(m == method and p.startswith(prefix) and s == status for m, p, s in found)


def test_every_family_has_a_walkthrough():
    scripts = sorted(path.name for path in SCRIPTS_DIR.glob("0*.sh"))
    assert scripts == sorted(EXPECTED_CALLS)
    for name in scripts:
        assert os.access(SCRIPTS_DIR / name, os.X_OK), f"{name} is not executable"


@pytest.mark.parametrize("name", sorted(EXPECTED_CALLS))
def test_walkthrough_meets_every_expected_status(demo, name):
    result = run_script(
        name, demo.server.url, ADMIN_EMAIL=demo.admin_email, ADMIN_PASSWORD=demo.admin_password
    )
    report = f"{result.stdout}\n--- stderr\n{result.stderr}\n--- server\n{demo.server.log()}"
    assert result.returncode == 0, report
    assert result.stderr == "", report
    assert "NOTE: ADMIN_EMAIL" not in result.stdout
    found = calls(result.stdout, demo.server.url)
    missing = [call for call in EXPECTED_CALLS[name] if not shows(found, *call)]
    assert missing == [], report
    assert result.stdout.rstrip().endswith(
        f"OK: {name} made {len(found)} requests, each answered as expected."
    )


def test_walkthrough_without_an_admin_skips_the_admin_part_with_a_note(demo):
    result = run_script("003_shop.sh", demo.server.url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "NOTE: ADMIN_EMAIL / ADMIN_PASSWORD not set" in result.stdout
    found = calls(result.stdout, demo.server.url)
    assert shows(found, "POST", "/api/products", 403)
    assert not shows(found, "POST", "/api/products", 201)


def test_unexpected_status_stops_the_walkthrough_with_a_clear_message(demo):
    script = '. scripts/curl/lib.sh; call GET /movies/999999999 200; echo "not reached"'
    result = subprocess.run(
        ["bash", "-c", f"set -euo pipefail; {script}"],
        cwd=PROJECT_DIR,
        env={**os.environ, "BASE_URL": demo.server.url},
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT,
    )
    assert result.returncode == 1
    assert f"> GET {demo.server.url}/movies/999999999\n< 404\n" in result.stdout
    assert "not reached" not in result.stdout
    assert result.stderr == (
        f"FAILED: GET {demo.server.url}/movies/999999999 answered 404, expected 200\n"
    )


def test_unreachable_server_stops_the_walkthrough():
    # A port nobody listens on: one just closed.
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
    result = run_script("000_cassettes.sh", f"http://127.0.0.1:{port}")
    assert result.returncode == 2
    assert f"FAILED: no answer from http://127.0.0.1:{port}/api/auth/signup" in result.stderr

"""The Postman collection (`postman_collection.json`) calls every endpoint of the contracts
and runs green with newman against a real server: gunicorn on a copy of the bundled data.db.

newman comes from `node_modules/` (`npm ci`, which `make test` runs when npm is installed);
without Node.js the run is skipped, saying why.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app import create_app
from config import TestConfig, settings
from dao.model import db
from tests.live import PROJECT_DIR, live_server

COLLECTION = PROJECT_DIR / "postman_collection.json"
ENVIRONMENT = PROJECT_DIR / "postman_environment.json"
NEWMAN = PROJECT_DIR / "node_modules" / ".bin" / "newman"
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "postman-admin-9"
NEWMAN_TIMEOUT = 300  # seconds for a whole run; a normal one takes a few

FAMILY_FOLDERS = [
    "004 Movie catalog",
    "000 VHS cassette shop",
    "001 Car dealer",
    "002 Phone login and referral codes",
    "003 Products and orders",
    "Service endpoints",
]
# Every call of CONTRACTS.md as (method, path), `<x>` standing for a path parameter.
CATALOG_CALLS = [
    (method, f"/{kind}{item}")
    for kind in ("movies", "genres", "directors")
    for method, item in [
        ("GET", ""),
        ("GET", "/<x>"),
        ("POST", ""),
        ("PUT", "/<x>"),
        ("PATCH", "/<x>"),
        ("DELETE", "/<x>"),
    ]
]
CONTRACT_CALLS = [
    # 004 movie catalog
    *CATALOG_CALLS,
    ("POST", "/auth/register"),
    ("POST", "/auth/login"),
    ("PUT", "/auth/login"),
    ("GET", "/user"),
    ("PATCH", "/user"),
    ("PUT", "/user/password"),
    ("GET", "/favorites/movies"),
    ("POST", "/favorites/movies/<x>"),
    ("DELETE", "/favorites/movies/<x>"),
    # 000 VHS cassette shop (and its correctly spelt alias)
    ("POST", "/api/auth/signup"),
    ("POST", "/api/auth/token"),
    ("DELETE", "/api/auth/token"),
    ("GET", "/api/cassetes"),
    ("GET", "/api/cassetes/<x>"),
    ("POST", "/api/cassetes"),
    ("PUT", "/api/cassetes/<x>"),
    ("PATCH", "/api/cassetes/<x>"),
    ("DELETE", "/api/cassetes/<x>"),
    ("GET", "/api/cassettes"),
    ("GET", "/api/cassettes/<x>"),
    # 001 car dealer
    ("POST", "/register"),
    ("POST", "/auth"),
    ("GET", "/auto/<x>"),
    ("POST", "/auto/<x>"),
    ("PUT", "/auto/<x>"),
    ("PATCH", "/auto/<x>"),
    ("DELETE", "/auto/<x>"),
    ("GET", "/stock"),
    # 002 phone login and referral codes
    ("POST", "/api/v1/auth/signup"),
    ("POST", "/api/v1/auth/code"),
    ("GET", "/api/v1/users"),
    ("GET", "/api/v1/users/<x>"),
    ("PATCH", "/api/v1/users/<x>"),
    ("POST", "/api/v1/users/<x>"),
    # 003 products and orders
    ("POST", "/api/auth"),
    ("POST", "/api/refresh"),
    ("GET", "/api/me"),
    ("PATCH", "/api/me"),
    ("GET", "/api/products"),
    ("GET", "/api/products/<x>"),
    ("POST", "/api/products"),
    ("PUT", "/api/products/<x>"),
    ("PATCH", "/api/products/<x>"),
    ("DELETE", "/api/products/<x>"),
    ("POST", "/api/order"),
    ("GET", "/api/my-orders"),
    ("GET", "/api/offers"),
    ("GET", "/api/offers/<x>"),
    ("POST", "/api/offers"),
    ("PATCH", "/api/offers/<x>"),
    ("DELETE", "/api/offers/<x>"),
    # service endpoints
    ("GET", "/health"),
    ("GET", "/swagger"),
    ("GET", "/api/swagger"),
    ("GET", "/swagger.json"),
]


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(COLLECTION.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def newman() -> Path:
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed: newman, which runs the Postman collection, needs it")
    if not NEWMAN.exists():
        pytest.skip("node_modules/.bin/newman is missing: run `npm ci` (make test runs it)")
    return NEWMAN


def items_in(items: list) -> list[dict]:
    """The request items of a collection, folders flattened, in run order."""
    found = []
    for item in items:
        found.extend(items_in(item["item"]) if "item" in item else [item])
    return found


def call_of(request: dict) -> tuple[str, str]:
    """(method, path): any variable or number in the path as `<x>`, no trailing slash."""
    raw = request["url"]["raw"]
    assert raw.startswith("{{baseUrl}}/"), raw
    path = raw.removeprefix("{{baseUrl}}").partition("?")[0].rstrip("/")
    parts = ["<x>" if "{{" in part or part.isdigit() else part for part in path.split("/")]
    return request["method"], "/".join(parts)


def test_collection_is_postman_v2_1_with_a_folder_per_family(collection):
    assert collection["info"]["schema"] == (
        "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    )
    assert [folder["name"] for folder in collection["item"]] == FAMILY_FOLDERS


@pytest.mark.parametrize(("method", "path"), CONTRACT_CALLS)
def test_collection_calls_every_endpoint_of_the_contracts(collection, method, path):
    calls = {call_of(item["request"]) for item in items_in(collection["item"])}
    assert (method, path) in calls


def test_every_request_of_the_collection_asserts_something(collection):
    def tests_of(item: dict) -> str:
        return "\n".join(
            "\n".join(event["script"]["exec"])
            for event in item.get("event", [])
            if event["listen"] == "test"
        )

    untested = [
        item["name"] for item in items_in(collection["item"]) if "pm.test(" not in tests_of(item)
    ]
    assert untested == []


def test_environment_sets_the_base_url_and_names_the_admin():
    environment = json.loads(ENVIRONMENT.read_text(encoding="utf-8"))
    values = {entry["key"]: entry["value"] for entry in environment["values"]}
    assert values == {
        "baseUrl": "http://127.0.0.1:5000",
        "adminEmail": ADMIN_EMAIL,
        "adminPassword": "",
    }


def test_collection_runs_green_twice_on_a_live_server(newman, collection, tmp_path):
    database = tmp_path / "storefront.db"
    shutil.copy(PROJECT_DIR / "data.db", database)
    create_admin(database)
    request_count = len(items_in(collection["item"]))
    report = tmp_path / "newman.json"
    with live_server(database, workers=2, SMS_DELAY_SECONDS="0") as server:
        # Two iterations: each picks new accounts, so the second runs on the first one's data.
        result = run_newman(newman, server.url, report, iterations=2)
        assert result.returncode == 0, (
            f"newman failed:\n{result.stdout}\n{result.stderr}\nserver log:\n{server.log()}"
        )
    stats = json.loads(report.read_text(encoding="utf-8"))["run"]["stats"]
    assert stats["iterations"] == {"total": 2, "pending": 0, "failed": 0}
    assert stats["requests"] == {"total": 2 * request_count, "pending": 0, "failed": 0}
    assert stats["assertions"]["failed"] == 0
    assert stats["assertions"]["total"] > 2 * request_count


def create_admin(database: Path) -> None:
    """The admin whom the catalog and product writes log in as (no HTTP call makes one):
    `flask --app app create-admin` on the database the server will serve."""
    app = create_app({**settings(TestConfig), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", ADMIN_EMAIL, "--password", ADMIN_PASSWORD]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()


def run_newman(
    newman: Path, base_url: str, report: Path, iterations: int
) -> subprocess.CompletedProcess:
    """newman on the collection and its environment, pointed at `base_url`, as the admin."""
    return subprocess.run(
        [str(newman), "run", str(COLLECTION), "--environment", str(ENVIRONMENT)]
        + ["--iteration-count", str(iterations)]
        + ["--env-var", f"baseUrl={base_url}"]
        + ["--env-var", f"adminEmail={ADMIN_EMAIL}"]
        + ["--env-var", f"adminPassword={ADMIN_PASSWORD}"]
        + ["--reporters", "cli,json", "--reporter-json-export", str(report)]
        + ["--color", "off", "--timeout-request", "30000"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=NEWMAN_TIMEOUT,
    )

"""A live server on a copy of the bundled demo data, with an admin, for the client tests.

    with demo_server(tmp_path) as demo:
        demo.server.url, demo.admin_email, demo.admin_password

The bundled data.db is only ever read (copied); everything is written to the copy.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from config import TestConfig
from tests.live import PROJECT_DIR, LiveServer, live_server

BUNDLED_DATABASE = PROJECT_DIR / "data.db"
# The admin README.md's examples log in as (its `create-admin` command, run for it).
ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "admin-pass-123"


@dataclass
class DemoServer:
    server: LiveServer
    admin_email: str
    admin_password: str


def create_admin(database_path: Path, email: str, password: str) -> None:
    """`flask --app app create-admin` on the database at `database_path`, as an operator would."""
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database_path}",
        "SECRET_KEY": TestConfig.SECRET_KEY,
        "PASSWORD_HASH_METHOD": TestConfig.PASSWORD_HASH_METHOD,
    }
    command = [sys.executable, "-m", "flask", "--app", "app", "create-admin"]
    result = subprocess.run(
        [*command, "--email", email, "--password", password],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Admin {email} created" in result.stdout


@contextmanager
def demo_server(directory: Path) -> Iterator[DemoServer]:
    """Two gunicorn workers on a copy of data.db in `directory`, SMS codes without delay."""
    database_path = directory / "demo.db"
    shutil.copyfile(BUNDLED_DATABASE, database_path)
    create_admin(database_path, ADMIN_EMAIL, ADMIN_PASSWORD)
    with live_server(database_path, workers=2, SMS_DELAY_SECONDS="0") as server:
        yield DemoServer(server, ADMIN_EMAIL, ADMIN_PASSWORD)

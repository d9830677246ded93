"""The app factory: configuration warnings, the SQLite connection set-up, no early connection."""

import logging
import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from app import create_app, ensure_working_copy
from config import DEV_SECRET_KEY, WORKING_DATABASE, Config, secret_key_problem
from dao.model import db
from tests.conftest import build_app
from tests.live import PROJECT_DIR

PRAGMAS = ["journal_mode", "busy_timeout", "foreign_keys"]


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        (DEV_SECRET_KEY, "SECRET_KEY is the development default"),
        ("...", "SECRET_KEY is under 32 bytes"),
        ("é" * 15, "SECRET_KEY is under 32 bytes"),  # 30 bytes
        ("x" * 32, None),
    ],
)
def test_a_production_key_is_neither_the_default_nor_short(key, problem):
    found = secret_key_problem(key)
    if problem is None:
        assert found is None
    else:
        assert found.startswith(problem)
        assert "secrets.token_hex(32)" in found


def test_building_the_app_with_the_default_key_warns_nothing(tmp_path, caplog):
    # The CLI, --help included, and the tests build the app: they run with the default key.
    with caplog.at_level(logging.WARNING):
        build_app(tmp_path, SECRET_KEY=DEV_SECRET_KEY)
    assert "SECRET_KEY" not in caplog.text


@pytest.mark.parametrize("key", [DEV_SECRET_KEY, "..."])
def test_the_production_server_refuses_a_weak_key_in_one_line(tmp_path, key):
    environment = {**os.environ, "SECRET_KEY": key, "PORT": "0", "WEB_CONCURRENCY": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:create_app()"],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "storefront refuses to start: SECRET_KEY is" in result.stderr


def test_sqlite_runs_in_wal_mode_with_busy_timeout_and_foreign_keys(tmp_path):
    app = build_app(tmp_path)
    with app.app_context():
        values = [db.session.execute(text(f"PRAGMA {name}")).scalar() for name in PRAGMAS]
    assert values == ["wal", 5000, 1]


def test_building_the_app_opens_no_database_connection(tmp_path):
    # gunicorn.conf.py preloads the app in the master and forks workers from it: a connection
    # opened here would be shared by every worker.
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fresh.db'}"})
    with app.app_context():
        pools = [engine.pool for engine in db.engines.values()]
    assert [(pool.checkedin(), pool.checkedout()) for pool in pools] == [(0, 0)]
    assert not (tmp_path / "fresh.db").exists()


def test_the_default_database_is_a_git_ignored_working_copy_in_the_instance_folder():
    if "DATABASE_URL" not in os.environ:
        assert Config.SQLALCHEMY_DATABASE_URI == f"sqlite:///{WORKING_DATABASE}"
    assert WORKING_DATABASE.parent == PROJECT_DIR / "instance"
    assert "/instance/" in (PROJECT_DIR / ".gitignore").read_text().splitlines()


def test_the_working_copy_is_made_once_from_the_bundled_database(tmp_path):
    bundled, working = tmp_path / "data.db", tmp_path / "instance" / "data.db"
    bundled.write_bytes(b"as shipped")
    ensure_working_copy(f"sqlite:///{working}", working, bundled)
    assert working.read_bytes() == b"as shipped"
    working.write_bytes(b"used since")
    ensure_working_copy(f"sqlite:///{working}", working, bundled)
    assert working.read_bytes() == b"used since"
    assert bundled.read_bytes() == b"as shipped"


def test_another_database_gets_no_copy(tmp_path):
    bundled, working = tmp_path / "data.db", tmp_path / "instance" / "data.db"
    bundled.write_bytes(b"as shipped")
    ensure_working_copy(f"sqlite:///{tmp_path / 'other.db'}", working, bundled)
    assert not working.parent.exists()

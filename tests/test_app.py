"""The app factory: configuration warnings, the SQLite connection set-up, no early connection."""

import logging

from sqlalchemy import text

from app import create_app
from config import DEV_SECRET_KEY
from dao.model import db
from tests.conftest import build_app

PRAGMAS = ["journal_mode", "busy_timeout", "foreign_keys"]


def test_default_secret_key_is_warned_about(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        build_app(tmp_path, SECRET_KEY=DEV_SECRET_KEY)
    assert "SECRET_KEY is the development default" in caplog.text


def test_own_secret_key_raises_no_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        build_app(tmp_path)
    assert "SECRET_KEY" not in caplog.text


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

"""Every test gets an app on a fresh temporary SQLite database holding the course's movie data."""

import os
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, make_url, text

from app import create_app
from config import TestConfig, settings
from dao.model import db
from helpers.container import auth_service
from service.seed import load_demo, load_movies

PASSWORD = "correct-horse-9"


def build_app(tmp_path, database_url: str | None = None, **overrides):
    """An app with the test settings and `overrides` on a new database holding the movies.

    The database is `tmp_path/test.db` unless `database_url` names another.
    """
    database_url = database_url or f"sqlite:///{tmp_path / 'test.db'}"
    app = create_app({**settings(TestConfig), "SQLALCHEMY_DATABASE_URI": database_url, **overrides})
    with app.app_context():
        db.create_all()
        load_demo(db.session, load_movies)
        db.session.commit()
    return app


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Each test runs on SQLite, and on PostgreSQL (own schema) when TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    server_url = os.environ.get("TEST_POSTGRES_URL")
    if not server_url:
        pytest.skip("TEST_POSTGRES_URL is not set: the PostgreSQL run of this test is skipped")
    with postgres_schema(server_url) as url:
        yield url


@contextmanager
def postgres_schema(server_url: str):
    """A fresh schema on the PostgreSQL server; yields a URL whose search_path is that schema."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    engine = create_engine(server_url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def app(tmp_path, database_url):
    app = build_app(tmp_path, database_url)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def login(client, email: str, password: str = PASSWORD) -> dict:
    response = client.post("/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture
def make_user(app, client):
    """Register a movie-catalog user and return their token pair."""

    def make(email: str = "ann@example.com", password: str = PASSWORD, role: str = "user") -> dict:
        with app.app_context():
            auth_service.register(password, email=email, role=role)
        return login(client, email, password)

    return make


@pytest.fixture
def user_tokens(make_user):
    return make_user()


@pytest.fixture
def user_headers(user_tokens):
    return bearer(user_tokens["access_token"])


@pytest.fixture
def admin_headers(make_user):
    return bearer(make_user("admin@example.com", role="admin")["access_token"])


@pytest.fixture
def query(app):
    """Run a callable against the database of the app under test: `query(lambda s: ...)`."""

    def run(fn):
        with app.app_context():
            return fn(db.session)

    return run

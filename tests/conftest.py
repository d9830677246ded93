"""Every test gets an app on a fresh temporary SQLite database holding the course's movie data."""

import pytest

from app import create_app
from config import TestConfig, settings
from dao.model import db
from helpers.container import auth_service
from service.seed import load_movies

PASSWORD = "correct-horse-9"


def build_app(tmp_path, **overrides):
    """An app with the test settings and `overrides`, on `tmp_path/test.db` holding the movies."""
    database_url = f"sqlite:///{tmp_path / 'test.db'}"
    app = create_app({**settings(TestConfig), "SQLALCHEMY_DATABASE_URI": database_url, **overrides})
    with app.app_context():
        db.create_all()
        load_movies(db.session)
        db.session.commit()
    return app


@pytest.fixture
def app(tmp_path):
    app = build_app(tmp_path)
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

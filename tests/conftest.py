"""Every test gets an app on a fresh database holding the course's movie data."""

import atexit
import dataclasses
import os
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from app import create_app
from config import TestConfig, settings
from dao.model import db
from helpers import container
from helpers.container import auth_service, user_dao
from service.movies.catalog import load_movies
from service.seed import load_demo

PASSWORD = "correct-horse-9"


def build_app(tmp_path, database_url: str | None = None, **overrides):
    """An app with the test settings and `overrides` on a database holding the movies.

    The database is a copy of the SQLite template at `tmp_path/test.db` unless
    `database_url` names another, already prepared one.
    """
    if database_url is None:
        shutil.copy(_sqlite_template(), tmp_path / "test.db")
        database_url = f"sqlite:///{tmp_path / 'test.db'}"
    return create_app(
        {**settings(TestConfig), "SQLALCHEMY_DATABASE_URI": database_url, **overrides}
    )


def prepare_database(database_url: str, create: bool = False) -> None:
    """Empty every table of the database (creating them first if asked) and load the movies.

    Deleting rows is ten times faster than TRUNCATE on tables this small; load_demo then
    restarts the id sequences.
    """
    engine = create_engine(database_url)
    try:
        if create:
            db.metadata.create_all(engine)
        with Session(engine) as session:
            for table in reversed(db.metadata.sorted_tables):
                session.execute(table.delete())
            load_demo(session, load_movies)
            session.commit()
    finally:
        engine.dispose()


@cache
def _sqlite_template() -> Path:
    """One prepared SQLite file per test process; each test starts from a copy of it."""
    folder = Path(tempfile.mkdtemp(prefix="storefront-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    prepare_database(f"sqlite:///{folder / 'template.db'}", create=True)
    return folder / "template.db"


@pytest.fixture(scope="session")
def postgres_url():
    """One schema per test process on the TEST_POSTGRES_URL server, or None without it."""
    server_url = os.environ.get("TEST_POSTGRES_URL")
    if not server_url:
        yield None
        return
    with postgres_schema(server_url) as url:
        prepare_database(url, create=True)
        yield url


def live_database(request) -> str | None:
    """For a module fixture parametrized "sqlite"/"postgresql": None (build_app's SQLite
    copy), or the test process's PostgreSQL schema holding only the movies. Skips the
    PostgreSQL run without TEST_POSTGRES_URL."""
    if request.param == "sqlite":
        return None
    database_url = request.getfixturevalue("postgres_url")
    if database_url is None:
        pytest.skip("TEST_POSTGRES_URL is not set: the PostgreSQL run of this test is skipped")
    prepare_database(database_url)
    return database_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    """Each test runs on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.getbasetemp() / 'shared-test.db'}"
    url = request.getfixturevalue("postgres_url")
    if url is None:
        pytest.skip("TEST_POSTGRES_URL is not set: the PostgreSQL run of this test is skipped")
    return url


_shared_apps: dict = {}


def _shared_app(database_url: str):
    """One app per database for the whole run (building an app costs more than most tests).

    Before each test it is put back as new: settings, caches, rate-limit counters, and a
    database holding only the movies.
    """
    if database_url not in _shared_apps:
        app = create_app({**settings(TestConfig), "SQLALCHEMY_DATABASE_URI": database_url})
        _shared_apps[database_url] = (app, dict(app.config))
    app, baseline = _shared_apps[database_url]
    app.config.clear()
    app.config.update(baseline)
    app.extensions.pop("public_cache", None)
    app.extensions["rate_limits"].reset()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if database_url.startswith("sqlite"):
        path = Path(make_url(database_url).database)
        for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copy(_sqlite_template(), path)
    else:
        prepare_database(database_url)
    return app


@contextmanager
def postgres_schema(server_url: str):
    """A fresh schema on the PostgreSQL server; yields a URL whose search_path is that schema."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    engine = create_engine(server_url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        # Tests need no durability: not waiting for each commit's fsync halves their time.
        options = f"-csearch_path={schema} -csynchronous_commit=off"
        url = make_url(server_url).update_query_dict({"options": options})
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def app(database_url):
    app = _shared_app(database_url)
    yield app
    with app.app_context():
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def login(client, email: str, password: str = PASSWORD) -> dict:
    response = client.post("/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.json
    return response.json


def sign_up(app, username: str = "ann", role: str = "user", password: str = PASSWORD) -> int:
    """The one way tests make a password account: known by `username` and by
    `<username>@example.com`, so that every family's login finds it. Its id."""
    with app.app_context():
        user = auth_service.register(
            password, email=f"{username}@example.com", username=username, role=role
        )
        return user.id


# Each family's own login: its path, the field naming the account, the scheme and answer key.
FAMILY_LOGINS = {
    "movies": ("/auth/login", "email", "Bearer", "access_token"),
    "cassettes": ("/api/auth/token", "username", "Token", "token"),
    "dealer": ("/auth", "username", "JWT", "access_token"),
    "shop": ("/api/auth", "username", "Bearer", "access"),
}


def sign_in(client, family: str, username: str = "ann", password: str = PASSWORD) -> dict:
    """The `Authorization` header the family's own login gives the account `username`
    (for "phone", `username` is the phone number, logged in with a code)."""
    if family == "phone":
        from tests.referral_support import TOKEN_KEY, phone_login

        return {"Authorization": f"Token {phone_login(client, username)[TOKEN_KEY]}"}
    path, field, scheme, key = FAMILY_LOGINS[family]
    login_name = f"{username}@example.com" if field == "email" else username
    response = client.post(path, json={field: login_name, "password": password})
    assert response.status_code == 200, response.json
    return {"Authorization": f"{scheme} {response.json[key]}"}


@pytest.fixture
def signed_in(app, client):
    """`signed_in(family, username="ann", role="user")`: the header of that family's login
    for the account `username`, signed up on first use."""

    def sign(family: str = "movies", username: str = "ann", role: str = "user") -> dict:
        if family != "phone":
            with app.app_context():
                known = user_dao.get_by_username(username) is not None
            if not known:
                sign_up(app, username, role)
        return sign_in(client, family, username)

    return sign


@pytest.fixture
def make_user(app, client):
    """A movie-catalog account `<name>@example.com` (with its password), and its token pair."""

    def make(email: str = "ann@example.com", password: str = PASSWORD, role: str = "user") -> dict:
        sign_up(app, email.partition("@")[0], role, password)
        return login(client, email, password)

    return make


@pytest.fixture
def user_tokens(make_user):
    return make_user()


@pytest.fixture
def user_headers(user_tokens):
    return bearer(user_tokens["access_token"])


@pytest.fixture
def admin_headers(signed_in):
    return signed_in("movies", "admin", "admin")


@pytest.fixture
def query(app):
    """Run a callable against the database of the app under test: `query(lambda s: ...)`."""

    def run(fn):
        with app.app_context():
            return fn(db.session)

    return run


def sqlite_path(app) -> Path:
    """The app's SQLite file; skips the test on other databases (it checks a SQLite detail)."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite":
        pytest.skip("checks how SQLite stores or locks; not applicable to this database")
    return Path(url.database)


@pytest.fixture
def outside():
    """The container's `Outside`, where a test hands in its fakes (a clock, fixed codes); what
    it held is put back afterwards."""
    saved = dataclasses.replace(container.outside)
    yield container.outside
    vars(container.outside).update(vars(saved))
